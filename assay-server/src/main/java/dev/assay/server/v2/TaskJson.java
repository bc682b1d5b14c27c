package dev.assay.server.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.assay.auth.AccessScope;
import dev.assay.eval.EvaluatorService;
import dev.assay.shared.NotFoundException;
import dev.assay.tasks.Task;
import dev.assay.tasks.TaskEvaluatorRef;
import dev.assay.tasks.TaskRun;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The task shapes of the API: AX's {@code Task}, {@code TaskEvaluator} and {@code TaskRun}, field for field, plus
 * Assay's extensions (a task's {@code scope} and pause, a run's progress). The dataset and experiment fields AX has
 * for dataset tasks are always null or empty here.
 */
final class TaskJson {
  static final String TYPE = "Task";
  static final String RUN_TYPE = "TaskRun";

  private TaskJson() {}

  /** AX's {@code Task} with Assay's {@code scope}, {@code paused_reason} and {@code paused_at}. */
  record TaskBody(String id, String name, String type, String projectId, Object datasetId, double samplingRate,
      @JsonProperty("is_continuous") boolean isContinuous, String queryFilter, List<Evaluator> evaluators,
      List<String> experimentIds, Object runConfiguration, Instant lastRunAt, Instant createdAt, Instant updatedAt,
      String createdByUserId, String scope, String pausedReason, Instant pausedAt) {}

  /** AX's {@code TaskEvaluator}. */
  record Evaluator(String evaluatorId, String evaluatorName, String evaluatorVersionId, String queryFilter,
      Map<String, String> columnMappings) {}

  /** AX's {@code TaskRun} with Assay's pause and progress fields. */
  record Run(String id, String taskId, Object experimentId, String status, Instant runStartedAt, Instant runFinishedAt,
      Instant dataStartTime, Instant dataEndTime, long numSuccesses, long numErrors, long numSkipped,
      Instant createdAt, String createdByUserId, String failureReason, String pausedReason, Long numTargets,
      Integer chunksTotal, int chunksDone, long maxSpans, boolean overrideEvaluations) {}

  /** AX's {@code ListTasksResponse}. */
  record TaskList(List<TaskBody> tasks, Pagination pagination) {}

  /** AX's {@code ListTaskRunsResponse}. */
  record RunList(List<Run> taskRuns, Pagination pagination) {}

  /**
   * Evaluator names for {@code evaluator_name}, looked up once per evaluator within one request. Names are not
   * stored on the task because an evaluator can be renamed; a deleted evaluator shows an empty name.
   */
  static final class EvaluatorNames {
    private final EvaluatorService evaluators;
    private final AccessScope scope;
    private final Map<String, String> names = new HashMap<>();

    EvaluatorNames(EvaluatorService evaluators, AccessScope scope) {
      this.evaluators = evaluators;
      this.scope = scope;
    }

    String of(String evaluatorId) {
      return names.computeIfAbsent(evaluatorId, id -> {
        try {
          return evaluators.definition(scope, id, null).name();
        } catch (NotFoundException deleted) {
          return "";
        }
      });
    }
  }

  static TaskBody of(Task t, EvaluatorNames names) {
    List<Evaluator> evaluators = t.evaluators().stream().map(e -> of(e, names)).toList();
    return new TaskBody(ApiIds.encode(TYPE, t.id()), t.name(), t.type().name(),
        ApiIds.encode(ProjectController.TYPE, t.projectId()), null, t.samplingRate(), t.continuous(), t.queryFilter(),
        evaluators, List.of(), null, t.lastRunAt(), t.createdAt(), t.updatedAt(), null, t.scope().name(),
        t.pausedReason(), t.pausedAt());
  }

  private static Evaluator of(TaskEvaluatorRef e, EvaluatorNames names) {
    return new Evaluator(ApiIds.encode(EvaluatorJson.TYPE, e.evaluatorId()), names.of(e.evaluatorId()),
        e.evaluatorVersionId() == null ? null : ApiIds.encode(EvaluatorJson.VERSION_TYPE, e.evaluatorVersionId()),
        e.queryFilter(), e.columnMappings());
  }

  static Run of(TaskRun r) {
    return new Run(ApiIds.encode(RUN_TYPE, r.id()), ApiIds.encode(TYPE, r.taskId()), null, r.status().name(),
        r.runStartedAt(), r.runFinishedAt(), r.dataStart(), r.dataEnd(), r.numSuccesses(), r.numErrors(),
        r.numSkipped(), r.createdAt(), null, r.failureReason(), r.pausedReason(), r.numTargets(), r.chunksTotal(),
        r.chunksDone(), r.maxSpans(), r.overrideEvaluations());
  }
}
