package org.custodia.support;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** One page of a keyset-paginated list; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

  /**
   * Builds a page from rows fetched with {@code limit + 1}: the extra row only tells that another
   * page exists.
   */
  public static <T> Page<T> of(List<T> rows, int limit, Function<T, UUID> id) {
    if (rows.size() > limit) {
      List<T> shown = List.copyOf(rows.subList(0, limit));
      return new Page<>(shown, Cursors.encode(id.apply(shown.get(limit - 1))));
    }
    return new Page<>(List.copyOf(rows), null);
  }
}
