package dev.assay.cli.ci;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated {@code assay.yaml} documents (deterministic seed): valid configurations mutated line by line and
 * character by character, wrong types spliced in, YAML edge cases (anchors, tags, deep nesting, several documents).
 * Each one either loads or fails with an {@link EvalConfigException} whose every problem names {@code line:col};
 * nothing else may be thrown.
 */
class EvalConfigFuzzTest {
  private static final Pattern LOCATED = Pattern.compile("^assay\\.yaml:\\d+:\\d+: .+", Pattern.DOTALL);
  private static final List<String> VALID = List.of("""
      name: qa
      tests:
        - input: {question: "Capital of France?"}
          expected: Paris
        - vars: {question: "2+2?"}
          expected: {answer: "4"}
          metadata: {topic: math}
      task: {http: "http://127.0.0.1:9/answer", output_path: "$.answer"}
      evaluators:
        - type: equals
          fail_under: 0.8
        - {name: close, type: levenshtein, threshold: 0.8}
        - {type: icontains-any, value: [paris, "4"]}
      concurrency: 4
      repetitions: 2
      """, """
      name: files
      dataset:
        file: data.jsonl
        input_keys: [question]
        output_keys: [expected]
        id_key: id
      task:
        command: [echo, "{{question}}"]
        timeout_ms: 1000
      evaluators:
        - name: answered
          type: regex
          value: "^.+"
          min_pass_rate: 0.9
        - {name: json, type: is-json}
      """);
  private static final List<String> SPLICES = List.of("", " ", "  ", "- ", ": ", "{", "}", "[", "]", "\"", "'", "#",
      "&a ", "*a", "!!str ", "!!binary ", "!!python/object ", "<<: *a", "---\n", "...\n", "? ", "|\n", ">\n", "\t",
      "null", "~", "true", "1e400", "-1", "0x1F", "99999999999999999999", "[1, 2]", "{a: 1}", "\u0000", "\uFEFF",
      "é", "🚀", "evaluators: 3", "dataset: []", "tests: {}", "task: 5", "concurrency: many", "repetitions: 1000",
      "type: nope", "threshold: [0.5]", "file: ../../../../etc/passwd", "file: \"\"", "\n", "\r\n", "%YAML 1.2\n");

  @TempDir Path dir;

  @Test
  void mutatedDocuments_loadOrFailWithLineAndColumn() throws Exception {
    Files.writeString(dir.resolve("data.jsonl"), "{\"id\":\"1\",\"question\":\"q\",\"expected\":\"a\"}\n");
    Random random = new Random(8_0_2026_11_27L);
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    int inputs = 0;
    for (; inputs < 2_000; inputs++) {
      String base = VALID.get(random.nextInt(VALID.size()));
      String text = switch (inputs % 4) {
        case 0 -> mutateLines(base, random);
        case 1 -> mutateChars(base, random, 1 + random.nextInt(3));
        case 2 -> mutateChars(mutateLines(base, random), random, 1);
        default -> edge(random);
      };
      long t0 = System.nanoTime();
      outcomes.merge(check(text, failures), 1, Integer::sum);
      long took = System.nanoTime() - t0;
      if (took > 1_000_000_000L) { // a pathological document (on a loaded machine most take 1-100 ms)
        System.out.println("slow (" + took / 1_000_000 + " ms): " + text.substring(0, Math.min(200, text.length())));
      }
    }
    System.out.println("EvalConfigFuzzTest: " + inputs + " inputs, outcomes " + outcomes);
    assertTrue(failures.isEmpty(), failures.size() + " failures, e.g.\n" + String.join("\n----\n",
        failures.stream().collect(java.util.stream.Collectors.toMap(f -> f.substring(0, Math.min(50, f.length())), f -> f,
            (a, b) -> a, TreeMap::new)).values()));
    assertTrue(outcomes.getOrDefault("loaded", 0) > 50, outcomes.toString());
    assertTrue(outcomes.getOrDefault("config error", 0) > 1_000, outcomes.toString());
  }

  private String check(String text, List<String> failures) {
    try {
      EvalConfigLoader.parse(Path.of("assay.yaml"), dir.resolve("assay.yaml"), text);
      return "loaded";
    } catch (EvalConfigException e) {
      for (String problem : e.problems()) {
        if (!LOCATED.matcher(problem).matches()) {
          failures.add("unlocated problem '" + problem + "' for:\n" + text);
          break;
        }
      }
      return "config error";
    } catch (RuntimeException | StackOverflowError e) {
      failures.add(e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?") + " for:\n" + text);
      return "exception";
    }
  }

  private static String mutateLines(String text, Random random) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    int at = random.nextInt(lines.size());
    switch (random.nextInt(5)) {
      case 0 -> lines.remove(at);
      case 1 -> lines.add(at, lines.get(random.nextInt(lines.size()))); // a duplicated line (often a duplicate key)
      case 2 -> lines.set(at, " ".repeat(random.nextInt(5)) + lines.get(at).strip()); // re-indented
      case 3 -> lines.set(at, lines.get(at) + SPLICES.get(random.nextInt(SPLICES.size())));
      default -> lines.add(at, SPLICES.get(random.nextInt(SPLICES.size())));
    }
    return String.join("\n", lines) + "\n";
  }

  private static String mutateChars(String text, Random random, int times) {
    StringBuilder b = new StringBuilder(text);
    for (int i = 0; i < times; i++) {
      int at = random.nextInt(b.length() + 1);
      switch (random.nextInt(4)) {
        case 0 -> b.insert(at, SPLICES.get(random.nextInt(SPLICES.size())));
        case 1 -> b.delete(Math.min(at, b.length()), Math.min(b.length(), at + 1 + random.nextInt(6)));
        case 2 -> b.setLength(at);
        default -> {
          if (at < b.length()) {
            b.setCharAt(at, "{}[]:-'\"#&*!| \n".charAt(random.nextInt(15)));
          }
        }
      }
    }
    return b.toString();
  }

  /** Documents no mutation reaches easily: empty, scalars, deep nesting, alias bombs, several documents. */
  private static String edge(Random random) {
    int n = 1 + random.nextInt(300);
    return switch (random.nextInt(10)) {
      case 0 -> "";
      case 1 -> "   \n# only a comment\n";
      case 2 -> "evaluators: " + "[".repeat(n) + "]".repeat(n) + "\n";
      case 3 -> "evaluators:\n" + "  - {a: ".repeat(1) + "{b: ".repeat(n) + "1" + "}".repeat(n + 1) + "\n";
      case 4 -> "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
          + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
      case 5 -> "name: a\n---\nname: b\n";
      case 6 -> "- 1\n- 2\n";
      case 7 -> "just a scalar";
      case 8 -> "name: " + "x".repeat(n * 100) + "\nevaluators: []\n";
      default -> "evaluators:\n" + "  - type: equals\n".repeat(n) + "tests: [{input: {q: 1}, expected: 1}]\n";
    };
  }
}
