package org.custodia.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.digest.StreamingDigests;
import org.custodia.dossier.ActionType;
import org.custodia.dossier.Device;
import org.custodia.dossier.DeviceRepository;
import org.custodia.dossier.EvidenceKind;
import org.custodia.dossier.EvidenceRepository;
import org.custodia.dossier.EvidenceService;
import org.custodia.dossier.Officer;
import org.custodia.dossier.OfficerRepository;
import org.custodia.dossier.OfficerService;
import org.custodia.error.CustodiaException;
import org.custodia.storage.StoredObject;
import org.custodia.support.Ids;
import org.custodia.support.Jdbc;

/**
 * Where ingest meets the registry: checks an upload's metadata against devices and officers before
 * any byte is taken, and turns a verified upload into an evidence record.
 */
@ApplicationScoped
class EvidenceIndexer {
  private final DeviceRepository devices;
  private final OfficerRepository officers;
  private final OfficerService officerRules;
  private final EvidenceRepository evidence;
  private final EvidenceService links;
  private final UploadRepository uploads;
  private final AuditService audit;
  private final io.agroal.api.AgroalDataSource db;
  private final jakarta.enterprise.event.Event<EvidenceIngested> ingested;

  EvidenceIndexer(
      DeviceRepository devices,
      OfficerRepository officers,
      OfficerService officerRules,
      EvidenceRepository evidence,
      EvidenceService links,
      UploadRepository uploads,
      AuditService audit,
      io.agroal.api.AgroalDataSource db,
      jakarta.enterprise.event.Event<EvidenceIngested> ingested) {
    this.devices = devices;
    this.officers = officers;
    this.officerRules = officerRules;
    this.evidence = evidence;
    this.links = links;
    this.uploads = uploads;
    this.audit = audit;
    this.db = db;
    this.ingested = ingested;
  }

  /**
   * Validates device and officer (400 when unknown, 422 when the officer may not enforce) and
   * returns the unit the evidence will belong to.
   */
  UUID checkUpload(UploadService.Uploader uploader, IngestMetadata m) {
    Device device = null;
    if (m.deviceId() != null) {
      device =
          devices
              .byId(m.deviceId())
              .orElseThrow(() -> CustodiaException.invalid("deviceId", "unknown device"));
    }
    Officer officer =
        officers
            .byId(m.officerId())
            .orElseThrow(() -> CustodiaException.invalid("officerId", "unknown officer"));
    UUID unit =
        uploader.unitId() != null
            ? uploader.unitId()
            : device != null ? device.unitId() : officer.unitId();
    if (device != null && !device.unitId().equals(unit)) {
      throw CustodiaException.invalid("deviceId", "the device belongs to another unit");
    }
    if (!officer.unitId().equals(unit)) {
      throw CustodiaException.invalid("officerId", "the officer belongs to another unit");
    }
    officerRules.requireEnforcing(
        m.officerId(), m.recordedFrom() != null ? m.recordedFrom() : Instant.now(), "officerId");
    return unit;
  }

  /**
   * Indexes a verified upload (inside the caller's transaction), or finds the copy already
   * archived.
   */
  UploadService.Completion index(
      UploadSession s, StoredObject stored, StreamingDigests.Result digests) {
    IngestMetadata m = s.metadata();
    Optional<UUID> existing = duplicateOf(s, digests.sha256());
    if (existing.isPresent()) {
      uploads.finish(
          s.id(),
          UploadSession.State.COMPLETED,
          digests.sha256(),
          digests.sm3(),
          existing.get(),
          "duplicate of an archived record");
      audit.record(
          "upload.duplicate",
          AuditEvent.Target.of("upload", s.id()),
          Map.of("evidenceId", existing.get().toString(), "sha256", hex(digests.sha256())));
      return new UploadService.Completion(existing.get(), digests.sha256(), digests.sm3(), true);
    }
    UUID id = Ids.newId();
    boolean station = "STATION".equals(s.ownerKind());
    evidence.insert(
        new EvidenceRepository.NewEvidence(
            id,
            s.unitId(),
            digests.sha256(),
            digests.sm3(),
            s.length(),
            m.contentType(),
            kindOf(m.contentType()),
            m.filename(),
            m.title(),
            m.notes(),
            s.objectKey(),
            stored.versionId(),
            m.claimedSha256(),
            m.deviceId(),
            m.officerId(),
            station ? s.ownerId() : null,
            m.recordedFrom(),
            m.recordedTo(),
            null,
            m.officerId(),
            null,
            false,
            m.actionType() == null ? null : ActionType.valueOf(m.actionType()),
            m.latitude(),
            m.longitude()));
    uploads.finish(
        s.id(), UploadSession.State.COMPLETED, digests.sha256(), digests.sm3(), id, null);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("uploadId", s.id().toString());
    details.put("sha256", hex(digests.sha256()));
    details.put("sm3", hex(digests.sm3()));
    details.put("size", s.length());
    details.put("contentType", m.contentType());
    details.put("objectKey", s.objectKey());
    if (stored.versionId() != null) {
      details.put("objectVersion", stored.versionId());
    }
    details.put("officerId", m.officerId().toString());
    if (m.deviceId() != null) {
      details.put("deviceId", m.deviceId().toString());
    }
    audit.record("evidence.ingested", AuditEvent.Target.of("evidence", id), details);
    if (m.subjectId() != null || m.caseId() != null) {
      links.link(id, m.subjectId(), m.caseId(), "linked at upload");
    }
    ingested.fire(new EvidenceIngested(id, s.unitId(), m.contentType(), s.length(), s.objectKey()));
    return new UploadService.Completion(id, digests.sha256(), digests.sm3(), false);
  }

  /** The same file from the same device with the same recording times is archived once. */
  private Optional<UUID> duplicateOf(UploadSession s, byte[] sha256) {
    IngestMetadata m = s.metadata();
    return Jdbc.one(
        db,
        "SELECT id FROM evidence WHERE sha256 = ? AND unit_id = ? AND device_id IS NOT DISTINCT FROM ?"
            + " AND recorded_from IS NOT DISTINCT FROM ? AND recorded_to IS NOT DISTINCT FROM ? ORDER BY ingested_at LIMIT 1",
        rs -> rs.getObject(1, UUID.class),
        sha256,
        s.unitId(),
        m.deviceId(),
        m.recordedFrom(),
        m.recordedTo());
  }

  static EvidenceKind kindOf(String contentType) {
    if (contentType.startsWith("video/")) {
      return EvidenceKind.VIDEO;
    }
    if (contentType.startsWith("audio/")) {
      return EvidenceKind.AUDIO;
    }
    if (contentType.startsWith("image/")) {
      return EvidenceKind.PHOTO;
    }
    return EvidenceKind.DOCUMENT;
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
