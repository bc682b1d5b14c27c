package dev.assay.traces;

import dev.assay.query.Filter;
import dev.assay.shared.InvalidInputException;
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
