package org.custodia.review;

import java.time.Instant;
import java.util.UUID;
import org.custodia.storage.BucketRole;

/**
 * One stored representation that may be served: where its bytes are, and the validators sent with
 * them. The ETag is strong: the SHA-256 of exactly these bytes, computed when they were stored.
 */
record Servable(
    UUID evidenceId,
    BucketRole bucket,
    String key,
    String version,
    long size,
    String contentType,
    String sha256,
    Instant lastModified) {

  String etag() {
    return "\"" + sha256 + "\"";
  }
}
