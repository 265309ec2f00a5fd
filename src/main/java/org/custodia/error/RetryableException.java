package org.custodia.error;

/** A dependency is unavailable: answered 503 with {@code Retry-After}; the client may retry. */
public class RetryableException extends CustodiaException {
  private final int retryAfterSeconds;

  public RetryableException(String type, String detail, int retryAfterSeconds) {
    super(503, type, "Service unavailable", detail);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
