package org.custodia.storage;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.custodia.support.Jdbc;

/**
 * The {@code object_protection} table: the retention and legal hold of object versions as the
 * service records and enforces them on every store. A retention is only ever extended.
 */
@ApplicationScoped
class ProtectionRepository {
  /** One row: what the service recorded for a version. */
  record Row(Instant retainUntil, boolean legalHold) {}

  private final AgroalDataSource db;

  ProtectionRepository(AgroalDataSource db) {
    this.db = db;
  }

  Optional<Row> find(String bucket, String key, String versionId) {
    return Jdbc.one(
        db,
        "SELECT retain_until, legal_hold FROM object_protection"
            + " WHERE bucket = ? AND object_key = ? AND version_id = ?",
        rs -> new Row(Jdbc.instant(rs, 1), rs.getBoolean(2)),
        bucket,
        key,
        version(versionId));
  }

  /** Records {@code until} unless a later date is already recorded. */
  void extend(String bucket, String key, String versionId, Instant until) {
    Jdbc.update(
        db,
        "INSERT INTO object_protection (bucket, object_key, version_id, retain_until)"
            + " VALUES (?,?,?,?) ON CONFLICT (bucket, object_key, version_id) DO UPDATE SET"
            + " retain_until = GREATEST(object_protection.retain_until, EXCLUDED.retain_until),"
            + " updated_at = now()"
            + " WHERE object_protection.retain_until IS NULL"
            + " OR object_protection.retain_until < EXCLUDED.retain_until",
        bucket,
        key,
        version(versionId),
        until);
  }

  void hold(String bucket, String key, String versionId, boolean on) {
    Jdbc.update(
        db,
        "INSERT INTO object_protection (bucket, object_key, version_id, legal_hold)"
            + " VALUES (?,?,?,?) ON CONFLICT (bucket, object_key, version_id) DO UPDATE SET"
            + " legal_hold = EXCLUDED.legal_hold, updated_at = now()",
        bucket,
        key,
        version(versionId),
        on);
  }

  /** Forgets a version that was deleted (only ever called after the checks let it go). */
  void forget(String bucket, String key, String versionId) {
    Jdbc.update(
        db,
        "DELETE FROM object_protection WHERE bucket = ? AND object_key = ? AND version_id = ?"
            + " AND NOT legal_hold AND (retain_until IS NULL OR retain_until <= now())",
        bucket,
        key,
        version(versionId));
  }

  private static String version(String versionId) {
    return versionId == null ? "" : versionId;
  }
}
