package dev.assay.experiments;

import java.util.Map;
import java.util.Objects;

/**
 * An evaluator an experiment scores each run with.
 *
 * @param evaluatorVersion the pinned version, or null for the latest at the time the experiment was created
 *     (the service stores the resolved number, so a resumed experiment judges with the same version)
 * @param columnMappings template variable → subject field or path, as in tasks
 */
public record ExperimentEvaluator(String evaluatorId, Long evaluatorVersion, Map<String, String> columnMappings) {
  public ExperimentEvaluator {
    Objects.requireNonNull(evaluatorId, "evaluatorId");
    columnMappings = columnMappings == null ? Map.of() : Map.copyOf(columnMappings);
  }
}
