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

/** The computed retention of each item ({@code retention_item}). */
@ApplicationScoped
class RetentionRepository {
  private final AgroalDataSource db;

  RetentionRepository(AgroalDataSource db) {
    this.db = db;
  }

  /** One item's row. */
  record Item(
      UUID evidenceId,
      UUID unitId,
      RetentionClass retentionClass,
      RetentionClass manualClass,
      String manualReason,
      boolean usedAsEvidence,
      boolean obstruction,
      boolean majorIncident,
      Instant deleteAfter,
      String why,
      Instant retainedUntil,
      boolean receiptsRetained,
      boolean held,
      String state,
      Instant disposedAt) {

    boolean disposed() {
      return "DISPOSED".equals(state);
    }
  }

  private static final String COLUMNS =
      "evidence_id, unit_id, class, manual_class, manual_reason, used_as_evidence, obstruction,"
          + " major_incident, delete_after, why, retained_until, receipts_retained, held, state,"
          + " disposed_at";

  Optional<Item> byId(UUID id) {
    return Jdbc.one(
        db,
        "SELECT " + COLUMNS + " FROM retention_item WHERE evidence_id = ?",
        RetentionRepository::item,
        id);
  }

  /** The rows of several items (those that have one). */
  List<Item> byIds(java.util.Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return Jdbc.list(
        db,
        "SELECT " + COLUMNS + " FROM retention_item WHERE evidence_id = ANY(?::uuid[])",
        RetentionRepository::item,
        (Object) ids.stream().map(UUID::toString).toArray(String[]::new));
  }

  /** Locks the row (so that two refreshes of one item take turns); empty when there is none. */
  Optional<Item> lock(UUID id) {
    return Jdbc.one(
        db,
        "SELECT " + COLUMNS + " FROM retention_item WHERE evidence_id = ? FOR UPDATE",
        RetentionRepository::item,
        id);
  }

  void upsert(Item i) {
    Jdbc.update(
        db,
        "INSERT INTO retention_item (evidence_id, unit_id, class, manual_class, manual_reason,"
            + " used_as_evidence, obstruction, major_incident, delete_after, why, retained_until,"
            + " receipts_retained, held, state, disposed_at, updated_at)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, now())"
            + " ON CONFLICT (evidence_id) DO UPDATE SET class = excluded.class,"
            + " manual_class = excluded.manual_class, manual_reason = excluded.manual_reason,"
            + " used_as_evidence = excluded.used_as_evidence, obstruction = excluded.obstruction,"
            + " major_incident = excluded.major_incident, delete_after = excluded.delete_after,"
            + " why = excluded.why, retained_until = excluded.retained_until,"
            + " receipts_retained = excluded.receipts_retained, held = excluded.held,"
            + " state = excluded.state, disposed_at = excluded.disposed_at, updated_at = now()",
        i.evidenceId(),
        i.unitId(),
        i.retentionClass(),
        i.manualClass(),
        i.manualReason(),
        i.usedAsEvidence(),
        i.obstruction(),
        i.majorIncident(),
        i.deleteAfter(),
        i.why(),
        i.retainedUntil(),
        i.receiptsRetained(),
        i.held(),
        i.state(),
        i.disposedAt());
  }

  /** Items of a unit (or all when null) whose computed retention ended by {@code now}, not held. */
  List<UUID> expired(UUID unitId, Instant now, int limit) {
    return Jdbc.list(
        db,
        "SELECT evidence_id FROM retention_item WHERE state = 'KEPT' AND NOT held"
            + " AND delete_after <= ? AND (?::uuid IS NULL OR unit_id = ?::uuid)"
            + " ORDER BY delete_after, evidence_id LIMIT ?",
        rs -> rs.getObject(1, UUID.class),
        now,
        unitId,
        unitId,
        limit);
  }

  /**
   * Kept items whose protection in the store needs renewing: an indefinite retention whose rolling
   * horizon comes closer than {@code renewBefore}, receipts not protected yet, or a hold that may
   * have expired.
   */
  List<UUID> due(Instant renewBefore, int limit) {
    return Jdbc.list(
        db,
        "SELECT evidence_id FROM retention_item WHERE state = 'KEPT' AND (NOT receipts_retained"
            + " OR held OR (delete_after IS NULL AND (retained_until IS NULL OR retained_until < ?)))"
            + " ORDER BY updated_at LIMIT ?",
        rs -> rs.getObject(1, UUID.class),
        renewBefore,
        limit);
  }

  private static Item item(ResultSet rs) throws SQLException {
    String manual = rs.getString(4);
    return new Item(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        RetentionClass.valueOf(rs.getString(3)),
        manual == null ? null : RetentionClass.valueOf(manual),
        rs.getString(5),
        rs.getBoolean(6),
        rs.getBoolean(7),
        rs.getBoolean(8),
        Jdbc.instant(rs, 9),
        rs.getString(10),
        Jdbc.instant(rs, 11),
        rs.getBoolean(12),
        rs.getBoolean(13),
        rs.getString(14),
        Jdbc.instant(rs, 15));
  }
}
