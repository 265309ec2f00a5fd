package org.custodia.retention;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

/** Legal holds ({@code legal_hold}). */
@ApplicationScoped
class HoldRepository {
  private final AgroalDataSource db;

  HoldRepository(AgroalDataSource db) {
    this.db = db;
  }

  private static final String COLUMNS =
      "id, scope, target_id, unit_id, reason, until, placed_by, placed_at, lifted_by, lifted_at,"
          + " lift_reason";

  void insert(Hold h) {
    Jdbc.update(
        db,
        "INSERT INTO legal_hold (id, scope, target_id, unit_id, reason, until, placed_by,"
            + " placed_at) VALUES (?,?,?,?,?,?,?,?)",
        h.id(),
        h.scope(),
        h.targetId(),
        h.unitId(),
        h.reason(),
        h.until(),
        h.placedBy(),
        h.placedAt());
  }

  Optional<Hold> byId(UUID id) {
    return Jdbc.one(
        db, "SELECT " + COLUMNS + " FROM legal_hold WHERE id = ?", HoldRepository::hold, id);
  }

  Optional<Hold> lock(UUID id) {
    return Jdbc.one(
        db,
        "SELECT " + COLUMNS + " FROM legal_hold WHERE id = ? FOR UPDATE",
        HoldRepository::hold,
        id);
  }

  boolean lift(UUID id, UUID by, String reason, Instant at) {
    return Jdbc.update(
            db,
            "UPDATE legal_hold SET lifted_by = ?, lifted_at = ?, lift_reason = ?"
                + " WHERE id = ? AND lifted_at IS NULL",
            by,
            at,
            reason,
            id)
        == 1;
  }

  /** Holds not lifted whose target is the item, one of its cases or one of {@code subjects}. */
  List<Hold> unlifted(UUID evidenceId, Collection<UUID> cases, Collection<UUID> subjects) {
    return Jdbc.list(
        db,
        "SELECT "
            + COLUMNS
            + " FROM legal_hold WHERE lifted_at IS NULL AND ((scope = 'EVIDENCE' AND target_id = ?)"
            + " OR (scope = 'CASE' AND target_id = ANY (?)) OR (scope = 'SUBJECT' AND target_id ="
            + " ANY (?))) ORDER BY placed_at, id",
        HoldRepository::hold,
        evidenceId,
        cases.toArray(new UUID[0]),
        subjects.toArray(new UUID[0]));
  }

  /** A page of holds, newest first, by filter (each null = any). */
  List<Hold> search(
      UUID unitId,
      Hold.Scope scope,
      UUID targetId,
      Boolean active,
      Instant now,
      UUID before,
      int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM legal_hold WHERE true");
    List<Object> args = new ArrayList<>();
    if (unitId != null) {
      sql.append(" AND unit_id = ?");
      args.add(unitId);
    }
    if (scope != null) {
      sql.append(" AND scope = ?");
      args.add(scope);
    }
    if (targetId != null) {
      sql.append(" AND target_id = ?");
      args.add(targetId);
    }
    if (active != null) {
      sql.append(
          active
              ? " AND lifted_at IS NULL AND (until IS NULL OR until > ?)"
              : " AND NOT (lifted_at IS NULL AND (until IS NULL OR until > ?))");
      args.add(now);
    }
    if (before != null) {
      sql.append(" AND id < ?");
      args.add(before);
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    args.add(limit);
    return Jdbc.list(db, sql.toString(), HoldRepository::hold, args.toArray());
  }

  private static Hold hold(ResultSet rs) throws SQLException {
    return new Hold(
        rs.getObject(1, UUID.class),
        Hold.Scope.valueOf(rs.getString(2)),
        rs.getObject(3, UUID.class),
        rs.getObject(4, UUID.class),
        rs.getString(5),
        Jdbc.instant(rs, 6),
        rs.getObject(7, UUID.class),
        Jdbc.instant(rs, 8),
        rs.getObject(9, UUID.class),
        Jdbc.instant(rs, 10),
        rs.getString(11));
  }
}
