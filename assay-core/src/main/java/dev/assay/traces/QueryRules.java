package dev.assay.traces;

import dev.assay.shared.InvalidInputException;

/** The checks every span, trace, session and export query makes of its window, page size and cursor. */
final class QueryRules {
  private QueryRules() {}

  /** A window {@code [startTime, endTime)} in epoch microseconds must not be empty. */
  static void requireWindow(long startTime, long endTime) {
    if (startTime >= endTime) {
      throw new InvalidInputException("start_time must be before end_time");
    }
  }

  static void requireLimit(int limit, int max) {
    if (limit < 1 || limit > max) {
      throw new InvalidInputException("limit must be between 1 and " + max + ", got " + limit);
    }
  }

  /** A blank cursor is the first page, as no cursor is. */
  static String cursorOrNull(String cursor) {
    return cursor == null || cursor.isBlank() ? null : cursor;
  }
}
