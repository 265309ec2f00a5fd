package org.custodia.storage;

import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;

/**
 * The object store has no room (quota or disk): 507; the client keeps its copy and retries later.
 */
public class StorageFullException extends CustodiaException {
  public StorageFullException(Throwable cause) {
    super(ProblemType.STORAGE_FULL, "the archive's storage is full; keep the file and retry later");
    initCause(cause);
  }
}
