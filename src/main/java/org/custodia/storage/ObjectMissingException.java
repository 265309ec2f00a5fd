package org.custodia.storage;

/**
 * The object (version) a call names is not in the store: lost, or never written. Callers that can
 * go on without it — protecting a record whose bytes fixity will report missing — catch this, not
 * every storage failure.
 */
public class ObjectMissingException extends StorageException {
  public ObjectMissingException(String detail) {
    super(detail);
  }
}
