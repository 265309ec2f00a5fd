package org.custodia.dossier;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.custodia.error.CustodiaException;

/**
 * The dossier's face for ingest: which device, officer, subject and case a new upload may name, and
 * how a verified upload becomes an evidence record. Ingest reads and writes the dossier's tables
 * only through this class. Writes join the caller's transaction.
 */
@ApplicationScoped
public class EvidenceIntake {
  private final DeviceRepository devices;
  private final OfficerRepository officers;
  private final OfficerService officerRules;
  private final EvidenceRepository evidence;
  private final EvidenceService links;

  EvidenceIntake(
      DeviceRepository devices,
      OfficerRepository officers,
      OfficerService officerRules,
      EvidenceRepository evidence,
      EvidenceService links) {
    this.devices = devices;
    this.officers = officers;
    this.officerRules = officerRules;
    this.evidence = evidence;
    this.links = links;
  }

  /**
   * Checks what a new upload names before a byte of it is taken: the device (when given) and the
   * officer exist and belong to the unit, and the officer may enforce when the recording began
   * ({@code recordedFrom}; now when not given). Returns the unit the evidence will belong to: the
   * uploader's, else the device's, else the officer's.
   */
  public UUID unitOfNewEvidence(
      UUID uploaderUnit, UUID deviceId, UUID officerId, Instant recordedFrom) {
    Device device = null;
    if (deviceId != null) {
      device =
          devices
              .byId(deviceId)
              .orElseThrow(() -> CustodiaException.invalid("deviceId", "unknown device"));
    }
    Officer officer =
        officers
            .byId(officerId)
            .orElseThrow(() -> CustodiaException.invalid("officerId", "unknown officer"));
    UUID unit =
        uploaderUnit != null ? uploaderUnit : device != null ? device.unitId() : officer.unitId();
    if (device != null && !device.unitId().equals(unit)) {
      throw CustodiaException.invalid("deviceId", "the device belongs to another unit");
    }
    if (!officer.unitId().equals(unit)) {
      throw CustodiaException.invalid("officerId", "the officer belongs to another unit");
    }
    officerRules.requireEnforcing(
        officerId, recordedFrom != null ? recordedFrom : Instant.now(), "officerId");
    return unit;
  }

  /**
   * Checks the subject and/or case a new upload names, before a byte of it is taken, by exactly the
   * rules its link at completion applies ({@link EvidenceService#link}), without writing: each of
   * the unit, and the subject a party to the case when both are named. Nothing named: nothing to
   * check. A refusal leaves the caller's transaction usable.
   */
  public void checkLinks(UUID unitId, UUID subjectId, UUID caseId) {
    if (subjectId != null || caseId != null) {
      links.checkLink(unitId, subjectId, caseId);
    }
  }

  /**
   * The record already archived of the same file (sha256) from the same device with the same
   * recording times in the unit, the oldest when there are several.
   */
  public Optional<UUID> duplicateOf(
      byte[] sha256, UUID unitId, UUID deviceId, Instant recordedFrom, Instant recordedTo) {
    return evidence.duplicateOf(sha256, unitId, deviceId, recordedFrom, recordedTo);
  }

  /**
   * A verified upload, as it becomes evidence: hashes are raw 32-byte digests, {@code
   * claimedSha256} the station's, {@code stationId} the uploading station (null for a user).
   */
  public record Received(
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
      byte[] claimedSha256,
      UUID deviceId,
      UUID officerId,
      UUID stationId,
      Instant recordedFrom,
      Instant recordedTo,
      ActionType actionType,
      BigDecimal latitude,
      BigDecimal longitude) {}

  /**
   * Inserts the evidence row of a verified upload, ingested now, in the recording officer's
   * custody, standard retention, no legal hold.
   */
  public void insert(Received r) {
    evidence.insert(
        new EvidenceRepository.NewEvidence(
            r.id(),
            r.unitId(),
            r.sha256(),
            r.sm3(),
            r.size(),
            r.contentType(),
            r.kind(),
            r.filename(),
            r.title(),
            r.notes(),
            r.objectKey(),
            r.objectVersion(),
            r.claimedSha256(),
            r.deviceId(),
            r.officerId(),
            r.stationId(),
            r.recordedFrom(),
            r.recordedTo(),
            null,
            r.officerId(),
            null,
            false,
            r.actionType(),
            r.latitude(),
            r.longitude()));
  }

  /**
   * Links new evidence to the subject and/or case its upload named, checking that they are of its
   * unit and that the subject is a party to the case ({@link EvidenceService#link}).
   */
  public void link(UUID evidenceId, UUID subjectId, UUID caseId, String reason) {
    links.link(evidenceId, subjectId, caseId, reason);
  }

  /** Whether an evidence record holds the object under this key. */
  public boolean referencesObject(String objectKey) {
    return evidence.referencesObject(objectKey);
  }
}
