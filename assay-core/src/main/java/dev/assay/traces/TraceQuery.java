package dev.assay.traces;

import dev.assay.query.Filter;
import dev.assay.shared.InvalidInputException;
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
    if (startTime >= endTime) {
      throw new InvalidInputException("start_time must be before end_time");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    if (cursor != null && cursor.isBlank()) {
      cursor = null;
    }
  }
}
