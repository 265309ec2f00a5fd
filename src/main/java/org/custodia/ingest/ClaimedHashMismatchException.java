package org.custodia.ingest;

import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;

/**
 * The whole file does not hash to the station's claimed sha256 ({@link
 * ProblemType#CLAIMED_HASH_MISMATCH}): the bytes are quarantined and nothing is indexed as
 * evidence. Carries what the server computed.
 */
public class ClaimedHashMismatchException extends CustodiaException {
  private final byte[] sha256;
  private final byte[] sm3;

  public ClaimedHashMismatchException(byte[] sha256, byte[] sm3) {
    super(
        ProblemType.CLAIMED_HASH_MISMATCH,
        "the bytes received do not hash to the claimed sha256; they were quarantined and not archived as evidence",
        "sha256");
    this.sha256 = sha256.clone();
    this.sm3 = sm3.clone();
  }

  public String sha256Hex() {
    return UploadService.hex(sha256);
  }

  public String sm3Hex() {
    return UploadService.hex(sm3);
  }
}
