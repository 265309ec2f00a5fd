package org.custodia.storage;

import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;

/** The object store did not answer; the client should retry later (503 + Retry-After). */
public class StorageUnavailableException extends CustodiaException {
  public StorageUnavailableException(Throwable cause) {
    super(ProblemType.STORAGE_UNAVAILABLE, "the object store is unavailable, retry later");
    initCause(cause);
  }
}
