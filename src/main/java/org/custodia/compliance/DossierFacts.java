package org.custodia.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CertificateEvent;
import org.custodia.review.WallClock;

/**
 * What the rules look at, loaded once: the case's actions, its recordings (video and audio with a
 * start time) on the wall clock ({@link WallClock}: claimed times corrected by the device's clock
 * offset, the end from the probed duration) with their upload time, and the officers who made them
 * with their certificate history.
 */
public record DossierFacts(
    UUID caseId,
    UUID unitId,
    List<CaseRecords.Action> actions,
    List<Recording> recordings,
    Map<UUID, OfficerFacts> officers) {

  /** One recording; {@code officerId} null when the upload named none. */
  public record Recording(UUID id, UUID officerId, WallClock wallClock, Instant uploadedAt) {
    Instant from() {
      return wallClock.from();
    }

    Instant to() {
      return wallClock.to();
    }

    /** Whether it runs during [from, to); a recording of no length counts at its instant. */
    boolean overlaps(Instant start, Instant end) {
      Instant stop = to().equals(from()) ? from().plusNanos(1) : to();
      return from().isBefore(end) && stop.isAfter(start);
    }
  }

  /** An officer or auxiliary staff member with the certificate history, oldest first. */
  public record OfficerFacts(UUID id, boolean auxiliary, List<CertificateEvent> history) {}
}
