package dev.assay.tasks;

import java.util.Map;
import java.util.Objects;

/**
 * One evaluator attached to a task (AX's {@code TaskEvaluator}).
 *
 * @param evaluatorId the evaluator
 * @param evaluatorVersionId the pinned version's id, or null to run the evaluator's latest version
 * @param queryFilter a filter-language expression ANDed with the task's filter, or null
 * @param columnMappings template variable → subject field or path; overrides the evaluator's own mappings
 *     for the variables it names (empty when none)
 */
public record TaskEvaluatorRef(String evaluatorId, String evaluatorVersionId, String queryFilter,
    Map<String, String> columnMappings) {
  public TaskEvaluatorRef {
    Objects.requireNonNull(evaluatorId, "evaluatorId");
    columnMappings = columnMappings == null ? Map.of() : Map.copyOf(columnMappings);
  }
}
