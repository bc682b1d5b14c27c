import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A tiny, deterministic question-answering "app" for trying `assay eval` offline: the task under test of
 * examples/assay.yaml. Assay runs it once per example (no shell) with
 * {"input": {"question": ...}, "metadata": {...}, "example_id": ...} on stdin and reads the answer from stdout.
 *
 * It answers from a fixed table, so every run scores the same. `--regress` makes it answer a few questions
 * wrongly, to see a gate fail: java QaApp.java --regress.
 *
 * Runs with any JDK 11 or newer as a single source file: java examples/qa-app/QaApp.java
 */
public class QaApp {
  private static final Map<String, String> ANSWERS = new LinkedHashMap<>();

  static {
    ANSWERS.put("capital of france", "Paris");
    ANSWERS.put("capital of japan", "Tokyo");
    ANSWERS.put("capital of italy", "Rome");
    ANSWERS.put("capital of canada", "Ottawa");
    ANSWERS.put("capital of australia", "Canberra");
    ANSWERS.put("largest planet", "Jupiter");
    ANSWERS.put("red planet", "Mars");
    ANSWERS.put("boiling point of water", "100 degrees Celsius");
    ANSWERS.put("freezing point of water", "0 degrees Celsius");
    ANSWERS.put("chemical symbol for gold", "Au");
    ANSWERS.put("chemical symbol for iron", "Fe");
    ANSWERS.put("romeo and juliet", "William Shakespeare");
    ANSWERS.put("speed of light", "About 300,000 km per second");
    ANSWERS.put("leap year", "366");
    ANSWERS.put("sides does a hexagon", "6");
  }

  private static final Map<String, String> REGRESSED = Map.of(
      "capital of australia", "Sydney",
      "chemical symbol for iron", "Ir",
      "romeo and juliet", "Christopher Marlowe",
      "speed of light", "I don't know");

  public static void main(String[] args) throws IOException {
    boolean regress = args.length > 0 && args[0].equals("--regress");
    String request = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    String question = stringField(request, "question");
    if (question == null) {
      System.err.println("QaApp: no \"question\" in the input");
      System.exit(2);
    }
    String q = question.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> entry : ANSWERS.entrySet()) {
      if (q.contains(entry.getKey())) {
        String answer = regress && REGRESSED.containsKey(entry.getKey()) ? REGRESSED.get(entry.getKey())
            : entry.getValue();
        System.out.print(answer);
        return;
      }
    }
    System.out.print("I don't know");
  }

  /** The first string value of "name" in a JSON text (enough for Assay's request; no library needed). */
  static String stringField(String json, String name) {
    int at = json.indexOf("\"" + name + "\"");
    if (at < 0) {
      return null;
    }
    int colon = json.indexOf(':', at + name.length() + 2);
    int quote = colon < 0 ? -1 : json.indexOf('"', colon);
    if (quote < 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = quote + 1; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\' && i + 1 < json.length()) {
        char e = json.charAt(++i);
        switch (e) {
          case 'n': sb.append('\n'); break;
          case 't': sb.append('\t'); break;
          case 'r': sb.append('\r'); break;
          case 'b': sb.append('\b'); break;
          case 'f': sb.append('\f'); break;
          case 'u':
            sb.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
            i += 4;
            break;
          default: sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
    return null;
  }
}
