package org.custodia.grading;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.custodia.dossier.CaseType;

/**
 * A spot check (抽查) with its progress: the cases drawn from the unit's cases decided in [from, to],
 * their assignees and the review each got.
 */
public record SpotCheck(
    UUID id,
    UUID unitId,
    LocalDate from,
    LocalDate to,
    CaseType caseType,
    int size,
    String seed,
    int candidateCount,
    int drawnCount,
    boolean allCandidatesDrawn,
    UUID createdBy,
    Instant createdAt,
    Progress progress,
    List<Item> items) {

  /** One drawn case. {@code review}: its current submitted review since the draw, if any. */
  public record Item(
      int position,
      UUID caseId,
      String caseNo,
      CaseType caseType,
      String drawKey,
      UUID assigneeId,
      Instant assignedAt,
      Reviewed review) {}

  /** The review a drawn case got. */
  public record Reviewed(UUID reviewId, UUID reviewerId, Grade grade, Instant submittedAt) {}

  /** How far the check is, with the grade distribution of the drawn cases reviewed so far. */
  public record Progress(
      int drawn, int assigned, int reviewed, int excellent, int good, int pass, int fail) {}

  /** A spot check as listed. */
  public record Summary(
      UUID id,
      UUID unitId,
      LocalDate from,
      LocalDate to,
      CaseType caseType,
      int size,
      String seed,
      int candidateCount,
      int drawnCount,
      UUID createdBy,
      Instant createdAt) {}

  /** What a supervisor asks for: the unit, the period of decision dates, N, optionally a seed. */
  public record Request(
      UUID unitId, LocalDate from, LocalDate to, int size, String seed, CaseType caseType) {}

  /** One explicit assignment. */
  public record Assignment(UUID caseId, UUID reviewerId) {}

  /** A case assigned to the caller. */
  public record Assigned(
      UUID spotCheckId,
      UUID unitId,
      int position,
      UUID caseId,
      String caseNo,
      CaseType caseType,
      Instant assignedAt,
      Reviewed review) {}
}
