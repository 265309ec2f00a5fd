package org.custodia.dossier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds the case search: every filter is optional; {@code from}/{@code to} select cases with an
 * action whose time window overlaps [from, to); {@code subject} and {@code officer} match part of a
 * subject's or a case officer's name (Chinese included, case-insensitive). Results come in one of
 * the {@link Sort} orders, keyset-paginated on (sort key, id) in either direction ({@link
 * Position}).
 */
public final class CaseQuery {
  static final String COLUMNS =
      "c.id, c.unit_id, c.case_no, c.type, c.status, c.title, c.decision_date, c.created_at,"
          + " c.updated_at";

  /** What an undecided case sorts as under {@link Sort#DECISION_DATE}: after every decided one. */
  static final String NO_DECISION = "0001-01-01";

  private CaseQuery() {}

  public record Filter(
      UUID unitId,
      String q,
      String caseNo,
      UUID subjectId,
      UUID officerId,
      CaseType type,
      CaseStatus status,
      Instant from,
      Instant to,
      String subject,
      String officer) {

    /** A filter of the fields the API has always had (no subject or officer name). */
    public Filter(
        UUID unitId,
        String q,
        String caseNo,
        UUID subjectId,
        UUID officerId,
        CaseType type,
        CaseStatus status,
        Instant from,
        Instant to) {
      this(unitId, q, caseNo, subjectId, officerId, type, status, from, to, null, null);
    }
  }

  /** The orders of the case search; ties are broken by id in the same direction. */
  public enum Sort {
    /** Newest case first (ids are time-ordered). */
    NEWEST(null, null, true),
    /** Oldest case first. */
    OLDEST(null, null, false),
    /** By case number, ascending. */
    CASE_NO("c.case_no", "::text", false),
    /** Latest decision date first; undecided cases last. */
    DECISION_DATE("COALESCE(c.decision_date, DATE '" + NO_DECISION + "')", "::date", true);

    final String expression;
    final String cast;
    final boolean descending;

    Sort(String expression, String cast, boolean descending) {
      this.expression = expression;
      this.cast = cast;
      this.descending = descending;
    }

    /** The sort key of a listed case, as a cursor carries it (null for the id-only orders). */
    String key(CaseRecords.CaseSummary c) {
      return switch (this) {
        case NEWEST, OLDEST -> null;
        case CASE_NO -> c.caseNo();
        case DECISION_DATE -> c.decisionDate() == null ? NO_DECISION : c.decisionDate().toString();
      };
    }
  }

  /**
   * Where a page starts: after the case ({@code key}, {@code id}) in the sort order, or — {@code
   * backward} — before it (a previous page).
   */
  public record Position(String key, UUID id, boolean backward) {}

  /**
   * One page in {@code sort} order from {@code at} (null: the first page). A backward page comes in
   * reverse order; the caller turns it round.
   */
  public static SqlQuery build(Filter f, Sort sort, Position at, int limit) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM enforcement_case c");
    where(sql, args, f);
    boolean descending = sort.descending ^ (at != null && at.backward());
    String direction = descending ? " DESC" : " ASC";
    if (at != null) {
      String comparison = descending ? " < " : " > ";
      if (sort.expression == null) {
        sql.append(" AND c.id").append(comparison).append("?");
      } else {
        sql.append(" AND (").append(sort.expression).append(", c.id)").append(comparison);
        sql.append("(?").append(sort.cast).append(", ?)");
        args.add(at.key());
      }
      args.add(at.id());
    }
    sql.append(" ORDER BY ");
    if (sort.expression != null) {
      sql.append(sort.expression).append(direction).append(", ");
    }
    sql.append("c.id").append(direction).append(" LIMIT ?");
    args.add(limit);
    return new SqlQuery(sql.toString(), args);
  }

  /** How many cases match {@code f} (all pages together). */
  public static SqlQuery count(Filter f) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT count(*) FROM enforcement_case c");
    where(sql, args, f);
    return new SqlQuery(sql.toString(), args);
  }

  private static void where(StringBuilder sql, List<Object> args, Filter f) {
    sql.append(" WHERE true");
    if (f.unitId() != null) {
      sql.append(" AND c.unit_id = ?");
      args.add(f.unitId());
    }
    if (f.caseNo() != null && !f.caseNo().isBlank()) {
      sql.append(" AND c.case_no = ?");
      args.add(f.caseNo().strip());
    }
    if (f.subjectId() != null) {
      sql.append(" AND c.id IN (SELECT s.case_id FROM case_subject s WHERE s.subject_id = ?)");
      args.add(f.subjectId());
    }
    if (f.officerId() != null) {
      sql.append(" AND c.id IN (SELECT o.case_id FROM case_officer o WHERE o.officer_id = ?)");
      args.add(f.officerId());
    }
    if (f.type() != null) {
      sql.append(" AND c.type = ?");
      args.add(f.type().name());
    }
    if (f.status() != null) {
      sql.append(" AND c.status = ?");
      args.add(f.status().name());
    }
    if (f.from() != null || f.to() != null) {
      sql.append(
          " AND c.id IN (SELECT a.case_id FROM case_action a WHERE tstzrange(a.from_at, a.to_at)"
              + " && tstzrange(?::timestamptz, ?::timestamptz))");
      args.add(f.from());
      args.add(f.to());
    }
    FreeText.append(sql, args, "c.search_text", f.q());
    if (f.subject() != null && !f.subject().isBlank()) {
      sql.append(
          " AND c.id IN (SELECT cs.case_id FROM case_subject cs JOIN subject s ON s.id ="
              + " cs.subject_id WHERE strpos(s.search_text, ?) > 0)");
      args.add(f.subject().strip().toLowerCase(java.util.Locale.ROOT));
    }
    if (f.officer() != null && !f.officer().isBlank()) {
      sql.append(
          " AND c.id IN (SELECT co.case_id FROM case_officer co JOIN officer o ON o.id ="
              + " co.officer_id WHERE strpos(lower(o.name), ?) > 0)");
      args.add(f.officer().strip().toLowerCase(java.util.Locale.ROOT));
    }
  }
}
