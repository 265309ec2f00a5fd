package org.custodia.storage;

import org.custodia.error.ProblemType;

/** A delete of an object version within its retention or under a legal hold (409). */
public class ProtectedObjectException extends StorageException {
  public ProtectedObjectException(String detail) {
    super(ProblemType.OBJECT_PROTECTED, detail);
  }

  public ProtectedObjectException(String detail, Throwable cause) {
    this(detail);
    initCause(cause);
  }
}
