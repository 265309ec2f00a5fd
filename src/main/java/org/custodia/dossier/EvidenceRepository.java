package org.custodia.dossier;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.Jdbc;

/**
 * The evidence index (JDBC). The ingest feature calls {@link #insert} inside the transaction that
 * also appends the audit leaf, after the bytes are durable in the object store.
 */
@ApplicationScoped
public class EvidenceRepository {
  private static final HexFormat HEX = HexFormat.of();
  private static final String LINK_COLUMNS =
      "id, evidence_id, subject_id, case_id, reason, linked_at, linked_by, superseded_at";

  private final AgroalDataSource db;

  EvidenceRepository(AgroalDataSource db) {
    this.db = db;
  }

  /**
   * A new evidence row. Hashes are raw 32-byte digests; {@code retentionClass} null means {@code
   * NON_EVIDENCE}; {@code ingestedAt} null means now.
   */
  public record NewEvidence(
      UUID id,
      UUID unitId,
      byte[] sha256,
      byte[] sm3,
      long size,
      String contentType,
      EvidenceKind kind,
      String filename,
      String title,
      String notes,
      String objectKey,
      String objectVersion,
      byte[] stationClaimedSha256,
      UUID deviceId,
      UUID officerId,
      UUID stationId,
      Instant recordedFrom,
      Instant recordedTo,
      Instant ingestedAt,
      UUID custodianOfficerId,
      String retentionClass,
      boolean legalHold,
      ActionType actionType,
      BigDecimal latitude,
      BigDecimal longitude) {
    public NewEvidence {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(unitId, "unitId");
      Objects.requireNonNull(objectKey, "objectKey");
      Objects.requireNonNull(kind, "kind");
      if (sha256 == null || sha256.length != 32 || sm3 == null || sm3.length != 32) {
        throw new IllegalArgumentException("sha256 and sm3 must be 32-byte digests");
      }
    }
  }

  /** Inserts one evidence row; joins the caller's transaction. */
  public void insert(NewEvidence e) {
    Jdbc.update(
        db,
        "INSERT INTO evidence (id, unit_id, sha256, sm3, size, content_type, kind, filename, title,"
            + " notes, object_key, object_version, station_claimed_sha256, device_id, officer_id,"
            + " station_id, recorded_from, recorded_to, ingested_at, custodian_officer_id,"
            + " retention_class, legal_hold, action_type, latitude, longitude)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        e.id(),
        e.unitId(),
        e.sha256(),
        e.sm3(),
        e.size(),
        e.contentType(),
        e.kind(),
        e.filename(),
        e.title(),
        e.notes(),
        e.objectKey(),
        e.objectVersion(),
        e.stationClaimedSha256(),
        e.deviceId(),
        e.officerId(),
        e.stationId(),
        e.recordedFrom(),
        e.recordedTo(),
        e.ingestedAt() == null ? Instant.now() : e.ingestedAt(),
        e.custodianOfficerId(),
        e.retentionClass() == null ? "NON_EVIDENCE" : e.retentionClass(),
        e.legalHold(),
        e.actionType(),
        e.latitude(),
        e.longitude());
  }

  public Optional<Evidence> byId(UUID id) {
    return Jdbc.one(
        db,
        "SELECT " + EvidenceQuery.COLUMNS + EvidenceQuery.FROM + " WHERE e.id = ?",
        EvidenceRepository::evidence,
        id);
  }

  /** The unit of the evidence, locking its row so that links change one at a time. */
  public Optional<UUID> lockUnit(UUID id) {
    return Jdbc.one(
        db,
        "SELECT unit_id FROM evidence WHERE id = ? FOR UPDATE",
        rs -> rs.getObject(1, UUID.class),
        id);
  }

  public List<Evidence> search(EvidenceQuery.Filter filter, UUID before, int limit) {
    SqlQuery query =
        EvidenceQuery.plan(
            filter,
            before,
            limit,
            probe ->
                Jdbc.list(db, probe.sql(), rs -> rs.getObject(1, UUID.class), probe.argArray()));
    return Jdbc.list(db, query.sql(), EvidenceRepository::evidence, query.argArray());
  }

  public Optional<EvidenceLink> currentLink(UUID evidenceId) {
    return Jdbc.one(
        db,
        "SELECT "
            + LINK_COLUMNS
            + " FROM evidence_link WHERE evidence_id = ? AND superseded_at IS NULL",
        EvidenceRepository::link,
        evidenceId);
  }

  public List<EvidenceLink> links(UUID evidenceId) {
    return Jdbc.list(
        db,
        "SELECT "
            + LINK_COLUMNS
            + " FROM evidence_link WHERE evidence_id = ? ORDER BY linked_at, id",
        EvidenceRepository::link,
        evidenceId);
  }

  public List<UUID> linkedTo(UUID caseId, UUID subjectId) {
    return Jdbc.list(
        db,
        "SELECT DISTINCT l.evidence_id FROM evidence_link l WHERE l.case_id = ? OR l.subject_id = ?"
            + " OR l.case_id IN (SELECT cs.case_id FROM case_subject cs WHERE cs.subject_id = ?)"
            + " ORDER BY 1",
        rs -> rs.getObject(1, UUID.class),
        caseId,
        subjectId,
        subjectId);
  }

  public List<UUID> subjectsOf(UUID evidenceId) {
    return Jdbc.list(
        db,
        "SELECT l.subject_id FROM evidence_link l WHERE l.evidence_id = ? AND l.subject_id IS NOT"
            + " NULL UNION SELECT cs.subject_id FROM case_subject cs WHERE cs.case_id IN (SELECT"
            + " l.case_id FROM evidence_link l WHERE l.evidence_id = ?) ORDER BY 1",
        rs -> rs.getObject(1, UUID.class),
        evidenceId,
        evidenceId);
  }

  public void mirrorRetention(UUID id, String retentionClass, boolean legalHold) {
    Jdbc.update(
        db,
        "UPDATE evidence SET retention_class = ?, legal_hold = ? WHERE id = ?"
            + " AND (retention_class <> ? OR legal_hold <> ?)",
        retentionClass,
        legalHold,
        id,
        retentionClass,
        legalHold);
  }

  public void supersede(UUID linkId, Instant at) {
    Jdbc.update(db, "UPDATE evidence_link SET superseded_at = ? WHERE id = ?", at, linkId);
  }

  public void insertLink(EvidenceLink l) {
    Jdbc.update(
        db,
        "INSERT INTO evidence_link (" + LINK_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)",
        l.id(),
        l.evidenceId(),
        l.subjectId(),
        l.caseId(),
        l.reason(),
        l.linkedAt(),
        l.linkedBy(),
        l.supersededAt());
  }

  private static Evidence evidence(ResultSet rs) throws SQLException {
    UUID linkId = rs.getObject(26, UUID.class);
    UUID evidenceId = rs.getObject(1, UUID.class);
    EvidenceLink link =
        linkId == null
            ? null
            : new EvidenceLink(
                linkId,
                evidenceId,
                rs.getObject(27, UUID.class),
                rs.getObject(28, UUID.class),
                rs.getString(29),
                Jdbc.instant(rs, 30),
                rs.getString(31),
                null);
    String action = rs.getString(23);
    return new Evidence(
        evidenceId,
        rs.getObject(2, UUID.class),
        hex(rs.getBytes(3)),
        hex(rs.getBytes(4)),
        rs.getLong(5),
        rs.getString(6),
        EvidenceKind.valueOf(rs.getString(7)),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        hex(rs.getBytes(13)),
        rs.getObject(14, UUID.class),
        rs.getObject(15, UUID.class),
        rs.getObject(16, UUID.class),
        Jdbc.instant(rs, 17),
        Jdbc.instant(rs, 18),
        Jdbc.instant(rs, 19),
        rs.getObject(20, UUID.class),
        rs.getString(21),
        rs.getBoolean(22),
        action == null ? null : ActionType.valueOf(action),
        rs.getBigDecimal(24),
        rs.getBigDecimal(25),
        link,
        null,
        null);
  }

  private static EvidenceLink link(ResultSet rs) throws SQLException {
    return new EvidenceLink(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getObject(3, UUID.class),
        rs.getObject(4, UUID.class),
        rs.getString(5),
        Jdbc.instant(rs, 6),
        rs.getString(7),
        Jdbc.instant(rs, 8));
  }

  private static String hex(byte[] bytes) {
    return bytes == null ? null : HEX.formatHex(bytes);
  }

  /** The oldest record of the same file from the same device with the same recording times. */
  Optional<UUID> duplicateOf(
      byte[] sha256, UUID unitId, UUID deviceId, Instant recordedFrom, Instant recordedTo) {
    return Jdbc.one(
        db,
        "SELECT id FROM evidence WHERE sha256 = ? AND unit_id = ?"
            + " AND device_id IS NOT DISTINCT FROM ? AND recorded_from IS NOT DISTINCT FROM ?"
            + " AND recorded_to IS NOT DISTINCT FROM ? ORDER BY ingested_at LIMIT 1",
        rs -> rs.getObject(1, UUID.class),
        sha256,
        unitId,
        deviceId,
        recordedFrom,
        recordedTo);
  }

  /** Whether a record holds the object under this key. */
  boolean referencesObject(String objectKey) {
    return Jdbc.one(db, "SELECT 1 FROM evidence WHERE object_key = ?", rs -> 1, objectKey)
        .isPresent();
  }
}
