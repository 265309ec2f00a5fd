package org.custodia.preservation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

/** The {@code four_property_check} table: queued checks, their lease, progress and kept report. */
@ApplicationScoped
class CheckRepository {
  private static final String COLUMNS =
      "id, case_id, unit_id, trigger, requested_by, requested_at, state, records_done,"
          + " records_total, started_at, finished_at, result, failure, report::text, attempts";

  private final AgroalDataSource db;
  private final ObjectMapper json;

  CheckRepository(AgroalDataSource db, ObjectMapper json) {
    this.db = db;
    this.json = json;
  }

  void insert(UUID id, UUID caseId, UUID unitId, CheckRun.Trigger trigger, UUID requestedBy) {
    Jdbc.update(
        db,
        "INSERT INTO four_property_check (id, case_id, unit_id, trigger, requested_by, state)"
            + " VALUES (?, ?, ?, ?, ?, 'QUEUED')",
        id,
        caseId,
        unitId,
        trigger,
        requestedBy);
  }

  Optional<CheckRun> byId(UUID id) {
    return Jdbc.one(
        db, "SELECT " + COLUMNS + " FROM four_property_check WHERE id = ?", this::row, id);
  }

  /** A case's checks, newest first, before {@code before}. */
  List<CheckRun> ofCase(UUID caseId, UUID before, int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM four_property_check WHERE case_id = ?");
    List<Object> args = new ArrayList<>(List.of(caseId));
    if (before != null) {
      sql.append(" AND id < ?");
      args.add(before);
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    args.add(limit);
    return Jdbc.list(db, sql.toString(), this::row, args.toArray());
  }

  /** A claim: the check and the number of this attempt. */
  record Claim(UUID id, UUID caseId, int attempt) {}

  /** Claims the next QUEUED check, or a RUNNING one whose lease lapsed (checked from the start). */
  Optional<Claim> claim(String owner, Duration lease) {
    return Jdbc.one(
        db,
        "WITH next AS (SELECT id FROM four_property_check WHERE state = 'QUEUED'"
            + " OR (state = 'RUNNING' AND lease_until < now())"
            + " ORDER BY requested_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)"
            + " UPDATE four_property_check x SET state = 'RUNNING', lease_owner = ?,"
            + " lease_until = now() + ? * interval '1 millisecond', attempts = x.attempts + 1,"
            + " started_at = now(), records_done = 0 FROM next WHERE x.id = next.id"
            + " RETURNING x.id, x.case_id, x.attempts",
        rs -> new Claim(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3)),
        owner,
        lease.toMillis());
  }

  /**
   * Inserts a check already RUNNING under {@code owner}'s lease (the export job runs it itself).
   */
  Claim insertRunning(
      UUID id, UUID caseId, UUID unitId, CheckRun.Trigger trigger, String owner, Duration lease) {
    Jdbc.update(
        db,
        "INSERT INTO four_property_check (id, case_id, unit_id, trigger, state, lease_owner,"
            + " lease_until, attempts, started_at) VALUES (?, ?, ?, ?, 'RUNNING', ?,"
            + " now() + ? * interval '1 millisecond', 1, now())",
        id,
        caseId,
        unitId,
        trigger,
        owner,
        lease.toMillis());
    return new Claim(id, caseId, 1);
  }

  /** Records progress and renews the lease; false when the lease is no longer ours. */
  boolean progress(UUID id, String owner, int done, int total, Duration lease) {
    return Jdbc.update(
            db,
            "UPDATE four_property_check SET records_done = ?, records_total = ?,"
                + " lease_until = now() + ? * interval '1 millisecond'"
                + " WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?",
            done,
            total,
            lease.toMillis(),
            id,
            owner)
        == 1;
  }

  boolean done(UUID id, String owner, CheckReport report) {
    return Jdbc.update(
            db,
            "UPDATE four_property_check SET state = 'DONE', lease_owner = NULL, lease_until = NULL,"
                + " finished_at = now(), result = ?, report = ?::jsonb"
                + " WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?",
            report.result(),
            write(report),
            id,
            owner)
        == 1;
  }

  boolean failed(UUID id, String owner, String failure) {
    return Jdbc.update(
            db,
            "UPDATE four_property_check SET state = 'FAILED', lease_owner = NULL,"
                + " lease_until = NULL, finished_at = now(), failure = ?"
                + " WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?",
            failure.length() > 2000 ? failure.substring(0, 2000) : failure,
            id,
            owner)
        == 1;
  }

  /** Gives a claimed check back to the queue (the store was unavailable; tried again later). */
  void release(UUID id, String owner) {
    Jdbc.update(
        db,
        "UPDATE four_property_check SET state = 'QUEUED', lease_owner = NULL, lease_until = NULL"
            + " WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?",
        id,
        owner);
  }

  /** Whether the case has a check queued or running. */
  boolean pending(UUID caseId) {
    return Jdbc.one(
            db,
            "SELECT 1 FROM four_property_check WHERE case_id = ? AND state IN ('QUEUED','RUNNING')",
            rs -> 1,
            caseId)
        .isPresent();
  }

  /**
   * Of the given closed cases, those whose newest check finished before {@code before} (or that
   * have none), oldest-checked first.
   */
  List<UUID> due(List<UUID> closed, Instant before, int limit) {
    if (closed.isEmpty()) {
      return List.of();
    }
    return Jdbc.list(
        db,
        "SELECT c.id FROM unnest(?::uuid[]) AS c(id) LEFT JOIN LATERAL (SELECT max(requested_at)"
            + " AS last, bool_or(state IN ('QUEUED','RUNNING')) AS busy FROM four_property_check f"
            + " WHERE f.case_id = c.id) f ON true WHERE NOT coalesce(f.busy, false)"
            + " AND (f.last IS NULL OR f.last < ?) ORDER BY f.last NULLS FIRST, c.id LIMIT ?",
        rs -> rs.getObject(1, UUID.class),
        closed.toArray(new UUID[0]),
        before,
        limit);
  }

  private CheckRun row(ResultSet rs) throws SQLException {
    String result = rs.getString(12);
    String report = rs.getString(14);
    return new CheckRun(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getObject(3, UUID.class),
        CheckRun.Trigger.valueOf(rs.getString(4)),
        rs.getObject(5, UUID.class),
        Jdbc.instant(rs, 6),
        CheckRun.State.valueOf(rs.getString(7)),
        new CheckRun.Progress(rs.getInt(8), rs.getInt(9)),
        Jdbc.instant(rs, 10),
        Jdbc.instant(rs, 11),
        result == null ? null : CheckReport.Result.valueOf(result),
        rs.getString(13),
        report == null ? null : read(report));
  }

  private String write(CheckReport report) {
    try {
      return json.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private CheckReport read(String text) {
    try {
      return json.readValue(text, CheckReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable four-property report", e);
    }
  }
}
