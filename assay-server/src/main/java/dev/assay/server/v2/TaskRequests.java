package dev.assay.server.v2;

import static dev.assay.server.v2.JsonFields.present;
import static dev.assay.server.v2.JsonFields.rejectUnknown;
import static dev.assay.server.v2.JsonFields.requiredText;
import static dev.assay.server.v2.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.eval.SubjectKind;
import dev.assay.shared.InvalidInputException;
import dev.assay.tasks.TaskDraft;
import dev.assay.tasks.TaskEvaluatorRef;
import dev.assay.tasks.TaskPatch;
import dev.assay.tasks.TaskType;
import dev.assay.tasks.TriggerRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the task request bodies as AX defines them ({@code CreateTemplateEvaluationTaskRequest},
 * {@code CreateCodeEvaluationTaskRequest}, {@code UpdateEvaluationTaskRequest},
 * {@code TriggerEvaluationTaskRunRequest}) plus Assay's count request. AX's schemas have
 * {@code additionalProperties: false}, so an unknown field is a 400 naming it, as is a field of the wrong type;
 * JSON null is the same as an absent field except for a PATCH's {@code query_filter}, where it clears the filter.
 * Checks that need the store (evaluators exist, scopes agree, filters parse) are the service's.
 */
final class TaskRequests {
  static final String DATASET_TASKS = "dataset tasks come with datasets and experiments (not yet available):"
      + " create evaluation tasks on a project (project_id)";

  private static final Set<String> CREATE_FIELDS = Set.of("name", "type", "project_id", "dataset_id",
      "experiment_ids", "sampling_rate", "is_continuous", "query_filter", "evaluators", "scope");
  private static final Set<String> UPDATE_FIELDS = Set.of("name", "sampling_rate", "is_continuous", "query_filter",
      "evaluators");
  private static final Set<String> TRIGGER_FIELDS = Set.of("data_start_time", "data_end_time", "max_spans",
      "override_evaluations", "experiment_ids");
  private static final Set<String> COUNT_FIELDS = Set.of("project_id", "scope", "query_filter", "sampling_rate",
      "data_start_time", "data_end_time");
  private static final Set<String> EVALUATOR_FIELDS = Set.of("evaluator_id", "evaluator_version_id", "query_filter",
      "column_mappings");
  /** Fields the server sets; AX rejects them on input. */
  private static final Set<String> SYSTEM_FIELDS = Set.of("id", "created_at", "updated_at", "created_by_user_id",
      "last_run_at", "paused_reason", "paused_at");
  /** The per-run fields of AX's {@code TriggerRunExperimentTaskRunRequest}. */
  private static final Set<String> EXPERIMENT_TRIGGER_FIELDS = Set.of("experiment_name", "dataset_version_id",
      "example_ids", "max_examples", "tracing_metadata", "evaluation_task_ids");

  private TaskRequests() {}

  /** The live count's request: where to count and what. */
  record Count(String projectRef, SubjectKind scope, String filter, double samplingRate, Instant start, Instant end) {}

  static TaskDraft create(JsonNode body) {
    rejectSystemFields(body, Set.of());
    String type = text(body, "type");
    if ("RUN_EXPERIMENT".equals(type) || present(body, "dataset_id") || present(body, "run_configuration")
        || (present(body, "experiment_ids") && !body.get("experiment_ids").isEmpty())) {
      throw new InvalidInputException(DATASET_TASKS);
    }
    rejectUnknown(body, CREATE_FIELDS, "");
    if (type == null) {
      throw new InvalidInputException("type is required: TEMPLATE_EVALUATION or CODE_EVALUATION");
    }
    String name = requiredText(body, "name");
    String project = text(body, "project_id");
    if (project == null) {
      throw new InvalidInputException("project_id is required: the project whose data the task evaluates");
    }
    stringArray(body, "experiment_ids");
    List<TaskEvaluatorRef> evaluators = evaluators(body);
    if (evaluators == null) {
      throw new InvalidInputException("evaluators is required: at least one evaluator to run");
    }
    return new TaskDraft(name, ApiIds.decode(ProjectController.TYPE, project), enumValue(TaskType.class, type, "type"),
        scope(body), text(body, "query_filter"), samplingRate(body), bool(body, "is_continuous"), evaluators);
  }

  static TaskPatch update(JsonNode body) {
    rejectSystemFields(body, Set.of("type"));
    if (present(body, "run_configuration")) {
      throw new InvalidInputException("run_configuration applies to RUN_EXPERIMENT tasks only; " + DATASET_TASKS);
    }
    rejectUnknown(body, UPDATE_FIELDS, "");
    String name = present(body, "name") ? requiredText(body, "name") : null;
    boolean clearFilter = body.has("query_filter") && body.get("query_filter").isNull();
    TaskPatch patch = new TaskPatch(name, samplingRate(body), bool(body, "is_continuous"), text(body, "query_filter"),
        clearFilter, evaluators(body));
    if (patch.isEmpty()) {
      throw new InvalidInputException("give at least one field to change: name, sampling_rate, is_continuous,"
          + " query_filter or evaluators");
    }
    return patch;
  }

  static TriggerRequest trigger(JsonNode body) {
    for (String field : EXPERIMENT_TRIGGER_FIELDS) {
      if (body.has(field)) {
        throw new InvalidInputException(field + " applies to RUN_EXPERIMENT tasks only; " + DATASET_TASKS);
      }
    }
    rejectUnknown(body, TRIGGER_FIELDS, "");
    List<String> experiments = stringArray(body, "experiment_ids");
    if (experiments != null && !experiments.isEmpty()) {
      throw new InvalidInputException("experiment_ids applies to dataset tasks only; " + DATASET_TASKS);
    }
    Long maxSpans = null;
    if (present(body, "max_spans")) {
      JsonNode value = body.get("max_spans");
      if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > TriggerRequest.MAX_MAX_SPANS) {
        throw new InvalidInputException("max_spans must be an integer from 1 to " + TriggerRequest.MAX_MAX_SPANS
            + ", got " + value);
      }
      maxSpans = value.asLong();
    }
    return new TriggerRequest(time(body, "data_start_time"), time(body, "data_end_time"), maxSpans,
        bool(body, "override_evaluations"));
  }

  static Count count(JsonNode body) {
    rejectUnknown(body, COUNT_FIELDS, "");
    String project = text(body, "project_id");
    if (project == null) {
      throw new InvalidInputException("project_id is required");
    }
    SubjectKind scope = scope(body);
    Double rate = samplingRate(body);
    return new Count(ApiIds.decode(ProjectController.TYPE, project), scope == null ? SubjectKind.SPAN : scope,
        text(body, "query_filter"), rate == null ? 1.0 : rate, time(body, "data_start_time"),
        time(body, "data_end_time"));
  }

  /** The {@code evaluators} list, null when absent; AX requires at least one entry and no evaluator twice. */
  private static List<TaskEvaluatorRef> evaluators(JsonNode body) {
    if (!present(body, "evaluators")) {
      return null;
    }
    JsonNode list = body.get("evaluators");
    if (!list.isArray() || list.isEmpty()) {
      throw new InvalidInputException("evaluators must be a non-empty array of {evaluator_id, evaluator_version_id?,"
          + " query_filter?, column_mappings?}");
    }
    List<TaskEvaluatorRef> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "evaluators[" + i + "]";
      JsonNode e = list.get(i);
      if (!e.isObject()) {
        throw new InvalidInputException(at + " must be an object");
      }
      rejectUnknown(e, EVALUATOR_FIELDS, at + ".");
      String id = text(e, "evaluator_id", at + ".evaluator_id");
      if (id == null || id.isBlank()) {
        throw new InvalidInputException(at + ".evaluator_id is required");
      }
      String evaluatorId = ApiIds.decode(EvaluatorJson.TYPE, id);
      if (!seen.add(evaluatorId)) {
        throw new InvalidInputException(at + ".evaluator_id " + id + " appears twice: attach each evaluator once");
      }
      out.add(new TaskEvaluatorRef(evaluatorId,
          ApiIds.decode(EvaluatorJson.VERSION_TYPE, text(e, "evaluator_version_id", at + ".evaluator_version_id")),
          text(e, "query_filter", at + ".query_filter"), mappings(e, at + ".column_mappings")));
    }
    return out;
  }

  private static Map<String, String> mappings(JsonNode e, String label) {
    JsonNode value = e.get("column_mappings");
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw new InvalidInputException(label + " must be an object of template variable to column");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> m : value.properties()) {
      if (!m.getValue().isTextual() || m.getValue().asText().isBlank()) {
        throw new InvalidInputException(label + "." + m.getKey() + " must be a non-empty string (a column or path)");
      }
      out.put(m.getKey(), m.getValue().asText());
    }
    return out;
  }

  private static void rejectSystemFields(JsonNode body, Set<String> alsoManaged) {
    body.fieldNames().forEachRemaining(field -> {
      if (SYSTEM_FIELDS.contains(field) || alsoManaged.contains(field)) {
        throw new InvalidInputException(field + " is system-managed and cannot be set");
      }
    });
  }

  private static SubjectKind scope(JsonNode body) {
    String scope = text(body, "scope");
    if (scope == null) {
      return null;
    }
    for (SubjectKind kind : List.of(SubjectKind.SPAN, SubjectKind.TRACE, SubjectKind.TRAJECTORY, SubjectKind.SESSION)) {
      if (kind.name().equalsIgnoreCase(scope)) {
        return kind;
      }
    }
    throw new InvalidInputException("scope '" + scope + "' is invalid: use one of SPAN, TRACE, TRAJECTORY, SESSION");
  }

  private static Double samplingRate(JsonNode body) {
    if (!present(body, "sampling_rate")) {
      return null;
    }
    JsonNode value = body.get("sampling_rate");
    if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
      throw new InvalidInputException("sampling_rate must be a number from 0 to 1, got " + value);
    }
    return value.asDouble();
  }

  private static Boolean bool(JsonNode body, String field) {
    if (!present(body, field)) {
      return null;
    }
    if (!body.get(field).isBoolean()) {
      throw new InvalidInputException(field + " must be true or false, got " + body.get(field));
    }
    return body.get(field).asBoolean();
  }

  private static Instant time(JsonNode body, String field) {
    String value = text(body, field);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(field + " must be an ISO-8601 date-time such as 2026-03-01T00:00:00Z, got '"
          + value + "'");
    }
  }

  private static List<String> stringArray(JsonNode body, String field) {
    if (!present(body, field)) {
      return null;
    }
    JsonNode value = body.get(field);
    List<String> out = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(v -> out.add(v.isTextual() ? v.asText() : null));
    }
    if (!value.isArray() || out.contains(null)) {
      throw new InvalidInputException(field + " must be an array of strings");
    }
    return out;
  }

  static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    throw new InvalidInputException(field + " '" + value + "' is invalid: use one of "
        + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
  }
}
