package org.custodia.compliance;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

/** Findings, case statuses, the recompute queue and acknowledgements (JDBC). */
@ApplicationScoped
public class ComplianceRepository {
  private static final String FINDING_COLUMNS =
      "id, case_id, unit_id, fingerprint, rule_code, rule_version, severity, clause, action_id,"
          + " evidence_ids, span_from, span_to, detail, first_seen_at, resolved_at, detail_code,"
          + " detail_args";
  private static final String CASE_COLUMNS =
      "case_id, unit_id, status, violations, warnings, rules_version, evaluated_at, active_from,"
          + " active_to";

  private final AgroalDataSource db;

  ComplianceRepository(AgroalDataSource db) {
    this.db = db;
  }

  /** A finding as stored. */
  public record StoredFinding(
      UUID id,
      UUID caseId,
      UUID unitId,
      String fingerprint,
      Finding finding,
      Instant firstSeenAt,
      Instant resolvedAt) {}

  /** A case's status as last computed. */
  public record CaseRow(
      UUID caseId,
      UUID unitId,
      ComplianceStatus status,
      int violations,
      int warnings,
      String rulesVersion,
      Instant evaluatedAt,
      Instant activeFrom,
      Instant activeTo) {}

  /** Queues {@code caseId} for a recompute (in the caller's transaction). */
  public void markPending(UUID caseId) {
    Jdbc.update(
        db,
        "INSERT INTO compliance_pending (case_id) VALUES (?)"
            + " ON CONFLICT (case_id) DO UPDATE SET requested_at = now()",
        caseId);
  }

  /**
   * Takes {@code caseId} off the queue, waiting for a recompute of it that runs; false when it was
   * not queued.
   */
  public boolean takePending(UUID caseId) {
    return Jdbc.update(db, "DELETE FROM compliance_pending WHERE case_id = ?", caseId) > 0;
  }

  /** Up to {@code limit} queued cases nobody is recomputing, locked, oldest first. */
  public List<UUID> lockPending(int limit) {
    return Jdbc.list(
        db,
        "SELECT case_id FROM compliance_pending ORDER BY requested_at LIMIT ?"
            + " FOR UPDATE SKIP LOCKED",
        rs -> rs.getObject(1, UUID.class),
        limit);
  }

  public boolean isPending(UUID caseId) {
    return Jdbc.one(db, "SELECT 1 FROM compliance_pending WHERE case_id = ?", rs -> true, caseId)
        .isPresent();
  }

  public List<StoredFinding> open(UUID caseId) {
    return Jdbc.list(
        db,
        "SELECT "
            + FINDING_COLUMNS
            + " FROM compliance_finding"
            + " WHERE case_id = ? AND resolved_at IS NULL",
        ComplianceRepository::finding,
        caseId);
  }

  /** Every finding of the case, open and resolved, oldest first. */
  public List<StoredFinding> history(UUID caseId) {
    return Jdbc.list(
        db,
        "SELECT "
            + FINDING_COLUMNS
            + " FROM compliance_finding WHERE case_id = ?"
            + " ORDER BY first_seen_at, span_from, rule_code, id",
        ComplianceRepository::finding,
        caseId);
  }

  public Optional<StoredFinding> finding(UUID id) {
    return Jdbc.one(
        db,
        "SELECT " + FINDING_COLUMNS + " FROM compliance_finding WHERE id = ?",
        ComplianceRepository::finding,
        id);
  }

  public void insert(UUID id, UUID caseId, UUID unitId, Finding f, Instant now) {
    StringBuilder ids = new StringBuilder();
    for (UUID e : f.evidenceIds()) {
      ids.append(ids.isEmpty() ? "" : " ").append(e);
    }
    Jdbc.update(
        db,
        "INSERT INTO compliance_finding ("
            + FINDING_COLUMNS
            + ")"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,?,?::text[])",
        id,
        caseId,
        unitId,
        f.fingerprint(),
        f.rule(),
        f.ruleVersion(),
        f.severity(),
        f.clause(),
        f.actionId(),
        ids.toString(),
        f.from(),
        f.to(),
        f.detail(),
        now,
        f.detailCode(),
        f.detailArgs() == null ? null : f.detailArgs().toArray(String[]::new));
  }

  public void resolve(UUID findingId, Instant now) {
    Jdbc.update(
        db,
        "UPDATE compliance_finding SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL",
        now,
        findingId);
  }

  public void saveCase(CaseRow c) {
    Jdbc.update(
        db,
        "INSERT INTO compliance_case ("
            + CASE_COLUMNS
            + ") VALUES (?,?,?,?,?,?,?,?,?)"
            + " ON CONFLICT (case_id) DO UPDATE SET unit_id = excluded.unit_id,"
            + " status = excluded.status, violations = excluded.violations,"
            + " warnings = excluded.warnings, rules_version = excluded.rules_version,"
            + " evaluated_at = excluded.evaluated_at, active_from = excluded.active_from,"
            + " active_to = excluded.active_to",
        c.caseId(),
        c.unitId(),
        c.status(),
        c.violations(),
        c.warnings(),
        c.rulesVersion(),
        c.evaluatedAt(),
        c.activeFrom(),
        c.activeTo());
  }

  public Optional<CaseRow> caseRow(UUID caseId) {
    return Jdbc.one(
        db,
        "SELECT " + CASE_COLUMNS + " FROM compliance_case WHERE case_id = ?",
        ComplianceRepository::caseRow,
        caseId);
  }

  /**
   * Cases of {@code unit} (null: all) of {@code status} (null: the non-compliant ones, violations
   * or warnings), active in [from, to) (either null: open), in case-id order after {@code after}.
   */
  public List<CaseRow> listed(
      UUID unit, ComplianceStatus status, Instant from, Instant to, UUID after, int limit) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT " + CASE_COLUMNS + " FROM compliance_case");
    if (status == null) {
      sql.append(" WHERE status <> 'COMPLIANT'");
    } else {
      sql.append(" WHERE status = ?");
      args.add(status);
    }
    if (unit != null) {
      sql.append(" AND unit_id = ?");
      args.add(unit);
    }
    if (from != null) {
      sql.append(" AND active_to > ?");
      args.add(from);
    }
    if (to != null) {
      sql.append(" AND active_from < ?");
      args.add(to);
    }
    if (after != null) {
      sql.append(" AND case_id > ?");
      args.add(after);
    }
    sql.append(" ORDER BY case_id LIMIT ?");
    args.add(limit);
    return Jdbc.list(db, sql.toString(), ComplianceRepository::caseRow, args.toArray());
  }

  /** The last computed status of each of {@code caseIds} that has one. */
  public Map<UUID, ComplianceStatus> statuses(Collection<UUID> caseIds) {
    Map<UUID, ComplianceStatus> out = new HashMap<>();
    if (caseIds.isEmpty()) {
      return out;
    }
    Jdbc.list(
            db,
            "SELECT case_id, status FROM compliance_case WHERE case_id = ANY(?::uuid[])",
            rs -> Map.entry(rs.getObject(1, UUID.class), ComplianceStatus.valueOf(rs.getString(2))),
            (Object) caseIds.stream().map(UUID::toString).toArray(String[]::new))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** An acknowledgement as stored. */
  public record Acknowledgement(
      UUID id, UUID findingId, String explanation, UUID acknowledgedBy, Instant acknowledgedAt) {}

  public void insertAcknowledgement(Acknowledgement a) {
    Jdbc.update(
        db,
        "INSERT INTO compliance_acknowledgement (id, finding_id, explanation, acknowledged_by,"
            + " acknowledged_at) VALUES (?,?,?,?,?)",
        a.id(),
        a.findingId(),
        a.explanation(),
        a.acknowledgedBy(),
        a.acknowledgedAt());
  }

  /** The acknowledgements of the case's findings, oldest first. */
  public List<Acknowledgement> acknowledgements(UUID caseId) {
    return Jdbc.list(
        db,
        "SELECT a.id, a.finding_id, a.explanation, a.acknowledged_by, a.acknowledged_at"
            + " FROM compliance_acknowledgement a JOIN compliance_finding f ON f.id = a.finding_id"
            + " WHERE f.case_id = ? ORDER BY a.acknowledged_at, a.id",
        rs ->
            new Acknowledgement(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getObject(4, UUID.class),
                Jdbc.instant(rs, 5)),
        caseId);
  }

  private static List<String> strings(java.sql.Array a) throws SQLException {
    return a == null ? null : List.of((String[]) a.getArray());
  }

  private static StoredFinding finding(ResultSet rs) throws SQLException {
    String ids = rs.getString(10);
    List<UUID> evidence =
        ids.isEmpty() ? List.of() : Arrays.stream(ids.split(" ")).map(UUID::fromString).toList();
    Finding f =
        new Finding(
            rs.getString(5),
            rs.getInt(6),
            Severity.valueOf(rs.getString(7)),
            rs.getString(8),
            rs.getObject(9, UUID.class),
            evidence,
            Jdbc.instant(rs, 11),
            Jdbc.instant(rs, 12),
            rs.getString(13),
            rs.getString(16),
            strings(rs.getArray(17)));
    return new StoredFinding(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getObject(3, UUID.class),
        rs.getString(4),
        f,
        Jdbc.instant(rs, 14),
        Jdbc.instant(rs, 15));
  }

  private static CaseRow caseRow(ResultSet rs) throws SQLException {
    return new CaseRow(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        ComplianceStatus.valueOf(rs.getString(3)),
        rs.getInt(4),
        rs.getInt(5),
        rs.getString(6),
        Jdbc.instant(rs, 7),
        Jdbc.instant(rs, 8),
        Jdbc.instant(rs, 9));
  }

  /**
   * Findings first seen in [from, to), by rule and severity: how many, how many a supervisor had
   * acknowledged before {@code to}, and how many were still open at {@code to} (not resolved before
   * it). A null unit means every unit.
   */
  public List<FindingCount> yearCounts(UUID unit, Instant from, Instant to) {
    return Jdbc.list(
        db,
        "SELECT f.rule_code, f.severity, count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM"
            + " compliance_acknowledgement a WHERE a.finding_id = f.id AND a.acknowledged_at <"
            + " ?)), count(*) FILTER (WHERE f.resolved_at IS NULL OR f.resolved_at >= ?)"
            + " FROM compliance_finding f WHERE (CAST(? AS uuid) IS NULL OR f.unit_id = CAST(? AS"
            + " uuid)) AND f.first_seen_at >= ? AND f.first_seen_at < ? GROUP BY 1, 2 ORDER BY 1, 2",
        rs ->
            new FindingCount(
                rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
        to,
        to,
        unit,
        unit,
        from,
        to);
  }
}
