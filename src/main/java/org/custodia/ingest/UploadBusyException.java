package org.custodia.ingest;

import org.custodia.error.CustodiaException;

/**
 * Another request holds the upload (or held it when its service died): 409 with Retry-After, the
 * longest the hold can last.
 */
public class UploadBusyException extends CustodiaException {
  private final long retryAfterSeconds;

  public UploadBusyException(long retryAfterSeconds) {
    super(
        409,
        "upload-busy",
        "Upload busy",
        "another request is appending to this upload; retry after it ends");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
