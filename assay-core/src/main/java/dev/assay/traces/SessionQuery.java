package dev.assay.traces;

import dev.assay.query.Filter;
import java.util.Objects;

/**
 * A search for the sessions of one project, for {@link TraceStore#listSessions}: sessions whose start time
 * lies in {@code [startTime, endTime)} (epoch microseconds) and, with a {@code filter}, that hold at least
 * one matching span in any of their traces; newest first, in pages of {@code limit}.
 *
 * @param cursor the previous page's {@code nextCursor}, or null for the first page
 * @param limit 1 to {@link #MAX_LIMIT}
 */
public record SessionQuery(String projectId, long startTime, long endTime, Filter filter, String cursor, int limit) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 100;

  public SessionQuery {
    Objects.requireNonNull(projectId, "projectId");
    QueryRules.requireWindow(startTime, endTime);
    QueryRules.requireLimit(limit, MAX_LIMIT);
    cursor = QueryRules.cursorOrNull(cursor);
  }
}
