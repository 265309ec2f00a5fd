package org.custodia.retention;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reviewed batch of deletions: the expired, unheld items at the time of the request, approved by
 * a second person, then deleted one by one (each re-checked at deletion time).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Disposal(
    UUID id,
    UUID unitId,
    UUID requestedBy,
    Instant requestedAt,
    String reason,
    State state,
    UUID approvedBy,
    Instant approvedAt,
    Instant finishedAt,
    List<Item> items) {

  /** PENDING_APPROVAL → APPROVED (the job deletes) → DONE. */
  public enum State {
    PENDING_APPROVAL,
    APPROVED,
    DONE
  }

  /** One item: PENDING (not yet), DELETED, or SKIPPED (with why: held, not expired after all). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Item(UUID evidenceId, String state, String detail, Instant doneAt) {}

  Disposal withItems(List<Item> all) {
    return new Disposal(
        id,
        unitId,
        requestedBy,
        requestedAt,
        reason,
        state,
        approvedBy,
        approvedAt,
        finishedAt,
        all);
  }
}
