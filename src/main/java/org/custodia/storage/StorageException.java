package org.custodia.storage;

import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;

/** The object store answered, but refused or failed the operation. */
public class StorageException extends CustodiaException {
  public StorageException(String detail) {
    super(ProblemType.STORAGE_ERROR, detail);
  }

  protected StorageException(ProblemType problem, String detail) {
    super(problem, detail);
  }

  public StorageException(String detail, Throwable cause) {
    this(detail);
    initCause(cause);
  }
}
