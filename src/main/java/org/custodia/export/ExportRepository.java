package org.custodia.export;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

/** The {@code export_request} table: requests, decisions, the build's lease and its result. */
@ApplicationScoped
class ExportRepository {
  private static final HexFormat HEX = HexFormat.of();
  private static final String COLUMNS =
      "id, case_id, unit_id, requested_by, requested_at, purpose, recipient, include_derived,"
          + " state, decided_by, decided_at, decision_reason, bytes_done, bytes_total, files_done,"
          + " files_total, package_size, package_sha256, failure, failed_evidence, built_at,"
          + " expires_at, expired_at, evidence_ids, dossier::text, object_key, object_version,"
          + " report_language, four_property_check_id";

  private final AgroalDataSource db;

  ExportRepository(AgroalDataSource db) {
    this.db = db;
  }

  void insert(
      UUID id,
      UUID caseId,
      UUID unitId,
      UUID requestedBy,
      String purpose,
      String recipient,
      boolean includeDerived,
      String reportLanguage,
      String dossierJson,
      List<UUID> evidenceIds,
      ExportState state,
      long bytesTotal) {
    Jdbc.update(
        db,
        "INSERT INTO export_request (id, case_id, unit_id, requested_by, purpose, recipient,"
            + " include_derived, report_language, dossier, evidence_ids, state, files_total,"
            + " bytes_total) VALUES (?,?,?,?,?,?,?,?,?::jsonb,?::uuid[],?,?,?)",
        id,
        caseId,
        unitId,
        requestedBy,
        purpose,
        recipient,
        includeDerived,
        reportLanguage,
        dossierJson,
        evidenceIds.stream().map(UUID::toString).toArray(String[]::new),
        state.name(),
        evidenceIds.size(),
        bytesTotal);
  }

  Optional<Export> byId(UUID id) {
    return Jdbc.one(
        db, "SELECT " + COLUMNS + " FROM export_request WHERE id = ?", ExportRepository::row, id);
  }

  /** Locks the row for a decision. */
  Optional<Export> lock(UUID id) {
    return Jdbc.one(
        db,
        "SELECT " + COLUMNS + " FROM export_request WHERE id = ? FOR UPDATE",
        ExportRepository::row,
        id);
  }

  List<Export> byCase(UUID caseId) {
    return Jdbc.list(
        db,
        "SELECT " + COLUMNS + " FROM export_request WHERE case_id = ? ORDER BY requested_at, id",
        ExportRepository::row,
        caseId);
  }

  /** Exports waiting for a decision in the units {@code unitId} (null: all). */
  List<Export> pending(UUID unitId, int limit) {
    return Jdbc.list(
        db,
        "SELECT "
            + COLUMNS
            + " FROM export_request WHERE state = 'PENDING_APPROVAL' AND (?::uuid IS NULL OR"
            + " unit_id = ?) ORDER BY requested_at, id LIMIT ?",
        ExportRepository::row,
        unitId,
        unitId,
        limit);
  }

  boolean decide(UUID id, boolean approve, UUID by, String reason) {
    return Jdbc.update(
            db,
            "UPDATE export_request SET state = ?, decided_by = ?, decided_at = now(),"
                + " decision_reason = ?, updated_at = now()"
                + " WHERE id = ? AND state = 'PENDING_APPROVAL'",
            approve ? ExportState.BUILDING.name() : ExportState.REFUSED.name(),
            by,
            reason,
            id)
        == 1;
  }

  /**
   * A build claimed: the export, the number of this attempt, and the multipart upload (and its key)
   * a lapsed earlier claim left behind, if any.
   */
  record Claim(Export export, int attempt, String staleUploadId, String staleUploadKey) {}

  /**
   * Claims the next export to build: BUILDING without a lease, or whose lease lapsed (its worker is
   * presumed dead; the build starts again from the beginning).
   */
  Optional<Claim> claim(String owner, Duration lease) {
    return Jdbc.one(
            db,
            "WITH next AS (SELECT id, upload_id, upload_key FROM export_request WHERE state = 'BUILDING'"
                + " AND (lease_owner IS NULL OR lease_until < now())"
                + " ORDER BY decided_at NULLS FIRST, requested_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)"
                + " UPDATE export_request x SET lease_owner = ?,"
                + " lease_until = now() + ? * interval '1 millisecond', attempts = x.attempts + 1,"
                + " upload_id = NULL, upload_key = NULL, bytes_done = 0, files_done = 0,"
                + " updated_at = now() FROM next WHERE x.id = next.id"
                + " RETURNING x.id, x.attempts, next.upload_id, next.upload_key",
            rs ->
                new Object[] {
                  rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getString(4)
                },
            owner,
            lease.toMillis())
        .map(
            r ->
                new Claim(
                    byId((UUID) r[0]).orElseThrow(), (Integer) r[1], (String) r[2], (String) r[3]));
  }

  /** Records the four-property check run before the build; false when the lease is not ours. */
  boolean checked(UUID id, String owner, UUID checkId) {
    return Jdbc.update(
            db,
            "UPDATE export_request SET four_property_check_id = ?, updated_at = now()"
                + " WHERE id = ? AND state = 'BUILDING' AND lease_owner = ?",
            checkId,
            id,
            owner)
        == 1;
  }

  /** Records the multipart upload of the build; false when the lease is no longer ours. */
  boolean uploading(UUID id, String owner, String key, String uploadId) {
    return Jdbc.update(
            db,
            "UPDATE export_request SET upload_key = ?, upload_id = ?, updated_at = now()"
                + " WHERE id = ? AND state = 'BUILDING' AND lease_owner = ?",
            key,
            uploadId,
            id,
            owner)
        == 1;
  }

  /** Reports progress and renews the lease; false when the lease is no longer ours. */
  boolean progress(
      UUID id,
      String owner,
      long bytesDone,
      int filesDone,
      long bytesTotal,
      int filesTotal,
      Duration lease) {
    return Jdbc.update(
            db,
            "UPDATE export_request SET bytes_done = ?, files_done = ?, bytes_total = ?,"
                + " files_total = ?, lease_until = now() + ? * interval '1 millisecond',"
                + " updated_at = now() WHERE id = ? AND state = 'BUILDING' AND lease_owner = ?",
            bytesDone,
            filesDone,
            bytesTotal,
            filesTotal,
            lease.toMillis(),
            id,
            owner)
        == 1;
  }

  boolean ready(
      UUID id,
      String owner,
      String objectKey,
      String objectVersion,
      long size,
      byte[] sha256,
      long auditTreeSize,
      Duration retention) {
    return Jdbc.update(
            db,
            "UPDATE export_request SET state = 'READY', lease_owner = NULL, lease_until = NULL,"
                + " upload_id = NULL, upload_key = NULL, object_key = ?, object_version = ?, package_size = ?,"
                + " package_sha256 = ?, audit_tree_size = ?, built_at = now(),"
                + " bytes_done = bytes_total,"
                + " files_done = files_total,"
                + " expires_at = now() + ? * interval '1 millisecond', updated_at = now()"
                + " WHERE id = ? AND state = 'BUILDING' AND lease_owner = ?",
            objectKey,
            objectVersion,
            size,
            sha256,
            auditTreeSize,
            retention.toMillis(),
            id,
            owner)
        == 1;
  }

  /** The audit tree size the case's latest earlier built export proved against, if any. */
  Optional<Long> previousTreeSize(UUID caseId, UUID exportId) {
    return Jdbc.one(
        db,
        "SELECT audit_tree_size FROM export_request WHERE case_id = ? AND id <> ?"
            + " AND audit_tree_size IS NOT NULL ORDER BY built_at DESC LIMIT 1",
        rs -> rs.getLong(1),
        caseId,
        exportId);
  }

  boolean fail(UUID id, String owner, String failure, UUID failedEvidence) {
    return Jdbc.update(
            db,
            "UPDATE export_request SET state = 'FAILED', lease_owner = NULL, lease_until = NULL,"
                + " upload_id = NULL, upload_key = NULL, failure = left(?, 2000), failed_evidence = ?,"
                + " updated_at = now() WHERE id = ? AND state = 'BUILDING' AND lease_owner = ?",
            failure,
            failedEvidence,
            id,
            owner)
        == 1;
  }

  /** Gives a build back (a transient failure): claimable again at once. */
  void release(UUID id, String owner) {
    Jdbc.update(
        db,
        "UPDATE export_request SET lease_owner = NULL, lease_until = NULL, upload_id = NULL,"
            + " upload_key = NULL, updated_at = now() WHERE id = ? AND state = 'BUILDING' AND lease_owner = ?",
        id,
        owner);
  }

  /** READY exports whose retention passed, locked so that one instance expires each. */
  List<Export> lockExpired(int limit) {
    return Jdbc.list(
        db,
        "SELECT "
            + COLUMNS
            + " FROM export_request WHERE state = 'READY' AND expires_at <= now()"
            + " ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED",
        ExportRepository::row,
        limit);
  }

  void expired(UUID id) {
    Jdbc.update(
        db,
        "UPDATE export_request SET state = 'EXPIRED', expired_at = now(), updated_at = now()"
            + " WHERE id = ? AND state = 'READY'",
        id);
  }

  /** For tests and operators: makes a READY export due for expiry now. */
  int dueNow(UUID id) {
    return Jdbc.update(
        db, "UPDATE export_request SET expires_at = now() WHERE id = ? AND state = 'READY'", id);
  }

  long countByState(ExportState state) {
    return Jdbc.one(
            db,
            "SELECT count(*) FROM export_request WHERE state = ?",
            rs -> rs.getLong(1),
            state.name())
        .orElse(0L);
  }

  /**
   * BUILDING exports whose lease lapsed more than a minute ago, or that nobody claimed for five
   * minutes.
   */
  long countStalled() {
    return Jdbc.one(
            db,
            "SELECT count(*) FROM export_request WHERE state = 'BUILDING'"
                + " AND (lease_until < now() - interval '1 minute'"
                + " OR (lease_owner IS NULL AND updated_at < now() - interval '5 minutes'))",
            rs -> rs.getLong(1))
        .orElse(0L);
  }

  /** The newest exports of {@code unitId} (null: all units) in {@code states} (empty: any). */
  List<Export> recent(UUID unitId, List<String> states, int limit) {
    return Jdbc.list(
        db,
        "SELECT "
            + COLUMNS
            + " FROM export_request WHERE (?::uuid IS NULL OR unit_id = ?)"
            + " AND (cardinality(?::text[]) = 0 OR state = ANY(?::text[]))"
            + " ORDER BY requested_at DESC, id DESC LIMIT ?",
        ExportRepository::row,
        unitId,
        unitId,
        states.toArray(String[]::new),
        states.toArray(String[]::new),
        limit);
  }

  /** Pending exports of {@code unitId} (null: all) not requested by {@code notBy}. */
  long countPending(UUID unitId, UUID notBy) {
    return Jdbc.one(
            db,
            "SELECT count(*) FROM export_request WHERE state = 'PENDING_APPROVAL'"
                + " AND (?::uuid IS NULL OR unit_id = ?) AND requested_by <> ?",
            rs -> rs.getLong(1),
            unitId,
            unitId,
            notBy)
        .orElse(0L);
  }

  private static Export row(ResultSet rs) throws SQLException {
    byte[] sha = rs.getBytes(18);
    Long size = (Long) rs.getObject(17);
    return new Export(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getObject(3, UUID.class),
        rs.getObject(4, UUID.class),
        Jdbc.instant(rs, 5),
        rs.getString(6),
        rs.getString(7),
        rs.getBoolean(8),
        rs.getString(28),
        ExportState.valueOf(rs.getString(9)),
        rs.getObject(10, UUID.class),
        Jdbc.instant(rs, 11),
        rs.getString(12),
        new Export.Progress(rs.getLong(13), rs.getLong(14), rs.getInt(15), rs.getInt(16)),
        size,
        sha == null ? null : HEX.formatHex(sha),
        rs.getString(19),
        rs.getObject(20, UUID.class),
        Jdbc.instant(rs, 21),
        Jdbc.instant(rs, 22),
        Jdbc.instant(rs, 23),
        rs.getObject(29, UUID.class),
        uuids(rs.getArray(24)),
        rs.getString(25),
        rs.getString(26),
        rs.getString(27));
  }

  private static List<UUID> uuids(Array a) throws SQLException {
    List<UUID> out = new ArrayList<>();
    if (a != null) {
      for (Object o : (Object[]) a.getArray()) {
        out.add(o instanceof UUID u ? u : UUID.fromString(o.toString()));
      }
    }
    return out;
  }
}
