package dev.assay.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one JSON mapper of the evaluator code and the small conversions it needs. */
final class EvalJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private EvalJson() {}

  /** A JSON object's text as a map; null when the text is null, blank or not a JSON object. */
  static Map<String, Object> objectOrNull(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    String t = json.strip();
    if (!t.startsWith("{")) {
      return null;
    }
    try {
      return MAPPER.readValue(t, MAP);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Parsed JSON (map, list, string, number, boolean) or null when the text is not JSON. */
  static Object parseOrNull(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * A value as template text: strings as they are, whole numbers without a trailing {@code .0}, lists and
   * maps as JSON; null stays null.
   */
  static String text(Object value) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return write(value);
  }
}
