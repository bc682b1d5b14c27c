package dev.assay.server.v2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.shared.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reading fields of a strict JSON request body, shared by the {@code *Requests} and {@code *Json} parsers: a field
 * of the wrong type or an unknown field is a 400 that names it, so a request is refused before anything changes.
 */
final class JsonFields {
  private JsonFields() {}

  /** Refuses any field not in {@code allowed}; {@code prefix} names the enclosing object in the message. */
  static void rejectUnknown(JsonNode body, Set<String> allowed, String prefix) {
    body.fieldNames().forEachRemaining(field -> {
      if (!allowed.contains(field)) {
        throw new InvalidInputException("unknown field " + prefix + field + "; allowed: "
            + allowed.stream().sorted().map(f -> prefix + f).toList());
      }
    });
  }

  static String requiredText(JsonNode body, String field) {
    return requiredText(body, field, field);
  }

  /** A string field that must be present and not blank; {@code label} names it in the message. */
  static String requiredText(JsonNode body, String field, String label) {
    String value = text(body, field, label);
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(label + " is required and must not be blank");
    }
    return value;
  }

  static String text(JsonNode body, String field) {
    return text(body, field, field);
  }

  /** A string field, null when absent or null; any other JSON type is a 400 naming {@code label}. */
  static String text(JsonNode body, String field, String label) {
    if (!present(body, field)) {
      return null;
    }
    JsonNode value = body.get(field);
    if (!value.isTextual()) {
      throw new InvalidInputException(label + " must be a string, got " + value);
    }
    return value.asText();
  }

  static boolean present(JsonNode body, String field) {
    return body.has(field) && !body.get(field).isNull();
  }

  /** A {@code headers} object of header name to string value; absent or null is empty. */
  static Map<String, String> headers(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw new InvalidInputException("headers must be an object of header name to value");
    }
    node.properties().forEach(p -> {
      if (!p.getValue().isTextual()) {
        throw new InvalidInputException("headers." + p.getKey() + " must be a string");
      }
      out.put(p.getKey(), p.getValue().asText());
    });
    return out;
  }
}
