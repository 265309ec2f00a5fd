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
import org.custodia.error.CustodiaException;
import org.custodia.storage.StoredObject;
import org.custodia.support.Ids;
import org.jboss.logging.Logger;

/**
 * Where ingest meets the registry (through {@link EvidenceIntake}): checks an upload's metadata
 * against devices and officers before any byte is taken, and turns a verified upload into an
 * evidence record.
 */
@ApplicationScoped
class EvidenceIndexer {
  private static final Logger LOG = Logger.getLogger(EvidenceIndexer.class);
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
   * rule when the officer may not enforce), then subject and case by the rules of the link made at
   * completion, and returns the unit the evidence will belong to.
   */
  UUID checkUpload(UploadService.Uploader uploader, IngestMetadata m) {
    UUID unit =
        intake.unitOfNewEvidence(uploader.unitId(), m.deviceId(), m.officerId(), m.recordedFrom());
    intake.checkLinks(unit, m.subjectId(), m.caseId());
    return unit;
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
      link(s, id);
    }
    ingested.fire(new EvidenceIngested(id, s.unitId(), m.contentType(), s.length(), s.objectKey()));
    return new UploadService.Completion(id, digests.sha256(), digests.sm3(), false);
  }

  /**
   * Links new evidence as its upload asked. The link was checked at creation; should it fail now
   * (the case or the subject changed meanwhile), the evidence is archived all the same, unlinked:
   * the bytes are evidence whatever they are filed under, and refusing them here would strand an
   * upload that can never finish. The refusal is audited; an officer links the record by hand.
   */
  private void link(UploadSession s, UUID evidenceId) {
    IngestMetadata m = s.metadata();
    try {
      intake.checkLinks(s.unitId(), m.subjectId(), m.caseId());
    } catch (CustodiaException refused) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("uploadId", s.id().toString());
      if (m.subjectId() != null) {
        details.put("subjectId", m.subjectId().toString());
      }
      if (m.caseId() != null) {
        details.put("caseId", m.caseId().toString());
      }
      details.put("problem", refused.problem().type());
      if (refused.field() != null) {
        details.put("field", refused.field());
      }
      details.put("detail", refused.detail());
      audit.record("evidence.link-refused", AuditEvent.Target.of("evidence", evidenceId), details);
      LOG.warnf(
          "evidence %s (upload %s) archived unlinked: %s", evidenceId, s.id(), refused.detail());
      return;
    }
    intake.link(evidenceId, m.subjectId(), m.caseId(), "linked at upload");
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
