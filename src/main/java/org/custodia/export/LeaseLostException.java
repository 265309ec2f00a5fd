package org.custodia.export;

/** Another worker took the build over (this one's lease lapsed): stop without touching the row. */
final class LeaseLostException extends RuntimeException {
  LeaseLostException(String message) {
    super(message);
  }
}
