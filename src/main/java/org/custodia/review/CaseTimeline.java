package org.custodia.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.custodia.dossier.ActionType;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CaseStatus;
import org.custodia.dossier.CaseType;
import org.custodia.dossier.CertificateStatus;
import org.custodia.dossier.EvidenceKind;
import org.custodia.integrity.ReceiptAccess;

/**
 * The timeline of a dossier: its actions with their windows, responsible officers and coverage by
 * recordings, and every record linked to the case. Times on {@code wallClock} are corrected by the
 * recording device's clock offset ({@link WallClock}); coverage is computed on them.
 */
public record CaseTimeline(
    UUID caseId,
    UUID unitId,
    String caseNo,
    CaseType type,
    CaseStatus status,
    long gapToleranceMs,
    List<Action> actions,
    List<Item> records) {

  /** An officer as the timeline shows them. */
  public record OfficerRef(
      UUID id, String name, boolean auxiliary, CertificateStatus certificateStatus) {}

  /** The recording device, with the clock offset used to correct its times. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeviceRef(
      UUID id, String serial, String model, Long clockOffsetMs, Instant clockOffsetReportedAt) {}

  /**
   * An action's window and how recordings (video and audio with a start time) cover it; see {@link
   * Coverage}.
   */
  public record Action(
      UUID id,
      ActionType type,
      Instant from,
      Instant to,
      List<OfficerRef> officers,
      long windowMs,
      long coveredMs,
      long uncoveredMs,
      List<Coverage.Span> covered,
      List<Coverage.Span> gaps,
      List<Coverage.Span> overlaps) {

    static Action of(CaseRecords.Action a, List<OfficerRef> officers, Coverage.Result c) {
      return new Action(
          a.id(),
          a.type(),
          a.from(),
          a.to(),
          officers,
          c.windowMs(),
          c.coveredMs(),
          c.uncoveredMs(),
          c.covered(),
          c.gaps(),
          c.overlaps());
    }
  }

  /** Which derived files exist. */
  public record Derivatives(boolean poster, boolean reviewCopy, boolean sprite) {}

  /**
   * One record of the case. {@code recordedFrom}/{@code recordedTo} are as the upload claimed them
   * (the device's clock); {@code wallClock} is corrected; {@code durationMs} is probed (null until
   * probed, and for documents); {@code actionIds} are the actions whose window the corrected
   * recording overlaps.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Item(
      UUID id,
      EvidenceKind kind,
      String filename,
      String title,
      String contentType,
      long size,
      String sha256,
      String sm3,
      Instant ingestedAt,
      DeviceRef device,
      OfficerRef officer,
      Instant recordedFrom,
      Instant recordedTo,
      Long durationMs,
      Long clockOffsetMs,
      WallClock wallClock,
      Derivatives derived,
      ReceiptAccess.State receipt,
      List<UUID> actionIds) {}
}
