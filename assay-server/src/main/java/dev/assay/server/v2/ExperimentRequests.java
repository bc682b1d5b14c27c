package dev.assay.server.v2;

import static dev.assay.server.v2.JsonFields.rejectUnknown;
import static dev.assay.server.v2.JsonFields.requiredText;
import static dev.assay.server.v2.JsonFields.text;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.eval.ModelRef;
import dev.assay.experiments.ExperimentEvaluator;
import dev.assay.experiments.ExperimentTask;
import dev.assay.experiments.GateRules;
import dev.assay.experiments.RecordedRun;
import dev.assay.shared.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the experiment request bodies: AX's {@code CreateExperimentRequest} and {@code InsertExperimentRunsRequest}
 * (whose runs carry free extra columns, kept as given) and Assay's run, gate and labels requests. Assay's bodies are
 * strict: an unknown field or a field of the wrong type is a 400 naming it, before anything is stored.
 */
final class ExperimentRequests {
  /** AX: between 1 and 1000 runs per request. */
  static final int MAX_RUNS = 1000;
  static final int MAX_REPETITIONS = 100;
  static final int MAX_CONCURRENCY = 256;
  static final long MAX_TIMEOUT_MS = 600_000;

  private static final Set<String> CREATE_FIELDS = Set.of("name", "dataset_id", "space_id", "experiment_runs");
  private static final Set<String> APPEND_FIELDS = Set.of("experiment_runs");
  private static final Set<String> RUN_FIELDS = Set.of("name", "description", "space_id", "dataset_id",
      "dataset_version_id", "splits", "task", "evaluators", "repetitions", "concurrency", "labels", "metadata");
  private static final Set<String> PROMPT_FIELDS = Set.of("type", "prompt_version_id", "prompt_id", "label",
      "ai_integration_id", "model", "invocation_params");
  private static final Set<String> HTTP_FIELDS = Set.of("type", "url", "headers", "output_path", "timeout_ms");
  private static final Set<String> COMMAND_FIELDS = Set.of("type", "argv", "output_path", "timeout_ms");
  private static final Set<String> EVALUATOR_FIELDS = Set.of("evaluator_id", "evaluator_version", "column_mappings");
  private static final Set<String> GATE_FIELDS = Set.of("baseline", "fail_under", "max_regression", "min_pass_rate");
  /** Run fields AX defines or Assay computes: never kept as extra columns. */
  private static final Set<String> RUN_SYSTEM_FIELDS = Set.of("id", "example_id", "output", "error", "repetition",
      "start_time", "end_time", "trace_id", "annotations", "evaluations");
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private ExperimentRequests() {}

  /** AX's create request: exactly one of dataset_id and space_id, at least one run. */
  record Create(String name, String datasetRef, String spaceRef, List<RecordedRun> runs) {}

  /** A prompt task by prompt and label (or latest), which the controller resolves to a version. */
  record PromptByLabel(String promptRef, String label, ModelRef model) {}

  /** Assay's run request; {@code promptByLabel} is set when the task names a prompt rather than a version. */
  record Run(String name, String description, String spaceRef, String datasetRef, String datasetVersionRef,
      List<String> splits, ExperimentTask task, PromptByLabel promptByLabel, List<ExperimentEvaluator> evaluators,
      int repetitions, int concurrency, List<String> labels, Map<String, Object> metadata) {}

  record Gate(String baseline, GateRules rules) {}

  static Create create(JsonNode body, ObjectMapper json) {
    rejectUnknown(body, CREATE_FIELDS, "");
    String name = requiredText(body, "name");
    String dataset = text(body, "dataset_id");
    String space = text(body, "space_id");
    if ((dataset == null) == (space == null)) {
      throw new InvalidInputException("give exactly one of dataset_id (an experiment on a dataset) and space_id"
          + " (an experiment without one)");
    }
    return new Create(name, ApiIds.decode(ExperimentJson.DATASET_TYPE, dataset),
        ApiIds.decode(SpaceController.TYPE, space), runs(body, dataset != null, json));
  }

  static List<RecordedRun> append(JsonNode body, ObjectMapper json) {
    rejectUnknown(body, APPEND_FIELDS, "");
    return runs(body, false, json);
  }

  /**
   * AX's {@code experiment_runs}: each run needs a string {@code output} (and an {@code example_id} when the
   * experiment is on a dataset, which the service checks for appends); other fields are kept as extra columns.
   */
  private static List<RecordedRun> runs(JsonNode body, boolean needExample, ObjectMapper json) {
    JsonNode list = body.get("experiment_runs");
    if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_RUNS) {
      throw new InvalidInputException("experiment_runs must be an array of 1 to " + MAX_RUNS
          + " runs, each {example_id, output, …}");
    }
    List<RecordedRun> out = new ArrayList<>();
    // AX has no repetition: the same example twice in one request is two repetitions, not one run replacing another.
    Map<String, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "experiment_runs[" + i + "]";
      JsonNode run = list.get(i);
      if (!run.isObject()) {
        throw new InvalidInputException(at + " must be an object");
      }
      JsonNode output = run.get("output");
      if (output == null || output.isNull()) {
        throw new InvalidInputException(at + ".output is required: the task's output for the example");
      }
      String example = text(run, "example_id", at + ".example_id");
      if (needExample && example == null) {
        throw new InvalidInputException(at + ".example_id is required on an experiment on a dataset");
      }
      Integer repetition = integer(run, "repetition", at + ".repetition", 1, MAX_REPETITIONS);
      Map<String, Object> extra = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : run.properties()) {
        if (!RUN_SYSTEM_FIELDS.contains(field.getKey())) {
          extra.put(field.getKey(), json.convertValue(field.getValue(), Object.class));
        }
      }
      String exampleId = ApiIds.decode(ExperimentJson.EXAMPLE_TYPE, example);
      int count = seen.merge(String.valueOf(exampleId), 1, Integer::sum);
      out.add(new RecordedRun(exampleId, repetition == null ? count : repetition, output.isTextual() ? output.asText() : output.toString(),
          text(run, "error", at + ".error"), time(run, "start_time", at), time(run, "end_time", at),
          text(run, "trace_id", at + ".trace_id"), extra));
    }
    return out;
  }

  static Run run(JsonNode body, ObjectMapper json) {
    rejectUnknown(body, RUN_FIELDS, "");
    String name = requiredText(body, "name");
    String dataset = requiredText(body, "dataset_id");
    JsonNode task = body.get("task");
    if (task == null || !task.isObject()) {
      throw new InvalidInputException("task is required: {type: PROMPT|HTTP|COMMAND, …}");
    }
    String type = requiredText(task, "type", "task.type");
    ExperimentTask parsed = null;
    PromptByLabel byLabel = null;
    switch (type.toUpperCase(java.util.Locale.ROOT)) {
      case "PROMPT" -> {
        rejectUnknown(task, PROMPT_FIELDS, "task.");
        String integration = requiredText(task, "ai_integration_id", "task.ai_integration_id");
        ModelRef model = new ModelRef(ApiIds.decode(AiIntegrationJson.TYPE, integration),
            text(task, "model", "task.model"), object(task, "invocation_params", "task.invocation_params", json));
        String version = text(task, "prompt_version_id", "task.prompt_version_id");
        String prompt = text(task, "prompt_id", "task.prompt_id");
        String label = text(task, "label", "task.label");
        if ((version == null) == (prompt == null)) {
          throw new InvalidInputException("task: give exactly one of prompt_version_id and prompt_id (with an optional"
              + " label; without one the latest version)");
        }
        if (version != null && label != null) {
          throw new InvalidInputException("task.label goes with prompt_id, not prompt_version_id");
        }
        if (version != null) {
          parsed = new ExperimentTask.PromptTask(ApiIds.decode(ExperimentJson.PROMPT_VERSION_TYPE, version), model);
        } else {
          byLabel = new PromptByLabel(ApiIds.decode(ExperimentJson.PROMPT_TYPE, prompt), label, model);
        }
      }
      case "HTTP" -> {
        rejectUnknown(task, HTTP_FIELDS, "task.");
        String url = requiredText(task, "url", "task.url");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
          throw new InvalidInputException("task.url must be an http:// or https:// URL, got '" + url + "'");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        object(task, "headers", "task.headers", json).forEach((k, v) -> {
          if (!(v instanceof String s)) {
            throw new InvalidInputException("task.headers." + k + " must be a string");
          }
          headers.put(k, s);
        });
        parsed = new ExperimentTask.HttpTask(url, headers, text(task, "output_path", "task.output_path"),
            timeout(task));
      }
      case "COMMAND" -> {
        rejectUnknown(task, COMMAND_FIELDS, "task.");
        List<String> argv = stringArray(task, "argv", "task.argv");
        if (argv == null || argv.isEmpty() || argv.getFirst().isBlank()) {
          throw new InvalidInputException("task.argv is required: the command and its arguments, e.g. [\"python3\","
              + " \"app.py\"] (run without a shell)");
        }
        parsed = new ExperimentTask.CommandTask(argv, text(task, "output_path", "task.output_path"), timeout(task));
      }
      default -> throw new InvalidInputException("task.type '" + type + "' is invalid: use PROMPT, HTTP or COMMAND");
    }
    Integer repetitions = integer(body, "repetitions", "repetitions", 1, MAX_REPETITIONS);
    Integer concurrency = integer(body, "concurrency", "concurrency", 1, MAX_CONCURRENCY);
    List<String> splits = stringArray(body, "splits", "splits");
    List<String> labels = stringArray(body, "labels", "labels");
    return new Run(name, text(body, "description"), ApiIds.decode(SpaceController.TYPE, text(body, "space_id")),
        ApiIds.decode(ExperimentJson.DATASET_TYPE, dataset),
        ApiIds.decode(ExperimentJson.DATASET_VERSION_TYPE, text(body, "dataset_version_id")),
        splits == null ? List.of() : splits, parsed, byLabel, evaluators(body),
        repetitions == null ? 1 : repetitions, concurrency == null ? 4 : concurrency,
        labels == null ? List.of() : labels, object(body, "metadata", "metadata", json));
  }

  private static List<ExperimentEvaluator> evaluators(JsonNode body) {
    JsonNode list = body.get("evaluators");
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new InvalidInputException("evaluators must be an array of {evaluator_id, evaluator_version?,"
          + " column_mappings?}");
    }
    List<ExperimentEvaluator> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "evaluators[" + i + "]";
      JsonNode e = list.get(i);
      if (!e.isObject()) {
        throw new InvalidInputException(at + " must be an object");
      }
      rejectUnknown(e, EVALUATOR_FIELDS, at + ".");
      String id = ApiIds.decode(EvaluatorJson.TYPE, requiredText(e, "evaluator_id", at + ".evaluator_id"));
      if (!seen.add(id)) {
        throw new InvalidInputException(at + ".evaluator_id " + id + " appears twice: score with each evaluator once");
      }
      Integer version = integer(e, "evaluator_version", at + ".evaluator_version", 1, Integer.MAX_VALUE);
      Map<String, String> mappings = new LinkedHashMap<>();
      JsonNode m = e.get("column_mappings");
      if (m != null && !m.isNull()) {
        if (!m.isObject()) {
          throw new InvalidInputException(at + ".column_mappings must be an object of template variable to path");
        }
        for (Map.Entry<String, JsonNode> entry : m.properties()) {
          if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
            throw new InvalidInputException(at + ".column_mappings." + entry.getKey() + " must be a non-empty string");
          }
          mappings.put(entry.getKey(), entry.getValue().asText());
        }
      }
      out.add(new ExperimentEvaluator(id, version == null ? null : version.longValue(), mappings));
    }
    return out;
  }

  static Gate gate(JsonNode body) {
    rejectUnknown(body, GATE_FIELDS, "");
    GateRules rules = new GateRules(thresholds(body, "fail_under", false), thresholds(body, "max_regression", false),
        thresholds(body, "min_pass_rate", true));
    // No rule at all is allowed: the result still carries the cases (JUnit XML) and passes.
    String baseline = text(body, "baseline");
    if (!rules.maxRegression().isEmpty() && baseline == null) {
      throw new InvalidInputException("max_regression needs a baseline (an experiment id or name, or a label)");
    }
    return new Gate(baseline == null ? null : ApiIds.decode(ExperimentJson.TYPE, baseline), rules);
  }

  private static Map<String, Double> thresholds(JsonNode body, String field, boolean fraction) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw new InvalidInputException(field + " must be an object of evaluator name to number");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      JsonNode v = e.getValue();
      if (!v.isNumber() || !Double.isFinite(v.asDouble()) || (fraction && (v.asDouble() < 0 || v.asDouble() > 1))) {
        throw new InvalidInputException(field + "." + e.getKey() + " must be a number"
            + (fraction ? " from 0 to 1" : "") + ", got " + v);
      }
      out.put(e.getKey(), v.asDouble());
    }
    return out;
  }

  static List<String> labels(JsonNode body) {
    rejectUnknown(body, Set.of("labels"), "");
    List<String> labels = stringArray(body, "labels", "labels");
    if (labels == null) {
      throw new InvalidInputException("labels is required: an array of names (empty to remove all)");
    }
    for (String label : labels) {
      if (label.isBlank() || label.length() > 100 || !label.matches("[A-Za-z0-9._\\-]+")) {
        throw new InvalidInputException("label '" + label + "' is invalid: use 1 to 100 letters, digits, '.', '_' or"
            + " '-'");
      }
    }
    return List.copyOf(new java.util.LinkedHashSet<>(labels));
  }

  private static Duration timeout(JsonNode task) {
    Integer ms = integer(task, "timeout_ms", "task.timeout_ms", 1, (int) MAX_TIMEOUT_MS);
    return ms == null ? null : Duration.ofMillis(ms);
  }

  private static Map<String, Object> object(JsonNode body, String field, String label, ObjectMapper json) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw new InvalidInputException(label + " must be an object");
    }
    return json.convertValue(value, MAP);
  }

  private static Integer integer(JsonNode body, String field, String label, int min, int max) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
      throw new InvalidInputException(label + " must be an integer from " + min + " to " + max + ", got " + value);
    }
    return value.asInt();
  }

  private static Instant time(JsonNode body, String field, String at) {
    String value = text(body, field, at + "." + field);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(at + "." + field + " must be an ISO-8601 date-time, got '" + value + "'");
    }
  }

  private static List<String> stringArray(JsonNode body, String field, String label) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(v -> out.add(v.isTextual() ? v.asText() : null));
    }
    if (!value.isArray() || out.contains(null)) {
      throw new InvalidInputException(label + " must be an array of strings");
    }
    return out;
  }

}
