package org.custodia.dossier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds the case search: every filter is optional; {@code from}/{@code to} select cases with an
 * action whose time window overlaps [from, to); newest first, keyset-paginated by id.
 */
public final class CaseQuery {
  static final String COLUMNS =
      "c.id, c.unit_id, c.case_no, c.type, c.status, c.title, c.decision_date, c.created_at,"
          + " c.updated_at";

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
      Instant to) {}

  public static SqlQuery build(Filter f, UUID before, int limit) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM enforcement_case c WHERE true");
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
    if (before != null) {
      sql.append(" AND c.id < ?");
      args.add(before);
    }
    sql.append(" ORDER BY c.id DESC LIMIT ?");
    args.add(limit);
    return new SqlQuery(sql.toString(), args);
  }
}
