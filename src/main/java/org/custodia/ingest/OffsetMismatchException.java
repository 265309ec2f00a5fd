package org.custodia.ingest;

import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;

/**
 * tus: the client's {@code Upload-Offset} is not the server's ({@link
 * ProblemType#OFFSET_MISMATCH}); carries the server's offset.
 */
public class OffsetMismatchException extends CustodiaException {
  private final long serverOffset;

  public OffsetMismatchException(long serverOffset) {
    super(
        ProblemType.OFFSET_MISMATCH,
        "Upload-Offset does not match the server's offset " + serverOffset + "; resume from it",
        "Upload-Offset");
    this.serverOffset = serverOffset;
  }

  public long serverOffset() {
    return serverOffset;
  }
}
