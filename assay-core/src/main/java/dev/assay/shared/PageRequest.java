package dev.assay.shared;

/**
 * A page of a keyset-paginated list: an opaque cursor from the previous page's {@link Page#nextCursor()}
 * (null for the first page) and a limit between 1 and {@link #MAX_LIMIT}.
 */
public record PageRequest(String cursor, int limit) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 1000;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    if (cursor != null && cursor.isBlank()) {
      cursor = null;
    }
  }

  public static PageRequest first(int limit) {
    return new PageRequest(null, limit);
  }

  public static PageRequest firstDefault() {
    return new PageRequest(null, DEFAULT_LIMIT);
  }
}
