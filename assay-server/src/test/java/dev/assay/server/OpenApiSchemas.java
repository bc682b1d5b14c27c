package dev.assay.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small checker of JSON values against the schemas of an OpenAPI 3.1 document, enough to catch drift
 * between the served document and the server: local {@code $ref}s, {@code type} (also as a list, for
 * nullable fields), {@code required}, {@code properties} (and no undocumented ones), {@code items},
 * {@code additionalProperties} and {@code format: date-time}. Not a full JSON Schema validator.
 */
final class OpenApiSchemas {
  private final JsonNode document;

  OpenApiSchemas(JsonNode document) {
    this.document = document;
  }

  /** Follows {@code #/…} references until a node without {@code $ref}. */
  JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; current.has("$ref"); hops++) {
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#/") || hops > 20) {
        throw new IllegalArgumentException("unsupported or cyclic $ref " + ref);
      }
      JsonNode target = document.at(ref.substring(1));
      if (target.isMissingNode()) {
        throw new IllegalArgumentException("dangling $ref " + ref);
      }
      current = target;
    }
    return current;
  }

  /** Every {@code $ref} anywhere in the document that does not resolve. */
  List<String> danglingRefs() {
    List<String> out = new ArrayList<>();
    collectRefs(document, out);
    return out.stream().filter(ref -> !ref.startsWith("#/") || document.at(ref.substring(1)).isMissingNode()).toList();
  }

  private static void collectRefs(JsonNode node, List<String> out) {
    if (node.isObject() && node.has("$ref")) {
      out.add(node.get("$ref").asText());
    }
    node.forEach(child -> collectRefs(child, out));
  }

  /** The problems of {@code value} against {@code schema}; empty when it conforms. */
  List<String> check(JsonNode value, JsonNode schema) {
    List<String> errors = new ArrayList<>();
    check(value, schema, "$", errors);
    return errors;
  }

  private void check(JsonNode value, JsonNode schemaOrRef, String at, List<String> errors) {
    JsonNode schema = resolve(schemaOrRef);
    if (schema.has("type") && !typeMatches(value, schema.get("type"))) {
      errors.add(at + ": expected type " + schema.get("type") + " but got " + value.getNodeType());
      return;
    }
    if (value.isTextual() && "date-time".equals(schema.path("format").asText())) {
      try {
        Instant.parse(value.asText());
      } catch (DateTimeParseException e) {
        errors.add(at + ": not an ISO-8601 date-time: " + value.asText());
      }
    }
    if (value.isObject()) {
      schema.path("required").forEach(r -> {
        if (!value.has(r.asText())) {
          errors.add(at + ": missing required property " + r.asText());
        }
      });
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.get("additionalProperties");
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        String where = at + "." + field.getKey();
        if (properties.has(field.getKey())) {
          check(field.getValue(), properties.get(field.getKey()), where, errors);
        } else if (additional != null && additional.isObject()) {
          check(field.getValue(), additional, where, errors);
        } else if (properties.size() > 0 && (additional == null || !additional.asBoolean(true))) {
          errors.add(where + ": property not in the schema");
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), schema.get("items"), at + "[" + i + "]", errors);
      }
    }
  }

  private static boolean typeMatches(JsonNode value, JsonNode type) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (typeMatches(value, t)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "array" -> value.isArray();
      case "object" -> value.isObject();
      case "null" -> value.isNull();
      default -> false;
    };
  }
}
