package dev.assay.tasks;

import java.util.List;

/**
 * A partial update (AX's {@code UpdateEvaluationTaskRequest}): null fields stay unchanged. {@code evaluators}
 * replaces the whole list. At least one field must be set.
 *
 * @param queryFilter the new filter; with {@code clearQueryFilter} the filter is removed instead
 */
public record TaskPatch(String name, Double samplingRate, Boolean continuous, String queryFilter,
    boolean clearQueryFilter, List<TaskEvaluatorRef> evaluators) {

  public boolean isEmpty() {
    return name == null && samplingRate == null && continuous == null && queryFilter == null && !clearQueryFilter
        && evaluators == null;
  }
}
