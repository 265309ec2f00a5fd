package org.custodia.media;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A file made from an original: a new object in the derived bucket that names its source. {@code
 * parameters} say how it was made (mode, codecs, sizes, time taken) and, for a sprite sheet, its
 * layout ({@link SpriteLayout}).
 */
public record Derived(
    @JsonIgnore UUID evidenceId,
    Kind kind,
    String sha256,
    String contentType,
    long size,
    @JsonIgnore String objectKey,
    @JsonIgnore String objectVersion,
    String sourceSha256,
    Instant createdAt,
    Map<String, Object> parameters) {

  public enum Kind {
    REVIEW_COPY,
    THUMBNAIL,
    SPRITE
  }
}
