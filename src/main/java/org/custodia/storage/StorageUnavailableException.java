package org.custodia.storage;

import org.custodia.error.RetryableException;

/** The object store did not answer; the client should retry later (503 + Retry-After). */
public class StorageUnavailableException extends RetryableException {
  public StorageUnavailableException(Throwable cause) {
    super("storage-unavailable", "the object store is unavailable, retry later", 30);
    initCause(cause);
  }
}
