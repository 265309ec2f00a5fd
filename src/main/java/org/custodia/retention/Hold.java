package org.custodia.retention;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A legal hold on an item, a case or a subject: who placed it, why, until when (null: until
 * lifted), and who lifted it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hold(
    UUID id,
    Scope scope,
    UUID targetId,
    UUID unitId,
    String reason,
    Instant until,
    UUID placedBy,
    Instant placedAt,
    UUID liftedBy,
    Instant liftedAt,
    String liftReason) {

  /** What a hold is placed on. */
  public enum Scope {
    EVIDENCE,
    CASE,
    SUBJECT
  }

  /** Whether the hold is in force at {@code now}: not lifted, and open-ended or not yet over. */
  public boolean active(Instant now) {
    return liftedAt == null && (until == null || until.isAfter(now));
  }
}
