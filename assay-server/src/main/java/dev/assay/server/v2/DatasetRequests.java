package dev.assay.server.v2;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.datasets.AxExamples;
import dev.assay.datasets.ExampleDraft;
import dev.assay.datasets.FromSpans;
import dev.assay.shared.InvalidInputException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the dataset request bodies: AX's {@code CreateDatasetRequest}, {@code UpdateDatasetRequest},
 * {@code InsertDatasetExamplesRequest}, {@code UpdateDatasetExamplesRequest} and {@code DeleteDatasetExamplesRequest},
 * and Assay's from-spans request. Bodies are strict: an unknown top-level field is a 400 naming it, and examples may
 * not carry the system fields AX refuses ({@code id} on create and append, {@code created_at}, {@code updated_at}).
 */
final class DatasetRequests {
  /** AX's cap on examples per request body; uploads and from-spans take more. */
  static final int MAX_EXAMPLES = 10_000;
  static final int MAX_DELETE_IDS = 1000;

  private static final Set<String> CREATE_FIELDS = Set.of("name", "space_id", "examples", "description");
  private static final Set<String> UPDATE_FIELDS = Set.of("name", "description");
  private static final Set<String> INSERT_FIELDS = Set.of("examples");
  private static final Set<String> UPDATE_EXAMPLES_FIELDS = Set.of("examples", "new_version");
  private static final Set<String> DELETE_FIELDS = Set.of("dataset_version_id", "example_ids");
  private static final Set<String> FROM_SPANS_FIELDS = Set.of("project_id", "filter", "start_time", "end_time", "limit",
      "name", "description", "dataset_id", "space_id", "input_path", "output_path");
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private DatasetRequests() {}

  record Create(String name, String spaceRef, String description, List<ExampleDraft> examples) {}

  record Rename(String name, String description) {}

  record Delete(String versionRef, List<String> exampleIds) {}

  static Create create(JsonNode body, ObjectMapper json) {
    allowOnly(body, CREATE_FIELDS);
    String name = requiredText(body, "name");
    return new Create(name, ApiIds.decode(SpaceController.TYPE, text(body, "space_id")), text(body, "description"),
        drafts(body, json));
  }

  static Rename update(JsonNode body) {
    allowOnly(body, UPDATE_FIELDS);
    String name = text(body, "name");
    if (name != null && name.isBlank()) {
      throw new InvalidInputException("name must not be empty or whitespace");
    }
    if (name == null && !body.has("description")) {
      throw new InvalidInputException("name is required");
    }
    String description = body.has("description") ? (body.get("description").isNull() ? "" : text(body, "description")) : null;
    return new Rename(name, description);
  }

  static List<ExampleDraft> insert(JsonNode body, ObjectMapper json) {
    allowOnly(body, INSERT_FIELDS);
    return drafts(body, json);
  }

  /** The raw flat examples of an update (each with its id), merged with the stored ones by the controller. */
  static List<Map<String, Object>> updateExamples(JsonNode body, ObjectMapper json) {
    allowOnly(body, UPDATE_EXAMPLES_FIELDS);
    List<Map<String, Object>> out = flatExamples(body, json);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < out.size(); i++) {
      Map<String, Object> flat = out.get(i);
      AxExamples.toDraft(flat, true, "examples[" + i + "]"); // checks id, system fields, shape
      String id = ApiIds.decode(DatasetJson.EXAMPLE_TYPE, (String) flat.get("id"));
      if (!seen.add(id)) {
        throw new InvalidInputException("examples[" + i + "].id appears more than once");
      }
      flat.put("id", id);
    }
    return out;
  }

  static String newVersion(JsonNode body) {
    String v = text(body, "new_version");
    return v == null || v.isBlank() ? null : v.strip();
  }

  static Delete delete(JsonNode body) {
    allowOnly(body, DELETE_FIELDS);
    String version = requiredText(body, "dataset_version_id");
    JsonNode ids = body.get("example_ids");
    if (ids == null || !ids.isArray() || ids.isEmpty()) {
      throw new InvalidInputException("example_ids is required: a list of 1 to " + MAX_DELETE_IDS + " example ids");
    }
    if (ids.size() > MAX_DELETE_IDS) {
      throw new InvalidInputException("example_ids holds " + ids.size() + " ids; at most " + MAX_DELETE_IDS + " per request");
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      JsonNode id = ids.get(i);
      if (!id.isTextual() || id.asText().isBlank()) {
        throw new InvalidInputException("example_ids[" + i + "] must be a non-empty string");
      }
      String decoded = ApiIds.decode(DatasetJson.EXAMPLE_TYPE, id.asText());
      if (!seen.add(decoded)) {
        throw new InvalidInputException("example_ids[" + i + "] appears more than once");
      }
      out.add(decoded);
    }
    return new Delete(ApiIds.decode(DatasetJson.VERSION_TYPE, version), out);
  }

  static FromSpans fromSpans(JsonNode body) {
    allowOnly(body, FROM_SPANS_FIELDS);
    String name = text(body, "name");
    String dataset = text(body, "dataset_id");
    if ((name == null) == (dataset == null)) {
      throw new InvalidInputException("give exactly one of name (a new dataset) and dataset_id (append to one)");
    }
    JsonNode limit = body.get("limit");
    if (limit != null && !limit.isNull() && !limit.canConvertToInt()) {
      throw new InvalidInputException("limit must be an integer between 1 and " + FromSpans.MAX_LIMIT);
    }
    return new FromSpans(ApiIds.decode(ProjectController.TYPE, requiredText(body, "project_id")), text(body, "filter"),
        time(body, "start_time"), time(body, "end_time"), limit == null || limit.isNull() ? 1000 : limit.asInt(), name,
        text(body, "description"), ApiIds.decode(DatasetJson.TYPE, dataset),
        ApiIds.decode(SpaceController.TYPE, text(body, "space_id")), text(body, "input_path"), text(body, "output_path"));
  }

  private static List<ExampleDraft> drafts(JsonNode body, ObjectMapper json) {
    List<Map<String, Object>> flat = flatExamples(body, json);
    List<ExampleDraft> out = new ArrayList<>(flat.size());
    for (int i = 0; i < flat.size(); i++) {
      out.add(AxExamples.toDraft(flat.get(i), false, "examples[" + i + "]"));
    }
    return out;
  }

  private static List<Map<String, Object>> flatExamples(JsonNode body, ObjectMapper json) {
    JsonNode examples = body.get("examples");
    if (examples == null || !examples.isArray() || examples.isEmpty()) {
      throw new InvalidInputException("examples is required: a non-empty list of example objects");
    }
    if (examples.size() > MAX_EXAMPLES) {
      throw new InvalidInputException("examples holds " + examples.size() + " examples; at most " + MAX_EXAMPLES
          + " per request (upload a file for more)");
    }
    List<Map<String, Object>> out = new ArrayList<>(examples.size());
    for (int i = 0; i < examples.size(); i++) {
      JsonNode e = examples.get(i);
      if (!e.isObject()) {
        throw new InvalidInputException("examples[" + i + "] must be a JSON object");
      }
      if (e.isEmpty()) {
        throw new InvalidInputException("examples[" + i + "] is empty: an example needs at least one property");
      }
      out.add(new java.util.LinkedHashMap<>(json.convertValue(e, OBJECT)));
    }
    return out;
  }

  static void allowOnly(JsonNode body, Set<String> allowed) {
    body.fieldNames().forEachRemaining(field -> {
      if (!allowed.contains(field)) {
        throw new InvalidInputException("unknown field " + field + "; allowed: " + allowed.stream().sorted().toList());
      }
    });
  }

  private static String requiredText(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new InvalidInputException(field + " is required (a non-empty string)");
    }
    return v.asText();
  }

  static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidInputException(field + " must be a string");
    }
    return v.asText();
  }

  private static Instant time(JsonNode body, String field) {
    String t = text(body, field);
    if (t == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(field + " '" + t + "' is not an ISO-8601 date-time with an offset");
    }
  }
}
