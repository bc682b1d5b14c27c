package dev.assay.server.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.assay.shared.Page;

/**
 * AX's {@code PaginationMetadata}: {@code next_cursor} is present exactly when {@code has_more} is true.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Pagination(String nextCursor, boolean hasMore) {

  static Pagination of(Page<?> page) {
    return new Pagination(page.nextCursor(), page.hasMore());
  }
}
