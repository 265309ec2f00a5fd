package org.custodia.storage;

import java.time.Instant;

/**
 * What protects one object version now.
 *
 * @param retainUntil the end of its retention, or null when none is recorded
 * @param legalHold whether a legal hold is placed on it
 * @param storeEnforced whether the object store itself enforces this (S3 Object Lock), not only the
 *     service
 */
public record Protection(Instant retainUntil, boolean legalHold, boolean storeEnforced) {

  /** Whether the version may not be deleted at {@code now}. */
  public boolean protects(Instant now) {
    return legalHold || (retainUntil != null && retainUntil.isAfter(now));
  }
}
