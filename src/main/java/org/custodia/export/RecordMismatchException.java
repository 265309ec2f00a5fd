package org.custodia.export;

import java.util.UUID;

/** A stored original whose bytes do not match the hashes recorded when it was archived. */
final class RecordMismatchException extends RuntimeException {
  private final UUID evidenceId;

  RecordMismatchException(UUID evidenceId, String detail) {
    super("record " + evidenceId + ": " + detail);
    this.evidenceId = evidenceId;
  }

  UUID evidenceId() {
    return evidenceId;
  }
}
