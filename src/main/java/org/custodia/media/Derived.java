package org.custodia.media;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** A file made from an original: a new object in the derived bucket that names its source. */
public record Derived(
    @JsonIgnore UUID evidenceId,
    Kind kind,
    String sha256,
    String contentType,
    long size,
    @JsonIgnore String objectKey,
    @JsonIgnore String objectVersion,
    String sourceSha256,
    Instant createdAt) {

  public enum Kind {
    REVIEW_COPY,
    THUMBNAIL,
    SPRITE
  }
}
