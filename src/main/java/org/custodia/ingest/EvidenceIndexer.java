package org.custodia.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.digest.StreamingDigests;
import org.custodia.dossier.ActionType;
import org.custodia.dossier.EvidenceIntake;
import org.custodia.dossier.EvidenceKind;
import org.custodia.storage.StoredObject;
import org.custodia.support.Ids;

/**
 * Where ingest meets the registry (through {@link EvidenceIntake}): checks an upload's metadata
 * against devices and officers before any byte is taken, and turns a verified upload into an
 * evidence record.
 */
@ApplicationScoped
class EvidenceIndexer {
  private final EvidenceIntake intake;
  private final UploadRepository uploads;
  private final AuditService audit;
  private final jakarta.enterprise.event.Event<EvidenceIngested> ingested;

  EvidenceIndexer(
      EvidenceIntake intake,
      UploadRepository uploads,
      AuditService audit,
      jakarta.enterprise.event.Event<EvidenceIngested> ingested) {
    this.intake = intake;
    this.uploads = uploads;
    this.audit = audit;
    this.ingested = ingested;
  }

  /**
   * Validates device and officer (invalid request when unknown or of another unit, the registry's
   * rule when the officer may not enforce) and returns the unit the evidence will belong to.
   */
  UUID checkUpload(UploadService.Uploader uploader, IngestMetadata m) {
    return intake.unitOfNewEvidence(
        uploader.unitId(), m.deviceId(), m.officerId(), m.recordedFrom());
  }

  /**
   * Indexes a verified upload (inside the caller's transaction), or finds the copy already
   * archived.
   */
  UploadService.Completion index(
      UploadSession s, StoredObject stored, StreamingDigests.Result digests) {
    IngestMetadata m = s.metadata();
    // the same file from the same device with the same recording times is archived once
    Optional<UUID> existing =
        intake.duplicateOf(
            digests.sha256(), s.unitId(), m.deviceId(), m.recordedFrom(), m.recordedTo());
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
    intake.insert(
        new EvidenceIntake.Received(
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
      intake.link(id, m.subjectId(), m.caseId(), "linked at upload");
    }
    ingested.fire(new EvidenceIngested(id, s.unitId(), m.contentType(), s.length(), s.objectKey()));
    return new UploadService.Completion(id, digests.sha256(), digests.sm3(), false);
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
