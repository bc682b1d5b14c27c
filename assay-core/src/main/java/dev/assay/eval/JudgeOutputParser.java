package dev.assay.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.llm.ChatResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a judge's answer leniently, because providers differ (some ignore JSON schemas, some answer with a
 * tool call, some wrap JSON in prose or a code fence, some return a number where a label was asked for). In
 * order:
 *
 * <ol>
 *   <li>{@code structured}: the whole text is the JSON object a response schema asked for;
 *   <li>{@code json}: a JSON object with a {@code label} inside the text (fenced or not);
 *   <li>{@code tool}: the arguments of the {@code record_judgement} tool call;
 *   <li>{@code label}: the first rail label in the text after a {@code LABEL:} marker if there is one, else in
 *       the whole text — as a whole word, ignoring case, with {@code _}, {@code -} and spaces interchangeable;
 *       a longer label wins where labels overlap, so "non-toxic" is never read as "toxic"; a negated label
 *       ("not correct") is skipped rather than read as that label.
 * </ol>
 *
 * Anything else is an {@link EvaluationException} that keeps the raw response. Thread-safe.
 */
public final class JudgeOutputParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> LABEL_KEYS = List.of("label", "verdict", "classification", "answer");
  private static final List<String> EXPLANATION_KEYS = List.of("explanation", "reasoning", "reason", "rationale");
  private static final Pattern LABEL_MARKER = Pattern.compile("(?i)\\blabel\\s*[:=]");
  private static final Pattern NEGATION = Pattern.compile("(?i)\\b(?:not|no|isn't|is not|never)\\s+$");
  private static final Pattern EXPLANATION_MARKER = Pattern.compile("(?i)^\\s*\\**explanation\\**\\s*[:=]\\s*");

  /** What the judge said and how it was read. */
  public record Judgement(String label, String explanation, String parseMode) {}

  private record Rail(String label, Pattern pattern) {}

  private final Map<String, Double> rails;
  /** Longest label first: where matches overlap, the longer label claims the text. */
  private final List<Rail> byLength;

  public JudgeOutputParser(Map<String, Double> rails) {
    this.rails = rails;
    List<Rail> list = new ArrayList<>();
    for (String label : rails.keySet()) {
      list.add(new Rail(label, labelPattern(label)));
    }
    list.sort(Comparator.comparingInt((Rail r) -> r.label().length()).reversed());
    this.byLength = List.copyOf(list);
  }

  /**
   * Reads a response.
   *
   * @param structuredRequested whether the request carried a response schema (decides the parse mode's name)
   * @throws EvaluationException "judge output fits no rail …" with the raw response
   */
  public Judgement parse(ChatResponse response, boolean structuredRequested) throws EvaluationException {
    String text = response.text() == null ? "" : response.text().strip();
    if (!text.isEmpty() && text.startsWith("{")) {
      Judgement whole = fromJson(readObject(text), structuredRequested ? "structured" : "json");
      if (whole != null) {
        return whole;
      }
    }
    for (JsonNode object : objectsIn(text)) {
      Judgement embedded = fromJson(object, "json");
      if (embedded != null) {
        return embedded;
      }
    }
    if (response.toolArgumentsJson() != null) {
      Judgement tool = fromJson(readObject(response.toolArgumentsJson()), "tool");
      if (tool != null) {
        return tool;
      }
    }
    Judgement label = fromText(text);
    if (label != null) {
      return label;
    }
    String raw = response.raw() != null ? response.raw()
        : response.toolArgumentsJson() != null ? response.toolArgumentsJson() : text;
    throw new EvaluationException("judge output fits no rail (expected one of " + String.join(", ", rails.keySet())
        + "): " + preview(text.isEmpty() && response.toolArgumentsJson() != null ? response.toolArgumentsJson() : text),
        raw);
  }

  /** The first rail label in free text, longest label first where they overlap; null when there is none. */
  public String findLabel(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    boolean[] claimed = new boolean[text.length()];
    String first = null;
    int firstAt = Integer.MAX_VALUE;
    for (Rail rail : byLength) {
      Matcher m = rail.pattern().matcher(text);
      while (m.find()) {
        if (overlaps(claimed, m.start(), m.end())) {
          continue;
        }
        for (int i = m.start(); i < m.end(); i++) {
          claimed[i] = true;
        }
        if (m.start() < firstAt && !negated(text, m.start())) {
          firstAt = m.start();
          first = rail.label();
        }
      }
    }
    return first;
  }

  private Judgement fromText(String text) {
    Matcher marker = LABEL_MARKER.matcher(text);
    int markerAt = -1;
    int afterMarker = -1;
    while (marker.find()) {
      markerAt = marker.start();
      afterMarker = marker.end();
    }
    if (afterMarker >= 0) {
      String label = findLabel(text.substring(afterMarker));
      if (label != null) {
        String explanation = EXPLANATION_MARKER.matcher(text.substring(0, markerAt)).replaceFirst("").strip();
        return new Judgement(label, explanation.isEmpty() ? null : explanation, "label");
      }
    }
    String label = findLabel(text);
    return label == null ? null : new Judgement(label, null, "label");
  }

  private Judgement fromJson(JsonNode node, String mode) {
    if (node == null || !node.isObject()) {
      return null;
    }
    String label = null;
    for (String key : LABEL_KEYS) {
      JsonNode value = field(node, key);
      if (value != null && !value.isNull()) {
        label = railOf(value);
        if (label != null) {
          break;
        }
      }
    }
    if (label == null) {
      return null;
    }
    String explanation = null;
    for (String key : EXPLANATION_KEYS) {
      JsonNode value = field(node, key);
      if (value != null && value.isTextual() && !value.asText().isBlank()) {
        explanation = value.asText().strip();
        break;
      }
    }
    return new Judgement(label, explanation, mode);
  }

  /** A JSON label value as a rail: the label itself (any case), a label inside a short text, or a unique score. */
  private String railOf(JsonNode value) {
    if (value.isNumber()) {
      String byScore = null;
      for (Map.Entry<String, Double> rail : rails.entrySet()) {
        if (rail.getValue() == value.asDouble()) {
          if (byScore != null) {
            return null;
          }
          byScore = rail.getKey();
        }
      }
      return byScore;
    }
    if (!value.isTextual()) {
      return null;
    }
    String text = value.asText().strip();
    for (String label : rails.keySet()) {
      if (label.equalsIgnoreCase(text)) {
        return label;
      }
    }
    return text.length() <= 200 ? findLabel(text) : null;
  }

  private static JsonNode field(JsonNode node, String key) {
    JsonNode exact = node.get(key);
    if (exact != null) {
      return exact;
    }
    var names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (name.equalsIgnoreCase(key)) {
        return node.get(name);
      }
    }
    return null;
  }

  private static JsonNode readObject(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Balanced {@code {…}} spans of the text that parse as JSON objects, in order (code fences need no special case). */
  private static List<JsonNode> objectsIn(String text) {
    List<JsonNode> objects = new ArrayList<>();
    int from = 0;
    int attempts = 0;
    while (objects.size() < 8 && attempts++ < 64) { // bounded: a long answer full of braces stays cheap
      int open = text.indexOf('{', from);
      if (open < 0) {
        break;
      }
      int close = matchingBrace(text, open);
      if (close < 0) {
        break;
      }
      JsonNode node = readObject(text.substring(open, close + 1));
      if (node != null) {
        objects.add(node);
        from = close + 1;
      } else {
        from = open + 1;
      }
    }
    return objects;
  }

  /** The index of the brace closing the one at {@code open}, skipping braces inside JSON strings; -1 if none. */
  private static int matchingBrace(String text, int open) {
    int depth = 0;
    boolean inString = false;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** "not correct" names a label but answers against it: it is never taken as that label. */
  private static boolean negated(String text, int labelStart) {
    return NEGATION.matcher(text.substring(Math.max(0, labelStart - 16), labelStart)).find();
  }

  private static boolean overlaps(boolean[] claimed, int start, int end) {
    for (int i = start; i < end; i++) {
      if (claimed[i]) {
        return true;
      }
    }
    return false;
  }

  /** The label as a whole word: not inside a longer word or hyphenated word; _, - and spaces interchangeable. */
  private static Pattern labelPattern(String label) {
    StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}_-])");
    for (String part : label.toLowerCase(Locale.ROOT).split("[\\s_-]+")) {
      if (regex.length() > "(?<![\\p{L}\\p{N}_-])".length()) {
        regex.append("[\\s_-]+");
      }
      regex.append(Pattern.quote(part));
    }
    regex.append("(?![\\p{L}\\p{N}_]|-[\\p{L}\\p{N}])");
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static String preview(String text) {
    if (text == null || text.isEmpty()) {
      return "(empty response)";
    }
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
  }
}
