package dev.assay.store;

import dev.assay.shared.Page;
import java.util.List;
import java.util.function.Function;

/** Builds a {@link Page} from a query that fetched {@code limit + 1} rows to learn whether more follow. */
final class Pages {
  private Pages() {}

  static <T> Page<T> of(List<T> rowsPlusOne, int limit, Function<T, String> cursorOf) {
    if (rowsPlusOne.size() <= limit) {
      return new Page<>(rowsPlusOne, null);
    }
    List<T> page = rowsPlusOne.subList(0, limit);
    return new Page<>(page, cursorOf.apply(page.get(limit - 1)));
  }
}
