package org.custodia.security;

import java.util.OptionalLong;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;

/** Too many failed logins from this user or address: 429 with {@code Retry-After}. */
public class TooManyAttemptsException extends CustodiaException {
  private final long retryAfterSeconds;

  public TooManyAttemptsException(long retryAfterSeconds) {
    super(ProblemType.TOO_MANY_ATTEMPTS, "too many failed logins; retry later");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  @Override
  public OptionalLong retryAfterSeconds() {
    return OptionalLong.of(retryAfterSeconds);
  }
}
