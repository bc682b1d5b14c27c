package dev.assay.traces;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.eval.Evaluation;
import dev.assay.eval.Evaluation.AnnotatorKind;
import dev.assay.eval.Evaluation.TargetKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feedback a span carries inline (OpenInference {@code spec/annotations.md}) turned into evaluation
 * results with source {@link Evaluation.Source#INLINE}:
 * <ul>
 *   <li>{@code annotations.N.annotation.*} and {@code evaluations.N.evaluation.*} on the span itself;
 *   <li>{@code trace.annotations.N…} and {@code trace.evaluations.N…} on the span's trace (target id: trace id);
 *   <li>{@code session.annotations.N…} and {@code session.evaluations.N…} on the span's session (target id:
 *       its {@code session.id}); without a session they are skipped with a note.
 * </ul>
 * Fields: {@code name, score, label, explanation, annotator_kind, identifier, metadata}. An entry needs a
 * name and one of score, label or explanation, else it is skipped with a note; the span is stored either
 * way. Each entry becomes one result on its own target: trace and session feedback is never copied onto
 * spans.
 *
 * <p>{@code annotator_kind} defaults to HUMAN for annotations and LLM for evaluations. A custom kind
 * (anything but HUMAN, LLM, CODE) is stored as CODE, the kind for automated non-LLM checks, and the text
 * the span gave is kept in the result's metadata under {@code annotator_kind}. {@code metadata} is a JSON
 * object text, or flattened {@code metadata.*} keys; other text is kept as {@code {"value": text}}. A score
 * must be a finite number (numeric text accepted).
 */
final class InlineFeedback {
  private static final Pattern KEY = Pattern.compile(
      "^(trace\\.|session\\.)?(annotations|evaluations)\\.(\\d{1,6})\\.(annotation|evaluation)\\.(.+)$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private InlineFeedback() {}

  /** Where an entry sits, before its fields are read. */
  private record Slot(String scope, String family, int index) {}

  /**
   * The results the attributes carry, in attribute order of their slots.
   *
   * @param notes receives one line per skipped entry
   */
  static List<Evaluation> extract(String projectId, String traceId, String spanId, String sessionId,
      Map<String, Object> attributes, List<String> notes) {
    Map<Slot, Map<String, Object>> slots = null;
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      String key = e.getKey();
      if (!(key.startsWith("annotations.") || key.startsWith("evaluations.") || key.startsWith("trace.")
          || key.startsWith("session."))) {
        continue; // the cheap test first: almost no span has feedback
      }
      Matcher m = KEY.matcher(key);
      if (!m.matches() || !m.group(2).startsWith(m.group(4))) {
        continue;
      }
      if (slots == null) {
        slots = new LinkedHashMap<>();
      }
      Slot slot = new Slot(m.group(1) == null ? "" : m.group(1), m.group(2), Integer.parseInt(m.group(3)));
      slots.computeIfAbsent(slot, s -> new LinkedHashMap<>()).put(m.group(5), e.getValue());
    }
    if (slots == null) {
      return List.of();
    }
    List<Evaluation> results = new ArrayList<>(slots.size());
    for (Map.Entry<Slot, Map<String, Object>> e : slots.entrySet()) {
      Slot slot = e.getKey();
      String where = slot.scope() + slot.family() + "." + slot.index();
      TargetKind kind = switch (slot.scope()) {
        case "trace." -> TargetKind.TRACE;
        case "session." -> TargetKind.SESSION;
        default -> TargetKind.SPAN;
      };
      String target = switch (kind) {
        case TRACE -> traceId;
        case SESSION -> sessionId;
        default -> spanId;
      };
      if (target == null || target.isBlank()) {
        notes.add("span " + spanId + ": " + where + " skipped, the span has no session.id");
        continue;
      }
      Evaluation result = toResult(projectId, kind, target, slot.family().equals("annotations"), e.getValue());
      if (result == null) {
        notes.add("span " + spanId + ": " + where + " skipped, it needs a name and a score, label or explanation");
      } else {
        results.add(result);
      }
    }
    return results;
  }

  private static Evaluation toResult(String projectId, TargetKind kind, String targetId, boolean annotation,
      Map<String, Object> fields) {
    String name = text(fields.get("name"));
    Double score = score(fields.get("score"));
    String label = text(fields.get("label"));
    String explanation = text(fields.get("explanation"));
    if (name == null || (score == null && label == null && explanation == null)) {
      return null;
    }
    Map<String, Object> metadata = metadata(fields);
    String kindText = text(fields.get("annotator_kind"));
    AnnotatorKind annotator = annotation ? AnnotatorKind.HUMAN : AnnotatorKind.LLM;
    if (kindText != null) {
      annotator = switch (kindText.toUpperCase(Locale.ROOT)) {
        case "HUMAN" -> AnnotatorKind.HUMAN;
        case "LLM" -> AnnotatorKind.LLM;
        case "CODE" -> AnnotatorKind.CODE;
        default -> {
          metadata.put("annotator_kind", kindText);
          yield AnnotatorKind.CODE;
        }
      };
    }
    String identifier = text(fields.get("identifier"));
    return new Evaluation(null, projectId, kind, targetId, name, identifier == null ? "" : identifier, null, null, label,
        score, explanation, annotator, Evaluation.Source.INLINE, json(metadata), null, null, null, null);
  }

  private static Map<String, Object> metadata(Map<String, Object> fields) {
    Map<String, Object> metadata = new TreeMap<>();
    Object whole = fields.get("metadata");
    if (whole instanceof String s && !s.isBlank()) {
      try {
        JsonNode node = JSON.readTree(s);
        if (node.isObject()) {
          metadata.putAll(JSON.convertValue(node, JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class)));
        } else {
          metadata.put("value", s);
        }
      } catch (JsonProcessingException e) {
        metadata.put("value", s);
      }
    }
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      if (e.getKey().startsWith("metadata.")) {
        metadata.put(e.getKey().substring("metadata.".length()), e.getValue());
      }
    }
    return metadata;
  }

  private static String text(Object value) {
    if (value == null || value instanceof List<?> || value instanceof Map<?, ?>) {
      return null;
    }
    String text = value.toString();
    return text.isBlank() ? null : text;
  }

  private static Double score(Object value) {
    Double score = switch (value) {
      case Double d -> d;
      case Long l -> l.doubleValue();
      case String s -> {
        try {
          yield Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
          yield null;
        }
      }
      case null, default -> null;
    };
    return score != null && Double.isFinite(score) ? score : null;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("metadata holds plain JSON values", e);
    }
  }
}
