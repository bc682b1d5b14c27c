package dev.assay.experiments;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run: the request of {@code POST /v2/experiments/run}, {@code assay experiments run} and each
 * experiment of {@code assay eval}.
 *
 * @param datasetVersionRef a version id or name; null = the latest
 * @param evaluatorRefs evaluators by id or name
 */
public record ExperimentSpec(String spaceRef, String name, String description, String datasetRef,
    String datasetVersionRef, List<String> splits, ExperimentTask task, List<ExperimentEvaluator> evaluatorRefs,
    int repetitions, int concurrency, Map<String, Object> metadata, List<String> labels) {
  public ExperimentSpec {
    Objects.requireNonNull(datasetRef, "datasetRef");
    Objects.requireNonNull(task, "task");
    splits = splits == null ? List.of() : List.copyOf(splits);
    evaluatorRefs = evaluatorRefs == null ? List.of() : List.copyOf(evaluatorRefs);
    metadata = metadata == null ? Map.of() : metadata;
    labels = labels == null ? List.of() : List.copyOf(labels);
  }
}
