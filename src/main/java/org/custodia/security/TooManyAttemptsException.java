package org.custodia.security;

import org.custodia.error.CustodiaException;

/** Too many failed logins from this user or address: 429 with {@code Retry-After}. */
public class TooManyAttemptsException extends CustodiaException {
  private final long retryAfterSeconds;

  public TooManyAttemptsException(long retryAfterSeconds) {
    super(429, "too-many-attempts", "Too many attempts", "too many failed logins; retry later");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
