package org.custodia.integrity;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

/** The {@code evidence_receipt} table (JDBC; joins the caller's transaction). */
@ApplicationScoped
class ReceiptRepository {
  private static final String COLUMNS =
      "evidence_id, state, attempts, last_error, last_attempt_at, receipt_json, receipt_sha256,"
          + " p7s, sm2_p7s, tsr, generation, ec_cert_sha256, sm2_cert_sha256, tsa, signed_at";

  private final AgroalDataSource db;

  ReceiptRepository(AgroalDataSource db) {
    this.db = db;
  }

  /** A receipt row; the signed fields are null unless {@code state} is SIGNED. */
  record Row(
      UUID evidenceId,
      String state,
      int attempts,
      String lastError,
      Instant lastAttemptAt,
      byte[] json,
      byte[] jsonSha256,
      byte[] p7s,
      byte[] sm2P7s,
      byte[] tsr,
      Integer generation,
      byte[] ecCertSha256,
      byte[] sm2CertSha256,
      String tsa,
      Instant signedAt) {
    boolean signed() {
      return "SIGNED".equals(state);
    }
  }

  Optional<Row> byId(UUID evidenceId) {
    return Jdbc.one(
        db,
        "SELECT " + COLUMNS + " FROM evidence_receipt WHERE evidence_id = ?",
        rs ->
            new Row(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                Jdbc.instant(rs, 5),
                rs.getBytes(6),
                rs.getBytes(7),
                rs.getBytes(8),
                rs.getBytes(9),
                rs.getBytes(10),
                (Integer) rs.getObject(11),
                rs.getBytes(12),
                rs.getBytes(13),
                rs.getString(14),
                Jdbc.instant(rs, 15)),
        evidenceId);
  }

  /**
   * Takes the row lock of an item's receipt (creating a placeholder row that only commits if the
   * caller's transaction does) and answers whether it is signed already.
   */
  boolean lockSigned(UUID evidenceId) {
    Jdbc.update(
        db,
        "INSERT INTO evidence_receipt (evidence_id, state) VALUES (?, 'FAILED')"
            + " ON CONFLICT (evidence_id) DO NOTHING",
        evidenceId);
    return Jdbc.one(
            db,
            "SELECT state FROM evidence_receipt WHERE evidence_id = ? FOR UPDATE",
            rs -> "SIGNED".equals(rs.getString(1)),
            evidenceId)
        .orElse(false);
  }

  void markSigned(UUID evidenceId, byte[] json, ReceiptSigner.SignedReceipt s, Instant at) {
    Jdbc.update(
        db,
        "UPDATE evidence_receipt SET state = 'SIGNED', attempts = attempts + 1, last_error = NULL,"
            + " last_attempt_at = ?, receipt_json = ?, receipt_sha256 = ?, p7s = ?, sm2_p7s = ?,"
            + " tsr = ?, generation = ?, ec_cert_sha256 = ?, sm2_cert_sha256 = ?, tsa = ?,"
            + " signed_at = ? WHERE evidence_id = ?",
        at,
        json,
        Timestamper.sha256(json),
        s.p7s(),
        s.sm2P7s(),
        s.tsr(),
        s.generation(),
        s.ecCertSha256(),
        s.sm2CertSha256(),
        s.tsa(),
        at,
        evidenceId);
  }

  /** Records a failed attempt; returns the number of attempts so far (0 if signed meanwhile). */
  int markFailed(UUID evidenceId, String error) {
    String e = error == null ? "unknown error" : error;
    return Jdbc.one(
            db,
            "INSERT INTO evidence_receipt (evidence_id, state, attempts, last_error, last_attempt_at)"
                + " VALUES (?, 'FAILED', 1, ?, now()) ON CONFLICT (evidence_id) DO UPDATE SET"
                + " state = 'FAILED', attempts = evidence_receipt.attempts + 1,"
                + " last_error = excluded.last_error,"
                + " last_attempt_at = now() WHERE evidence_receipt.state <> 'SIGNED'"
                + " RETURNING attempts",
            rs -> rs.getInt(1),
            evidenceId,
            e.length() > 1000 ? e.substring(0, 1000) : e)
        .orElse(0);
  }

  /** Items whose receipt is not signed yet (pending or failed). */
  long unsignedCount() {
    return Jdbc.one(
            db,
            "SELECT count(*) FROM evidence_receipt WHERE state <> 'SIGNED'",
            rs -> rs.getLong(1))
        .orElse(0L);
  }

  /** Records that an item must be signed, in the item's own transaction. */
  void insertPending(UUID evidenceId) {
    Jdbc.update(
        db,
        "INSERT INTO evidence_receipt (evidence_id, state) VALUES (?, 'PENDING')"
            + " ON CONFLICT (evidence_id) DO NOTHING",
        evidenceId);
  }

  /**
   * Items to sign: failed ones whose last attempt is older than {@code delay}, and pending ones
   * older than {@code grace} (the signing right after their commit did not happen), oldest first.
   */
  List<UUID> unsigned(Duration delay, Duration grace, int limit) {
    return Jdbc.list(
        db,
        "SELECT evidence_id FROM evidence_receipt"
            + " WHERE (state = 'PENDING' AND created_at < ?)"
            + " OR (state = 'FAILED' AND (last_attempt_at IS NULL OR last_attempt_at < ?))"
            + " ORDER BY coalesce(last_attempt_at, created_at), evidence_id LIMIT ?",
        rs -> rs.getObject(1, UUID.class),
        Instant.now().minus(grace),
        Instant.now().minus(delay),
        limit);
  }
}
