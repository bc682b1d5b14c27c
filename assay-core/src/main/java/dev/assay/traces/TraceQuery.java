package dev.assay.traces;

import dev.assay.query.Filter;
import java.util.Objects;

/**
 * A search for the traces of one project, for {@link TraceStore#listTraces}: traces whose start time (the
 * earliest start of their spans) lies in {@code [startTime, endTime)} (epoch microseconds) and, with a
 * {@code filter}, that hold at least one matching span; newest first, in pages of {@code limit}.
 *
 * @param cursor the previous page's {@code nextCursor}, or null for the first page
 * @param limit 1 to {@link #MAX_LIMIT} (AX's {@code LimitQueryParamMax50})
 * @param includeSpans whether each trace carries its spans (at most {@link TraceStore#LIST_SPAN_CAP})
 */
public record TraceQuery(String projectId, long startTime, long endTime, Filter filter, String cursor, int limit,
    boolean includeSpans) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 50;

  public TraceQuery {
    Objects.requireNonNull(projectId, "projectId");
    QueryRules.requireWindow(startTime, endTime);
    QueryRules.requireLimit(limit, MAX_LIMIT);
    cursor = QueryRules.cursorOrNull(cursor);
  }
}
