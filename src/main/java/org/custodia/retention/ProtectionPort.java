package org.custodia.retention;

import org.custodia.storage.BucketRole;
import org.custodia.storage.Protection;

/**
 * What retention asks of the object store: protect one object version (retain until, legal hold)
 * and delete one. The store refuses a delete within retention or under hold ({@link
 * org.custodia.storage.ProtectedObjectException}), whoever calls it: retention's own checks are the
 * first line, the port the last.
 */
public interface ProtectionPort {
  /** Extends (never shortens) the retention of one version; an earlier date is ignored. */
  void retain(BucketRole bucket, String key, String versionId, java.time.Instant until);

  /** Places or lifts the legal hold flag of one version. */
  void legalHold(BucketRole bucket, String key, String versionId, boolean on);

  /** What protects one version now. */
  Protection protection(BucketRole bucket, String key, String versionId);

  /** Deletes one version; refused while it is protected. */
  void delete(BucketRole bucket, String key, String versionId);
}
