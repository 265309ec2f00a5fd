package org.custodia.grading;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.custodia.dossier.CaseType;
import org.custodia.support.PlausibleTime;

/** Request bodies of the review, note and spot-check endpoints. */
public final class ReviewBodies {
  private ReviewBodies() {}

  /** The comment on one criterion, with the records it concerns. */
  public record EntryBody(
      @NotBlank @Size(max = 64) String criterion,
      @Size(max = ReviewService.MAX_COMMENT) String comment,
      @Size(max = ReviewService.MAX_REFERENCES) List<@NotNull UUID> evidenceIds,
      @Size(max = ReviewService.MAX_REFERENCES) List<@NotNull UUID> noteIds) {
    Review.Entry toEntry() {
      return new Review.Entry(criterion, comment, evidenceIds, noteIds);
    }
  }

  /** A draft's content (PUT replaces all of it). */
  public record ReviewContent(
      Grade grade,
      @Size(max = ReviewService.MAX_ENTRIES) List<@Valid @NotNull EntryBody> entries,
      @Size(max = ReviewService.MAX_FINDING) String finding) {
    Review.Content toContent() {
      return new Review.Content(
          grade,
          entries == null ? List.of() : entries.stream().map(EntryBody::toEntry).toList(),
          finding);
    }
  }

  /** A new draft; {@code corrects} names the submitted review of the case it corrects. */
  public record NewReview(
      UUID corrects,
      Grade grade,
      @Size(max = ReviewService.MAX_ENTRIES) List<@Valid @NotNull EntryBody> entries,
      @Size(max = ReviewService.MAX_FINDING) String finding) {
    Review.Content toContent() {
      return new ReviewContent(grade, entries, finding).toContent();
    }
  }

  /** A note at media time {@code atMs}. */
  public record NewNote(
      @NotNull @PositiveOrZero Long atMs,
      @NotNull @Size(min = 1, max = NoteService.MAX_TEXT) String text,
      UUID supersedes) {}

  /** A spot check to draw: decision dates from/to (inclusive), N, optional seed and case type. */
  public record NewSpotCheck(
      @NotNull UUID unitId,
      @NotNull @PlausibleTime LocalDate from,
      @NotNull @PlausibleTime LocalDate to,
      @NotNull @Min(1) @Max(SpotCheckService.MAX_SIZE) Integer size,
      @Size(min = 1, max = SpotCheckService.MAX_SEED) String seed,
      CaseType caseType) {}

  /** One explicit assignment of a drawn case. */
  public record AssignmentBody(@NotNull UUID caseId, @NotNull UUID reviewerId) {}

  /** Explicit assignments and/or reviewers to share the other drawn cases round-robin. */
  public record Assignments(
      @Size(max = SpotCheckService.MAX_SIZE) List<@Valid @NotNull AssignmentBody> assignments,
      @Size(max = 100) List<@NotNull UUID> roundRobin) {}
}
