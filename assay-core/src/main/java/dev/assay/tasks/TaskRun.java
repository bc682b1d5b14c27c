package dev.assay.tasks;

import java.time.Instant;
import java.util.Objects;

/**
 * A backfill run of a task over a data window (AX's {@code TaskRun}). Counts are per evaluation (target ×
 * evaluator): successes got a result, errors got an error result, skipped were not evaluated (already evaluated by
 * the same evaluator version without {@code override}, or produced by an evaluator).
 *
 * @param dataStart start of the window (inclusive), by span / trace / session start time
 * @param dataEnd end of the window (exclusive)
 * @param maxSpans most targets the run plans
 * @param numTargets targets planned (after filter and sampling), null until planned
 * @param chunksTotal chunks planned, null until planned
 * @param chunksDone chunks finished
 * @param pausedReason set while the run's task is paused; the run stays RUNNING
 */
public record TaskRun(
    String id,
    String taskId,
    String projectId,
    TaskRunStatus status,
    Instant dataStart,
    Instant dataEnd,
    long maxSpans,
    boolean overrideEvaluations,
    Long numTargets,
    Integer chunksTotal,
    int chunksDone,
    long numSuccesses,
    long numErrors,
    long numSkipped,
    String failureReason,
    String pausedReason,
    Instant runStartedAt,
    Instant runFinishedAt,
    Instant createdAt,
    Instant updatedAt) {

  public TaskRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(status, "status");
  }
}
