package dev.assay.experiments;

import java.time.Instant;
import java.util.Objects;

/**
 * One execution of the task under test on one example (one repetition). Unique per (experiment, example,
 * repetition), which is how a resumed experiment finds the missing work.
 *
 * @param output the task's output as text (JSON text when it was structured), null when it errored
 * @param error why the task failed after its retries, null on success
 * @param traceId the run's trace in the experiment's project
 */
public record ExperimentRun(String id, String experimentId, String exampleId, int repetition, String output,
    String error, Instant startTime, Instant endTime, Long promptTokens, Long completionTokens, Double cost,
    String traceId) {
  public ExperimentRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(experimentId, "experimentId");
  }

  public Double latencyMs() {
    return startTime == null || endTime == null ? null : (endTime.toEpochMilli() - startTime.toEpochMilli()) * 1.0;
  }
}
