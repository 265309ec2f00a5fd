package org.custodia.ingest;

import org.custodia.error.CustodiaException;

/**
 * tus: the client's {@code Upload-Offset} is not the server's; 409 carrying the server's offset.
 */
public class OffsetMismatchException extends CustodiaException {
  private final long serverOffset;

  public OffsetMismatchException(long serverOffset) {
    super(
        409,
        "offset-mismatch",
        "Offset mismatch",
        "Upload-Offset does not match the server's offset " + serverOffset + "; resume from it",
        "Upload-Offset");
    this.serverOffset = serverOffset;
  }

  public long serverOffset() {
    return serverOffset;
  }
}
