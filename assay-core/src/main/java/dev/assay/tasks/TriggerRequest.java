package dev.assay.tasks;

import java.time.Instant;

/**
 * AX's {@code TriggerEvaluationTaskRunRequest}. Null fields take the defaults: start = the end of the task's last
 * run's window (required when the task never ran), end = now, max 10,000 targets, no override.
 */
public record TriggerRequest(Instant dataStart, Instant dataEnd, Long maxSpans, Boolean overrideEvaluations) {
  public static final long DEFAULT_MAX_SPANS = 10_000;
  public static final long MAX_MAX_SPANS = 1_000_000;
}
