package org.custodia.storage;

import java.time.Instant;
import java.util.Map;

/** What the store reports of one object version. */
public record StoredObject(
    BucketRole bucket,
    String key,
    String versionId,
    String etag,
    long size,
    String contentType,
    Instant lastModified,
    Map<String, String> userMetadata) {}
