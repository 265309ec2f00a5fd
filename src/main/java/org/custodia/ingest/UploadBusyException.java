package org.custodia.ingest;

import java.util.OptionalLong;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;

/**
 * Another request holds the upload (or held it when its service died, or took it over from this
 * one): {@link ProblemType#UPLOAD_BUSY} with Retry-After, the longest the hold can last (the lease
 * time). Every upload-busy answer is one of these.
 */
public class UploadBusyException extends CustodiaException {
  private final long retryAfterSeconds;

  public UploadBusyException(long retryAfterSeconds) {
    this("another request is appending to this upload; retry after it ends", retryAfterSeconds);
  }

  public UploadBusyException(String detail, long retryAfterSeconds) {
    super(ProblemType.UPLOAD_BUSY, detail);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  @Override
  public OptionalLong retryAfterSeconds() {
    return OptionalLong.of(retryAfterSeconds);
  }
}
