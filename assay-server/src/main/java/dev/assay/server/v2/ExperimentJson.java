package dev.assay.server.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.assay.eval.Evaluation;
import dev.assay.experiments.Experiment;
import dev.assay.experiments.ExperimentCodec;
import dev.assay.experiments.ExperimentEvaluator;
import dev.assay.experiments.ExperimentRun;
import dev.assay.experiments.ExperimentTask;
import dev.assay.experiments.RunResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The experiment shapes of the API: AX's {@code Experiment}, {@code ExperimentWithRunIds} and {@code ExperimentRun}
 * field for field, plus Assay's columns (status, task, evaluators, timings, tokens, evaluations). Summary, comparison
 * and gate results are the core records as they are, in snake_case.
 */
final class ExperimentJson {
  static final String TYPE = "Experiment";
  static final String RUN_TYPE = "ExperimentRun";
  static final String DATASET_TYPE = "Dataset";
  static final String DATASET_VERSION_TYPE = "DatasetVersion";
  static final String EXAMPLE_TYPE = "DatasetExample";
  static final String PROMPT_TYPE = "Prompt";
  static final String PROMPT_VERSION_TYPE = "PromptVersion";

  private ExperimentJson() {}

  /** AX's {@code Experiment} plus Assay's fields. {@code integration_id} is always null (no agent integrations). */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Body(String id, String name, String spaceId, String datasetId, String datasetVersionId, Instant createdAt,
      Instant updatedAt, String experimentTracesProjectId, String integrationId, String description, String status,
      String failureReason, Map<String, Object> task, List<Evaluator> evaluators, int repetitions, int concurrency,
      List<String> splits, List<String> labels, Map<String, Object> metadata, long exampleCount, Instant startedAt,
      Instant finishedAt) {}

  /** AX's {@code ExperimentWithRunIds}: the experiment's fields flat, plus {@code run_ids}. */
  record WithRunIds(String id, String name, String spaceId, String datasetId, String datasetVersionId,
      Instant createdAt, Instant updatedAt, String experimentTracesProjectId, String integrationId, String description,
      String status, long exampleCount, List<String> labels, List<String> runIds) {}

  record Evaluator(String evaluatorId, Long evaluatorVersion, Map<String, String> columnMappings) {}

  /** AX's {@code ListExperimentsResponse}. */
  record ExperimentList(List<Body> experiments, Pagination pagination) {}

  /** AX's {@code ListExperimentRunsResponse}; each run is a map because AX runs carry free extra columns. */
  record RunList(List<Map<String, Object>> experimentRuns, Pagination pagination) {}

  record EvaluationBody(String name, Double score, String label, String explanation, Boolean passed, String error,
      String annotatorKind) {}

  static Body of(Experiment e) {
    return new Body(ApiIds.encode(TYPE, e.id()), e.name(), ApiIds.encode(SpaceController.TYPE, e.spaceId()),
        encode(DATASET_TYPE, e.datasetId()), encode(DATASET_VERSION_TYPE, e.datasetVersionId()), e.createdAt(),
        e.updatedAt(), encode(ProjectController.TYPE, e.projectId()), null, e.description(), e.status().name(),
        e.failureReason(), task(e.task()), e.evaluators().stream().map(ExperimentJson::of).toList(), e.repetitions(),
        e.concurrency(), e.splits(), e.labels(), e.metadata(), e.exampleCount(), e.startedAt(), e.finishedAt());
  }

  static WithRunIds of(Experiment e, List<String> runIds) {
    Body b = of(e);
    return new WithRunIds(b.id(), b.name(), b.spaceId(), b.datasetId(), b.datasetVersionId(), b.createdAt(),
        b.updatedAt(), b.experimentTracesProjectId(), null, b.description(), b.status(), b.exampleCount(), b.labels(),
        runIds.stream().map(id -> ApiIds.encode(RUN_TYPE, id)).toList());
  }

  private static Evaluator of(ExperimentEvaluator e) {
    return new Evaluator(ApiIds.encode(EvaluatorJson.TYPE, e.evaluatorId()), e.evaluatorVersion(), e.columnMappings());
  }

  /** The task under test as the run request gives it (without header values), null for a recorded experiment. */
  static Map<String, Object> task(ExperimentTask task) {
    if (task == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    switch (ExperimentCodec.masked(task)) {
      case ExperimentTask.PromptTask p -> {
        out.put("type", "PROMPT");
        out.put("prompt_version_id", ApiIds.encode(PROMPT_VERSION_TYPE, p.promptVersionId()));
        out.put("ai_integration_id", encode(AiIntegrationJson.TYPE, p.model().modelConfigId()));
        out.put("model", p.model().modelName());
        out.put("invocation_params", p.model().invocationParameters());
      }
      case ExperimentTask.HttpTask h -> {
        out.put("type", "HTTP");
        out.put("url", h.url());
        out.put("headers", h.headers()); // values masked above: secrets are never returned
        out.put("output_path", h.outputPath());
        out.put("timeout_ms", h.timeout().toMillis());
      }
      case ExperimentTask.CommandTask c -> {
        out.put("type", "COMMAND");
        out.put("argv", c.argv());
        out.put("output_path", c.outputPath());
        out.put("timeout_ms", c.timeout().toMillis());
      }
    }
    return out;
  }

  /**
   * AX's {@code ExperimentRun}: the extra columns the run was recorded with, then AX's and Assay's fields (which win
   * over an extra column of the same name). Human evaluations also appear as AX's {@code annotations}.
   */
  static Map<String, Object> run(RunResult result) {
    ExperimentRun r = result.run();
    Map<String, Object> out = new LinkedHashMap<>(result.extra());
    out.put("id", ApiIds.encode(RUN_TYPE, r.id()));
    out.put("example_id", encode(EXAMPLE_TYPE, r.exampleId()));
    out.put("output", r.output());
    out.put("error", r.error());
    out.put("repetition", r.repetition());
    // Assay's measured columns; a recorded run without them keeps what the client sent under the same name.
    measured(out, "start_time", r.startTime());
    measured(out, "end_time", r.endTime());
    measured(out, "latency_ms", r.latencyMs());
    measured(out, "prompt_tokens", r.promptTokens());
    measured(out, "completion_tokens", r.completionTokens());
    measured(out, "cost", r.cost());
    measured(out, "trace_id", r.traceId());
    out.put("evaluations", result.evaluations().stream().map(ExperimentJson::of).toList());
    out.put("annotations", result.evaluations().stream()
        .filter(e -> e.annotatorKind() == Evaluation.AnnotatorKind.HUMAN).map(ExperimentJson::annotation).toList());
    return out;
  }

  private static void measured(Map<String, Object> out, String column, Object value) {
    if (value != null || !out.containsKey(column)) {
      out.put(column, value);
    }
  }

  private static EvaluationBody of(Evaluation e) {
    return new EvaluationBody(e.name(), e.score(), e.label(), e.explanation(), e.passed(), e.error(),
        e.annotatorKind().name());
  }

  private static Map<String, Object> annotation(Evaluation e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", e.name());
    out.put("label", e.label());
    out.put("score", e.score());
    out.put("text", e.explanation());
    out.put("updated_at", e.updatedAt());
    return out;
  }

  private static String encode(String type, String id) {
    return id == null ? null : ApiIds.encode(type, id);
  }
}
