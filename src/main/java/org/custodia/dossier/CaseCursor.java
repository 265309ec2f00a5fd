package org.custodia.dossier;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.custodia.error.CustodiaException;

/**
 * Opaque cursors of the case search: base64url of {@code c1|SORT|F-or-B|id|key}, so that a page can
 * be followed forward (next) or backward (previous) in the order it was listed in. A cursor of the
 * older form (base64url of an id alone) still means "after this case, newest first".
 */
final class CaseCursor {
  private static final String VERSION = "c1";

  private CaseCursor() {}

  static String encode(CaseQuery.Sort sort, CaseRecords.CaseSummary c, boolean backward) {
    String key = sort.key(c);
    String raw =
        VERSION
            + "|"
            + sort.name()
            + "|"
            + (backward ? "B" : "F")
            + "|"
            + c.id()
            + "|"
            + (key == null ? "" : key);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The position a cursor names; null for none. The cursor must belong to {@code sort}. */
  static CaseQuery.Position decode(String cursor, CaseQuery.Sort sort) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    String[] parts = raw.split("\\|", 5);
    try {
      if (parts.length == 1) {
        if (sort != CaseQuery.Sort.NEWEST) {
          throw invalid();
        }
        return new CaseQuery.Position(null, UUID.fromString(raw), false);
      }
      if (parts.length != 5 || !parts[0].equals(VERSION) || !parts[1].equals(sort.name())) {
        throw invalid();
      }
      boolean backward =
          switch (parts[2]) {
            case "F" -> false;
            case "B" -> true;
            default -> throw invalid();
          };
      UUID id = UUID.fromString(parts[3]);
      String key = sort.expression == null ? null : parts[4];
      if (sort == CaseQuery.Sort.DECISION_DATE) {
        java.time.LocalDate.parse(key);
      }
      return new CaseQuery.Position(key, id, backward);
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      throw invalid();
    }
  }

  private static CustodiaException invalid() {
    return CustodiaException.invalid(
        "cursor", "cursor is not one this service issued for this sort order");
  }
}
