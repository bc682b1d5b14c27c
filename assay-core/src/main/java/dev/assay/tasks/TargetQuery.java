package dev.assay.tasks;

import dev.assay.eval.SubjectKind;
import dev.assay.query.Filter;
import java.time.Instant;
import java.util.Objects;

/**
 * Which targets of a project a run or a live count covers: spans (SPAN), traces (TRACE, TRAJECTORY) or sessions
 * (SESSION) whose start time is in {@code [start, end)} and that match the filter. A trace or session matches when
 * any of its spans does. Spans made by an evaluator (the loop guard's marker, kind EVALUATOR) never match a SPAN
 * query.
 *
 * @param filter the parsed filter, or null for all
 * @param start inclusive; null for no lower bound
 * @param end exclusive; null for no upper bound
 */
public record TargetQuery(String projectId, SubjectKind scope, Filter filter, Instant start, Instant end) {
  public TargetQuery {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(scope, "scope");
    if (scope == SubjectKind.EXAMPLE) {
      throw new IllegalArgumentException("EXAMPLE targets come from datasets, not projects");
    }
  }
}
