package org.custodia.retention;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.storage.ProtectedObjectException;
import org.custodia.storage.Protection;

/**
 * Until the storage port's protection methods are merged (branch worm), the tests' port: it keeps
 * protections in memory, refuses a delete within retention or under hold, and deletes through the
 * real object store (S3Proxy) otherwise. Tests go through {@link ProtectionPort}, so they hold with
 * the real port too; delete this class when it is merged.
 */
@Alternative
@Priority(1)
@ApplicationScoped
class TableProtectionPort implements ProtectionPort {
  private final ObjectStore store;
  private final Map<String, Protection> protections = new ConcurrentHashMap<>();

  TableProtectionPort(ObjectStore store) {
    this.store = store;
  }

  private static String id(BucketRole bucket, String key, String versionId) {
    return bucket + "/" + key + "@" + versionId;
  }

  @Override
  public void retain(BucketRole bucket, String key, String versionId, Instant until) {
    protections.merge(
        id(bucket, key, versionId),
        new Protection(until, false, false),
        (old, add) ->
            new Protection(
                old.retainUntil() == null || until.isAfter(old.retainUntil())
                    ? until
                    : old.retainUntil(),
                old.legalHold(),
                false));
  }

  @Override
  public void legalHold(BucketRole bucket, String key, String versionId, boolean on) {
    protections.merge(
        id(bucket, key, versionId),
        new Protection(null, on, false),
        (old, add) -> new Protection(old.retainUntil(), on, false));
  }

  @Override
  public Protection protection(BucketRole bucket, String key, String versionId) {
    return protections.getOrDefault(id(bucket, key, versionId), new Protection(null, false, false));
  }

  @Override
  public void delete(BucketRole bucket, String key, String versionId) {
    Protection p = protection(bucket, key, versionId);
    if (p.legalHold()) {
      throw new ProtectedObjectException("the object version is under legal hold");
    }
    if (p.retainUntil() != null && p.retainUntil().isAfter(Instant.now())) {
      throw new ProtectedObjectException("the object version is retained until " + p.retainUntil());
    }
    store.delete(bucket, key, versionId);
  }
}
