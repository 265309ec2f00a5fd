package org.custodia.retention;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.storage.Protection;

/**
 * The port over the object store's own protection methods (S3 Object Lock or the service table).
 */
@ApplicationScoped
class StoreProtectionPort implements ProtectionPort {
  private final ObjectStore store;

  StoreProtectionPort(ObjectStore store) {
    this.store = store;
  }

  @Override
  public void retain(BucketRole bucket, String key, String versionId, Instant until) {
    store.retain(bucket, key, versionId, until);
  }

  @Override
  public void legalHold(BucketRole bucket, String key, String versionId, boolean on) {
    store.legalHold(bucket, key, versionId, on);
  }

  @Override
  public Protection protection(BucketRole bucket, String key, String versionId) {
    return store.protection(bucket, key, versionId);
  }

  @Override
  public void delete(BucketRole bucket, String key, String versionId) {
    store.delete(bucket, key, versionId);
  }
}
