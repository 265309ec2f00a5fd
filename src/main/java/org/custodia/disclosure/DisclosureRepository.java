package org.custodia.disclosure;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.dossier.CaseType;
import org.custodia.dossier.SqlQuery;
import org.custodia.support.Jdbc;

/** What was recorded about decisions' disclosure ({@code case_disclosure}). */
@ApplicationScoped
class DisclosureRepository {
  private final AgroalDataSource db;

  DisclosureRepository(AgroalDataSource db) {
    this.db = db;
  }

  private static final String COLUMNS =
      "case_id, unit_id, kind, disclosed_on, revoked_on, withdrawn_on, recorded_by";

  Optional<DisclosureRecord> lock(UUID caseId) {
    return Jdbc.one(
        db,
        "SELECT " + COLUMNS + " FROM case_disclosure WHERE case_id = ? FOR UPDATE",
        DisclosureRepository::record,
        caseId);
  }

  Optional<DisclosureRecord> byCase(UUID caseId) {
    return Jdbc.one(
        db,
        "SELECT " + COLUMNS + " FROM case_disclosure WHERE case_id = ?",
        DisclosureRepository::record,
        caseId);
  }

  List<DisclosureRecord> byCases(Collection<UUID> caseIds) {
    return Jdbc.list(
        db,
        "SELECT " + COLUMNS + " FROM case_disclosure WHERE case_id = ANY (?)",
        DisclosureRepository::record,
        (Object) caseIds.toArray(new UUID[0]));
  }

  /** Decisions alike for their disclosure deadline and status: how many share these values. */
  record DecisionGroup(
      LocalDate decisionDate,
      CaseType type,
      DecisionKind kind,
      LocalDate disclosedOn,
      long count) {}

  /**
   * The decisions a dossier subquery selects (columns id, type, decision_date) with what is
   * recorded of their disclosure, grouped by the values their disclosure status depends on: one
   * aggregate however many decisions.
   */
  List<DecisionGroup> groups(SqlQuery decisions) {
    return Jdbc.list(
        db,
        "SELECT c.decision_date, c.type, d.kind, d.disclosed_on, count(*) FROM ("
            + decisions.sql()
            + ") c LEFT JOIN case_disclosure d ON d.case_id = c.id GROUP BY 1, 2, 3, 4",
        rs -> {
          String kind = rs.getString(3);
          return new DecisionGroup(
              localDate(rs, 1),
              CaseType.valueOf(rs.getString(2)),
              kind == null ? null : DecisionKind.valueOf(kind),
              localDate(rs, 4),
              rs.getLong(5));
        },
        decisions.argArray());
  }

  void upsert(DisclosureRecord r) {
    Jdbc.update(
        db,
        "INSERT INTO case_disclosure (case_id, unit_id, kind, disclosed_on, revoked_on,"
            + " withdrawn_on, recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?)"
            + " ON CONFLICT (case_id) DO UPDATE SET kind = EXCLUDED.kind, disclosed_on ="
            + " EXCLUDED.disclosed_on, revoked_on = EXCLUDED.revoked_on, withdrawn_on ="
            + " EXCLUDED.withdrawn_on, recorded_by = EXCLUDED.recorded_by, recorded_at ="
            + " EXCLUDED.recorded_at",
        r.caseId(),
        r.unitId(),
        r.kind() == null ? null : r.kind().name(),
        date(r.disclosedOn()),
        date(r.revokedOn()),
        date(r.withdrawnOn()),
        r.recordedBy(),
        Instant.now());
  }

  private static Date date(LocalDate d) {
    return d == null ? null : Date.valueOf(d);
  }

  private static LocalDate localDate(ResultSet rs, int column) throws SQLException {
    Date d = rs.getDate(column);
    return d == null ? null : d.toLocalDate();
  }

  private static DisclosureRecord record(ResultSet rs) throws SQLException {
    String kind = rs.getString(3);
    return new DisclosureRecord(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        kind == null ? null : DecisionKind.valueOf(kind),
        localDate(rs, 4),
        localDate(rs, 5),
        localDate(rs, 6),
        rs.getObject(7, UUID.class));
  }
}
