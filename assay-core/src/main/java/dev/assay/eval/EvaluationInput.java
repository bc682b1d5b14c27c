package dev.assay.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.shared.InvalidInputException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One result sent to the API or imported from a file, checked field by field so every error names the record
 * ({@code where}: "line 3", "evaluations[2]") and the field. Text values from CSV are accepted where JSON would
 * carry numbers, booleans or objects ({@code "0.5"}, {@code "true"}, {@code metadata} as JSON text); an empty
 * CSV cell is an absent field.
 */
public record EvaluationInput(Evaluation.TargetKind targetKind, String targetId, String name, String identifier,
    String label, Double score, String explanation, Boolean passed, Evaluation.AnnotatorKind annotatorKind,
    String metadataJson) {

  static final Set<String> FIELDS = Set.of("target_kind", "target_id", "name", "identifier", "label", "score",
      "explanation", "passed", "annotator_kind", "metadata");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads one record.
   *
   * @param defaultAnnotator the annotator kind when the record names none
   * @throws InvalidInputException "{where}: {field} …" for the first problem found
   */
  public static EvaluationInput parse(JsonNode node, String where, Evaluation.AnnotatorKind defaultAnnotator) {
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(where + ": expected a JSON object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!FIELDS.contains(field)) {
        throw new InvalidInputException(where + ": unknown field '" + field + "'; the fields are " + String.join(", ",
            FIELDS.stream().sorted().toList()));
      }
    }
    Evaluation.TargetKind kind = enumValue(Evaluation.TargetKind.class, text(node, "target_kind"), "target_kind", where);
    if (kind == null) {
      throw new InvalidInputException(where + ": target_kind is required");
    }
    String targetId = text(node, "target_id");
    if (targetId == null || targetId.isBlank()) {
      throw new InvalidInputException(where + ": target_id is required");
    }
    String name = text(node, "name");
    if (name == null || !EvaluatorService.RESULT_NAME.matcher(name).matches()) {
      throw new InvalidInputException(where + ": name " + (name == null ? "is required" : "'" + name
          + "' is invalid: use only letters, digits, spaces, '_', '-', '&', '(' and ')'"));
    }
    String label = text(node, "label");
    Double score = number(node, "score", where);
    String explanation = text(node, "explanation");
    if (label == null && score == null && explanation == null) {
      throw new InvalidInputException(where + ": give at least one of label, score and explanation");
    }
    Evaluation.AnnotatorKind annotator = enumValue(Evaluation.AnnotatorKind.class, text(node, "annotator_kind"),
        "annotator_kind", where);
    return new EvaluationInput(kind, targetId.strip(), name, text(node, "identifier"), label, score, explanation,
        bool(node, "passed", where), annotator == null ? defaultAnnotator : annotator, metadata(node, where));
  }

  /** The result to store in {@code projectId}, written with {@code source}. */
  public Evaluation toEvaluation(String projectId, Evaluation.Source source) {
    return new Evaluation(null, projectId, targetKind, targetId, name, identifier, null, null, label, score, explanation,
        passed, annotatorKind, source, metadataJson, null, null, null, null);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
      return null;
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private static Double number(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value != null && value.isNumber()) {
      return value.asDouble();
    }
    String text = text(node, field);
    if (text == null) {
      return null;
    }
    try {
      double parsed = Double.parseDouble(text.strip());
      if (Double.isFinite(parsed)) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new InvalidInputException(where + ": " + field + " '" + text + "' is not a number");
  }

  private static Boolean bool(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value != null && value.isBoolean()) {
      return value.asBoolean();
    }
    String text = text(node, field);
    if (text == null) {
      return null;
    }
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new InvalidInputException(where + ": " + field + " '" + text + "' is not true or false");
    };
  }

  private static String metadata(JsonNode node, String where) {
    JsonNode value = node.get("metadata");
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      return null;
    }
    if (value.isTextual()) {
      try {
        value = JSON.readTree(value.asText());
      } catch (JsonProcessingException e) {
        throw new InvalidInputException(where + ": metadata is not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
      }
    }
    if (!value.isObject()) {
      throw new InvalidInputException(where + ": metadata must be a JSON object");
    }
    return value.toString();
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field, String where) {
    if (text == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(where + ": " + field + " '" + text + "' is invalid: use one of "
          + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }
  }
}
