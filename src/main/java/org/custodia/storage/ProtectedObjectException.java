package org.custodia.storage;

import org.custodia.error.ProblemType;

/** A delete of an object version within its retention or under legal hold: refused, 409. */
public class ProtectedObjectException extends StorageException {
  public ProtectedObjectException(String detail) {
    super(ProblemType.OBJECT_PROTECTED, detail);
  }
}
