package org.custodia.dossier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the case endpoints return. */
public final class CaseRecords {
  private CaseRecords() {}

  /** A case as listed. */
  public record CaseSummary(
      UUID id,
      UUID unitId,
      String caseNo,
      CaseType type,
      CaseStatus status,
      String title,
      LocalDate decisionDate,
      Instant createdAt,
      Instant updatedAt) {}

  /** An enforcement action with its responsible officers. */
  public record Action(UUID id, ActionType type, Instant from, Instant to, List<UUID> officerIds) {}

  /**
   * What an action said before its {@code revision}-th correction, and who corrected it, when and
   * why.
   */
  public record ActionRevision(
      int revision,
      ActionType type,
      Instant from,
      Instant to,
      List<UUID> officerIds,
      String reason,
      Instant correctedAt,
      String correctedBy) {}

  /** The dossier (执法案卷) of one case: the case, its subjects, officers and actions. */
  public record Dossier(
      UUID id,
      UUID unitId,
      String caseNo,
      CaseType type,
      CaseStatus status,
      String title,
      String notes,
      LocalDate decisionDate,
      Instant createdAt,
      Instant updatedAt,
      List<Subject> subjects,
      List<Officer> officers,
      List<Action> actions) {}
}
