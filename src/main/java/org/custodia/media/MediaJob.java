package org.custodia.media;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A media job as shown on the evidence record. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MediaJob(
    UUID id,
    String kind,
    UUID evidenceId,
    State state,
    int attempts,
    int maxAttempts,
    Instant runAfter,
    String leaseOwner,
    Instant leaseUntil,
    int progress,
    String lastError,
    Instant createdAt,
    Instant finishedAt) {

  public enum State {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    /** The media cannot be processed (corrupt, unsupported): retrying cannot help. */
    FAILED,
    /** Attempts exhausted; {@code lastError} says why. */
    DEAD
  }
}
