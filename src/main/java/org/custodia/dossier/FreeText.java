package org.custodia.dossier;

import java.util.List;
import java.util.Locale;

/**
 * Free-text matching over a lower-cased {@code search_text} column. Queries of three characters or
 * more use the column's {@code pg_trgm} GIN index through {@code LIKE}; shorter ones (a Chinese
 * surname, 拆除) cannot be answered by trigrams, so they use the GIN index on {@code
 * custodia_grams(search_text)} (every 1- and 2-character substring), re-checked with {@code
 * strpos}.
 */
public final class FreeText {
  /** Longest accepted free-text query, in characters. */
  public static final int MAX_LENGTH = 200;

  private FreeText() {}

  /** Appends the condition for {@code q} on {@code column} to {@code sql}; no-op for blank q. */
  public static void append(StringBuilder sql, List<Object> args, String column, String q) {
    if (q == null || q.isBlank()) {
      return;
    }
    String needle = q.strip().toLowerCase(Locale.ROOT);
    int chars = needle.codePointCount(0, needle.length());
    if (chars <= 2) {
      // strpos, not LIKE: a LIKE would tempt the planner into a full scan of the trigram index
      sql.append(" AND custodia_grams(").append(column).append(") @> ARRAY[?]::text[]");
      sql.append(" AND strpos(").append(column).append(", ?) > 0");
      args.add(needle);
      args.add(needle);
      return;
    }
    sql.append(" AND ").append(column).append(" LIKE ?");
    args.add("%" + escapeLike(needle) + "%");
  }

  static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
