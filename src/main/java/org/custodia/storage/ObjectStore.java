package org.custodia.storage;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The object-store port. Shaped around streams and ranges: no method takes or returns a whole
 * object in memory. Keys are service-chosen and checked by {@link ObjectKeys}.
 */
public interface ObjectStore {

  /**
   * Streams {@code content} into a new object version (multipart when large or of unknown size;
   * memory use is one part, whatever the object size).
   *
   * @param size exact size, or -1 when unknown
   */
  StoredObject put(
      BucketRole bucket,
      String key,
      InputStream content,
      long size,
      String contentType,
      Map<String, String> userMetadata);

  /**
   * Stores a local file as one object, streamed from the file (a stream of known size below the
   * part size is held in memory by the SDK; a file is not). Unlike a stream, a file can be sent
   * again: a write that failed on a connection the store had closed (it restarted) is sent once
   * more.
   */
  StoredObject put(BucketRole bucket, String key, java.nio.file.Path file, String contentType);

  /** Opens a stream over the whole object version, or over {@code range} of it. */
  InputStream get(BucketRole bucket, String key, String versionId, ByteRange range);

  Optional<StoredObject> stat(BucketRole bucket, String key, String versionId);

  /**
   * Deletes one object version (or the current one when {@code versionId} is null).
   *
   * @throws ProtectedObjectException when the version is within its retention or under hold
   */
  void delete(BucketRole bucket, String key, String versionId);

  /**
   * Extends (never shortens) the retention of one object version. On a store that enforces Object
   * Lock also sets S3 COMPLIANCE retention-until; in every case it records the date in the
   * service's own protection table. A date earlier than the one in force is ignored (not an error).
   */
  void retain(BucketRole bucket, String key, String versionId, java.time.Instant until);

  /**
   * Places (on=true) or lifts one legal hold flag on one object version; mirrored as an S3 legal
   * hold where the store enforces Object Lock, recorded in the protection table always.
   */
  void legalHold(BucketRole bucket, String key, String versionId, boolean on);

  /**
   * What protects one version now (retain-until or null, legal hold, and whether the store itself
   * enforces it).
   */
  Protection protection(BucketRole bucket, String key, String versionId);

  /** Lists the current objects under {@code prefix}, page by page as the iteration proceeds. */
  Iterable<StoredObject> list(BucketRole bucket, String prefix);

  /** Whether the store answers now (used by readiness). */
  boolean reachable();

  StorageCapabilities capabilities();

  /** Full bucket name (with the deployment prefix) of a role. */
  String bucketName(BucketRole bucket);
}
