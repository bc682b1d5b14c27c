package dev.assay.traces;

import dev.assay.query.Filter;
import java.util.Objects;

/**
 * What an export reads, for {@link SpanStore#stream}: the spans of one project in a start-time window
 * {@code [startTime, endTime)} (epoch microseconds), optionally filtered, or whole traces.
 *
 * @param filter null for every span
 * @param selection {@link Selection#SPANS}: the spans that start in the window and match the filter;
 *     {@link Selection#TRACES}: every span of the traces that start in the window (the trace's start, as
 *     {@code POST /v2/traces} lists them) and have at least one matching span
 */
public record SpanExportQuery(String projectId, long startTime, long endTime, Filter filter, Selection selection) {
  /** Which rows an export selects. */
  public enum Selection {
    SPANS, TRACES
  }

  public SpanExportQuery {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(selection, "selection");
    QueryRules.requireWindow(startTime, endTime);
  }
}
