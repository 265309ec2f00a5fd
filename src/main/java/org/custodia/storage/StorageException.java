package org.custodia.storage;

import org.custodia.error.CustodiaException;

/** The object store answered, but refused or failed the operation. */
public class StorageException extends CustodiaException {
  public StorageException(String detail) {
    super(502, "storage-error", "Object store error", detail);
  }

  public StorageException(String detail, Throwable cause) {
    this(detail);
    initCause(cause);
  }
}
