package org.custodia.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.storage.MultipartUpload;
import org.custodia.support.Jdbc;

/** Upload sessions (JDBC; joins the caller's transaction when there is one). */
@ApplicationScoped
class UploadRepository {
  private static final String COLUMNS =
      "id, owner_kind, owner_id, unit_id, state, upload_length, upload_offset, part_size, metadata::text,"
          + " object_key, multipart_id, parts::text, parts_bytes, digest_state, part_digest_state, sha256, sm3,"
          + " evidence_id, created_at, expires_at";
  private static final TypeReference<List<MultipartUpload.Part>> PARTS = new TypeReference<>() {};

  private final AgroalDataSource db;
  private final ObjectMapper json;

  UploadRepository(AgroalDataSource db, ObjectMapper json) {
    this.db = db;
    this.json = json;
  }

  void insert(UploadSession s) {
    Jdbc.update(
        db,
        "INSERT INTO upload_session (id, owner_kind, owner_id, unit_id, state, upload_length, upload_offset, part_size,"
            + " metadata, claimed_sha256, object_key, digest_state, part_digest_state, expires_at)"
            + " VALUES (?,?,?,?,?,?,0,?,?::jsonb,?,?,?,?,?)",
        s.id(),
        s.ownerKind(),
        s.ownerId(),
        s.unitId(),
        s.state().name(),
        s.length(),
        s.partSize(),
        write(s.metadata()),
        s.metadata().claimedSha256(),
        s.objectKey(),
        s.digestState(),
        s.partDigestState(),
        s.expiresAt());
  }

  Optional<UploadSession> byId(UUID id) {
    return Jdbc.one(
        db, "SELECT " + COLUMNS + " FROM upload_session WHERE id = ?", this::session, id);
  }

  /** Takes the upload for one PATCH; false while another request holds it. */
  boolean lease(UUID id, UUID token, Instant until) {
    return Jdbc.update(
            db,
            "UPDATE upload_session SET lease_token = ?, lease_until = ? WHERE id = ?"
                + " AND (lease_until IS NULL OR lease_until < now() OR lease_token = ?)",
            token,
            until,
            id,
            token)
        == 1;
  }

  boolean renew(UUID id, UUID token, Instant until) {
    return Jdbc.update(
            db,
            "UPDATE upload_session SET lease_until = ? WHERE id = ? AND lease_token = ?",
            until,
            id,
            token)
        == 1;
  }

  void release(UUID id, UUID token) {
    Jdbc.update(
        db,
        "UPDATE upload_session SET lease_token = NULL, lease_until = NULL WHERE id = ? AND lease_token = ?",
        id,
        token);
  }

  /**
   * Records acknowledged progress. Refused (false) if the lease was lost, so two instances can
   * never both advance one upload.
   */
  boolean progress(
      UUID id,
      UUID token,
      Instant leaseUntil,
      long offset,
      String multipartId,
      List<MultipartUpload.Part> parts,
      long partsBytes,
      byte[] digestState,
      byte[] partDigestState,
      Instant expiresAt) {
    return Jdbc.update(
            db,
            "UPDATE upload_session SET upload_offset = ?, multipart_id = ?, parts = ?::jsonb, parts_bytes = ?,"
                + " digest_state = ?, part_digest_state = ?, expires_at = ?, lease_until = ?, updated_at = now()"
                + " WHERE id = ? AND lease_token = ? AND state = 'RECEIVING'",
            offset,
            multipartId,
            write(parts),
            partsBytes,
            digestState,
            partDigestState,
            expiresAt,
            leaseUntil,
            id,
            token)
        == 1;
  }

  /** Falls back to the last part boundary when the spool file of the current part is gone. */
  void rewindToPartBoundary(UUID id) {
    Jdbc.update(
        db,
        "UPDATE upload_session SET upload_offset = parts_bytes, digest_state = part_digest_state, updated_at = now() WHERE id = ?",
        id);
  }

  void finish(
      UUID id,
      UploadSession.State state,
      byte[] sha256,
      byte[] sm3,
      UUID evidenceId,
      String failure) {
    Jdbc.update(
        db,
        "UPDATE upload_session SET state = ?, sha256 = ?, sm3 = ?, evidence_id = ?, failure = ?, lease_token = NULL,"
            + " lease_until = NULL, updated_at = now() WHERE id = ?",
        state.name(),
        sha256,
        sm3,
        evidenceId,
        failure,
        id);
  }

  /** Uploads whose every byte is in but whose completion has not happened yet. */
  /** A station's upload facts since {@code since} (in progress and last contact: all time). */
  UploadService.StationHealth stationHealth(UUID station, Instant since) {
    return Jdbc.one(
            db,
            "SELECT max(updated_at),"
                + " count(*) FILTER (WHERE state = 'COMPLETED' AND updated_at >= ?),"
                + " coalesce(sum(upload_length) FILTER (WHERE state = 'COMPLETED' AND updated_at >= ?), 0),"
                + " count(*) FILTER (WHERE state = 'RECEIVING'),"
                + " count(*) FILTER (WHERE state IN ('QUARANTINED', 'EXPIRED', 'TERMINATED')"
                + " AND updated_at >= ?)"
                + " FROM upload_session WHERE owner_kind = 'STATION' AND owner_id = ?",
            rs ->
                new UploadService.StationHealth(
                    Jdbc.instant(rs, 1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getLong(5)),
            since,
            since,
            since,
            station)
        .orElseThrow();
  }

  long awaitingCompletion() {
    return Jdbc.one(
            db,
            "SELECT count(*) FROM upload_session WHERE state = 'RECEIVING'"
                + " AND upload_offset = upload_length",
            rs -> rs.getLong(1))
        .orElse(0L);
  }

  /**
   * Abandoned uploads: still receiving after their expiry, not held, and short of bytes. An upload
   * that has every byte is never abandoned: its completion failed (the store was away, the service
   * died) and the next HEAD or PATCH finishes it; expiring it would delete evidence.
   */
  List<UUID> expired(Instant now, int limit) {
    return Jdbc.list(
        db,
        "SELECT id FROM upload_session WHERE state = 'RECEIVING' AND expires_at < ?"
            + " AND upload_offset < upload_length"
            + " AND (lease_until IS NULL OR lease_until < now()) ORDER BY expires_at LIMIT ?",
        rs -> rs.getObject(1, UUID.class),
        now,
        limit);
  }

  /**
   * Object keys of uploads that legitimately own an object: in progress, completed or quarantined.
   */
  boolean ownsObject(String key) {
    return Jdbc.one(
            db,
            "SELECT 1 FROM upload_session WHERE object_key = ? AND state IN ('RECEIVING','COMPLETED','QUARANTINED')",
            rs -> 1,
            key)
        .isPresent();
  }

  private UploadSession session(ResultSet rs) throws SQLException {
    return new UploadSession(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getObject(3, UUID.class),
        rs.getObject(4, UUID.class),
        UploadSession.State.valueOf(rs.getString(5)),
        rs.getLong(6),
        rs.getLong(7),
        rs.getLong(8),
        read(rs.getString(9), IngestMetadata.class),
        rs.getString(10),
        rs.getString(11),
        read(rs.getString(12), PARTS),
        rs.getLong(13),
        rs.getBytes(14),
        rs.getBytes(15),
        rs.getBytes(16),
        rs.getBytes(17),
        rs.getObject(18, UUID.class),
        Jdbc.instant(rs, 19),
        Jdbc.instant(rs, 20));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String text, Class<T> type) {
    try {
      return json.readValue(text, type);
    } catch (Exception e) {
      throw new IllegalStateException("unreadable upload session column", e);
    }
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (Exception e) {
      throw new IllegalStateException("unreadable upload session column", e);
    }
  }
}
