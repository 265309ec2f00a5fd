package org.custodia.fixity;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * One line of a run's report: an object checked (an original, a derived file, a receipt file), an
 * object found in an archive bucket that nothing records (FOREIGN), or a bucket scanned for those
 * (SCAN).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FixityItem(
    @JsonIgnore long seq,
    Target target,
    UUID evidenceId,
    String bucket,
    String objectKey,
    Hashes expected,
    Hashes actual,
    Result result,
    String detail,
    Instant checkedAt) {

  public enum Target {
    ORIGINAL,
    REVIEW_COPY,
    THUMBNAIL,
    SPRITE,
    RECEIPT,
    FOREIGN,
    SCAN
  }

  public enum Result {
    OK,
    MISMATCH,
    MISSING,
    FOREIGN,
    SCANNED,
    ERROR;

    /** Whether the result is an alert (the bytes are not what the archive recorded). */
    boolean problem() {
      return this == MISMATCH || this == MISSING || this == FOREIGN;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Hashes(String sha256, String sm3, Long size) {}
}
