package dev.assay.tasks;

import dev.assay.eval.SubjectKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Evaluators bound to a project: what to evaluate (scope, filter, sampling) and whether new data is evaluated as it
 * arrives ({@code continuous}). Runs ({@link TaskRun}) backfill a data window.
 *
 * @param scope the subject kind every attached evaluator works on: SPAN, TRACE, TRAJECTORY or SESSION
 * @param queryFilter filter-language expression over spans, or null for all; a trace or session matches when any
 *     of its spans does
 * @param samplingRate 0 to 1; decided by {@link Sampling#sampled}, so a target gets the same decision every time
 * @param pausedReason why evaluation is paused (a provider's auth, billing or configuration failure), null when not
 * @param pausedConfigId the model config whose failure paused the task, null when not paused or not known
 */
public record Task(
    String id,
    String spaceId,
    String projectId,
    String name,
    TaskType type,
    SubjectKind scope,
    String queryFilter,
    double samplingRate,
    boolean continuous,
    List<TaskEvaluatorRef> evaluators,
    String pausedReason,
    Instant pausedAt,
    String pausedConfigId,
    Instant lastRunAt,
    Instant createdAt,
    Instant updatedAt) {

  public Task {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spaceId, "spaceId");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(scope, "scope");
    evaluators = List.copyOf(evaluators);
  }

  public boolean paused() {
    return pausedReason != null;
  }
}
