package dev.assay.experiments;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset version run through a task under test and scored by evaluators (or, for AX's client-driven
 * experiments, runs recorded by the client: {@code task} null, no evaluators).
 *
 * @param projectId the experiment's own trace project, where each run's trace goes
 * @param splits the dataset splits it runs on; empty = all examples
 * @param repetitions runs per example, ≥ 1
 * @param concurrency how many runs of the task execute at once, ≥ 1
 * @param labels names this experiment answers to as a baseline ({@code main}, {@code production}, …)
 * @param exampleCount examples in the run set (after splits)
 */
public record Experiment(String id, String spaceId, String name, String description, String datasetId,
    String datasetVersionId, String projectId, ExperimentTask task, List<ExperimentEvaluator> evaluators,
    int repetitions, int concurrency, List<String> splits, Map<String, Object> metadata, List<String> labels,
    ExperimentStatus status, String failureReason, long exampleCount, Instant createdAt, Instant updatedAt,
    Instant startedAt, Instant finishedAt) {
  public Experiment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spaceId, "spaceId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    evaluators = evaluators == null ? List.of() : List.copyOf(evaluators);
    splits = splits == null ? List.of() : List.copyOf(splits);
    metadata = metadata == null ? Map.of() : metadata;
    labels = labels == null ? List.of() : List.copyOf(labels);
  }
}
