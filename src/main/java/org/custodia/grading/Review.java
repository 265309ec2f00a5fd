package org.custodia.grading;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A review (评查) of one dossier by one reviewer, as shown: the grade, the comments per criterion
 * with references to the records they concern, the overall finding, and the correction chain.
 */
public record Review(
    UUID id,
    UUID caseId,
    UUID unitId,
    UUID reviewerId,
    ReviewState state,
    String criteriaVersion,
    Grade grade,
    List<Entry> entries,
    String finding,
    UUID corrects,
    UUID correctedBy,
    Instant createdAt,
    Instant updatedAt,
    Instant submittedAt) {

  /**
   * The comment on one criterion; {@code evidenceIds} and {@code noteIds} point at the records
   * (recordings, documents, timestamped notes) a problem was found in.
   */
  public record Entry(
      String criterion, String comment, List<UUID> evidenceIds, List<UUID> noteIds) {
    public Entry {
      evidenceIds = evidenceIds == null ? List.of() : List.copyOf(evidenceIds);
      noteIds = noteIds == null ? List.of() : List.copyOf(noteIds);
    }
  }

  /** What a draft says; every part optional until submission. */
  public record Content(Grade grade, List<Entry> entries, String finding) {
    public Content {
      entries = entries == null ? List.of() : List.copyOf(entries);
    }
  }

  /** Filter of the review list; {@code from}/{@code to} apply to the time reviewed. */
  public record Filter(
      UUID unitId, Grade grade, UUID reviewerId, Instant from, Instant to, ReviewState state) {}

  /** How the current submitted reviews of one unit are graded. */
  public record Distribution(UUID unitId, int excellent, int good, int pass, int fail, int total) {}
}
