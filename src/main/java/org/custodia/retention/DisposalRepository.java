package org.custodia.retention;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

/** Disposals and their items ({@code disposal}, {@code disposal_item}). */
@ApplicationScoped
class DisposalRepository {
  private final AgroalDataSource db;

  DisposalRepository(AgroalDataSource db) {
    this.db = db;
  }

  private static final String COLUMNS =
      "id, unit_id, requested_by, requested_at, reason, state, approved_by, approved_at,"
          + " finished_at";

  void insert(Disposal d, List<UUID> evidenceIds) {
    Jdbc.update(
        db,
        "INSERT INTO disposal (id, unit_id, requested_by, requested_at, reason, state)"
            + " VALUES (?,?,?,?,?,?)",
        d.id(),
        d.unitId(),
        d.requestedBy(),
        d.requestedAt(),
        d.reason(),
        d.state());
    for (UUID e : evidenceIds) {
      Jdbc.update(
          db, "INSERT INTO disposal_item (disposal_id, evidence_id) VALUES (?,?)", d.id(), e);
    }
  }

  /** An expired item the store does not let go yet: listed, with why, and never deleted. */
  void insertSkipped(UUID id, UUID evidenceId, String why, Instant at) {
    Jdbc.update(
        db,
        "INSERT INTO disposal_item (disposal_id, evidence_id, state, detail, done_at)"
            + " VALUES (?,?,'SKIPPED',?,?)",
        id,
        evidenceId,
        why,
        at);
  }

  Optional<Disposal> byId(UUID id) {
    return Jdbc.one(
        db, "SELECT " + COLUMNS + " FROM disposal WHERE id = ?", DisposalRepository::disposal, id);
  }

  Optional<Disposal> lock(UUID id) {
    return Jdbc.one(
        db,
        "SELECT " + COLUMNS + " FROM disposal WHERE id = ? FOR UPDATE",
        DisposalRepository::disposal,
        id);
  }

  List<Disposal.Item> items(UUID id) {
    return Jdbc.list(
        db,
        "SELECT evidence_id, state, detail, done_at FROM disposal_item WHERE disposal_id = ?"
            + " ORDER BY evidence_id",
        rs ->
            new Disposal.Item(
                rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), Jdbc.instant(rs, 4)),
        id);
  }

  boolean approve(UUID id, UUID by, Instant at) {
    return Jdbc.update(
            db,
            "UPDATE disposal SET state = 'APPROVED', approved_by = ?, approved_at = ?"
                + " WHERE id = ? AND state = 'PENDING_APPROVAL'",
            by,
            at,
            id)
        == 1;
  }

  /** Approved disposals, oldest approval first. */
  List<UUID> approved() {
    return Jdbc.list(
        db,
        "SELECT id FROM disposal WHERE state = 'APPROVED' ORDER BY approved_at, id",
        rs -> rs.getObject(1, UUID.class));
  }

  /** Claims the next pending item of a disposal (skipping one another worker holds). */
  Optional<UUID> claimPending(UUID id) {
    return Jdbc.one(
        db,
        "SELECT evidence_id FROM disposal_item WHERE disposal_id = ? AND state = 'PENDING'"
            + " ORDER BY evidence_id LIMIT 1 FOR UPDATE SKIP LOCKED",
        rs -> rs.getObject(1, UUID.class),
        id);
  }

  void finishItem(UUID id, UUID evidenceId, String state, String detail, Instant at) {
    Jdbc.update(
        db,
        "UPDATE disposal_item SET state = ?, detail = ?, done_at = ?"
            + " WHERE disposal_id = ? AND evidence_id = ?",
        state,
        detail == null ? null : detail.length() <= 500 ? detail : detail.substring(0, 499) + "…",
        at,
        id,
        evidenceId);
  }

  boolean finishIfComplete(UUID id, Instant at) {
    return Jdbc.update(
            db,
            "UPDATE disposal SET state = 'DONE', finished_at = ? WHERE id = ? AND state ="
                + " 'APPROVED' AND NOT EXISTS (SELECT 1 FROM disposal_item WHERE disposal_id = ?"
                + " AND state = 'PENDING')",
            at,
            id,
            id)
        == 1;
  }

  List<Disposal> search(UUID unitId, boolean global, UUID before, int limit) {
    return Jdbc.list(
        db,
        "SELECT "
            + COLUMNS
            + " FROM disposal WHERE (?::boolean OR unit_id = ?::uuid) AND (?::uuid IS NULL OR id"
            + " < ?::uuid) ORDER BY id DESC LIMIT ?",
        DisposalRepository::disposal,
        global,
        unitId,
        before,
        before,
        limit);
  }

  private static Disposal disposal(ResultSet rs) throws SQLException {
    return new Disposal(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getObject(3, UUID.class),
        Jdbc.instant(rs, 4),
        rs.getString(5),
        Disposal.State.valueOf(rs.getString(6)),
        rs.getObject(7, UUID.class),
        Jdbc.instant(rs, 8),
        Jdbc.instant(rs, 9),
        null);
  }
}
