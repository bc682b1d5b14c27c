package dev.assay.eval;

import java.util.Objects;

/**
 * Which results of one project a list returns; null fields do not filter.
 *
 * @param projectId the project (a store id)
 * @param targetId only results on this target (with {@code targetKind} when set)
 */
public record EvaluationQuery(String projectId, Evaluation.TargetKind targetKind, String targetId, String name,
    String evaluatorId, String runId) {
  public EvaluationQuery {
    Objects.requireNonNull(projectId, "projectId");
  }
}
