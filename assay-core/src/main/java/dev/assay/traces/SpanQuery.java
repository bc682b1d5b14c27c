package dev.assay.traces;

import dev.assay.query.Filter;
import java.util.Objects;

/**
 * A search for the spans of one project, for {@link SpanStore#search}: spans whose start time lies in
 * {@code [startTime, endTime)} (epoch microseconds) and that match {@code filter} (null for every span),
 * newest first, in pages of {@code limit}.
 *
 * @param cursor the previous page's {@code nextCursor}, or null for the first page
 * @param limit 1 to {@link #MAX_LIMIT}
 */
public record SpanQuery(String projectId, long startTime, long endTime, Filter filter, String cursor, int limit) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 500;

  public SpanQuery {
    Objects.requireNonNull(projectId, "projectId");
    QueryRules.requireWindow(startTime, endTime);
    QueryRules.requireLimit(limit, MAX_LIMIT);
    cursor = QueryRules.cursorOrNull(cursor);
  }
}
