package org.custodia.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectLockConfigurationArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.SetBucketLifecycleArgs;
import io.minio.SetBucketVersioningArgs;
import io.minio.SetObjectLockConfigurationArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.AbortIncompleteMultipartUpload;
import io.minio.messages.Expiration;
import io.minio.messages.LifecycleConfiguration;
import io.minio.messages.LifecycleRule;
import io.minio.messages.NoncurrentVersionExpiration;
import io.minio.messages.ObjectLockConfiguration;
import io.minio.messages.Retention;
import io.minio.messages.RetentionDurationDays;
import io.minio.messages.RetentionMode;
import io.minio.messages.RuleFilter;
import io.minio.messages.Status;
import io.minio.messages.VersioningConfiguration;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Creates the buckets declared in {@code storage-config/buckets/}, applies versioning, lifecycle
 * and Object Lock defaults where the store accepts them, and probes what the store really enforces.
 * Runs at start and, if the store was down then, again until it succeeds.
 */
@Singleton
public class StorageBootstrap {
  private static final Logger LOG = Logger.getLogger(StorageBootstrap.class);

  private final MinioClients clients;
  private final MinioObjectStore store;
  private volatile boolean done;

  StorageBootstrap(MinioClients clients, MinioObjectStore store) {
    this.clients = clients;
    this.store = store;
  }

  void onStart(@Observes StartupEvent event) {
    tryBootstrap();
  }

  @Scheduled(
      every = "10s",
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void retry() {
    if (!done) {
      tryBootstrap();
    }
  }

  public boolean done() {
    return done;
  }

  synchronized void tryBootstrap() {
    if (done) {
      return;
    }
    try {
      boolean versioning = true;
      boolean lifecycle = true;
      boolean lockRequested = false;
      for (Map.Entry<BucketRole, BucketDefinition> entry : clients.definitions().entrySet()) {
        BucketDefinition def = entry.getValue();
        String bucket = store.bucketName(entry.getKey());
        boolean lock = def.objectLock() != null && def.objectLock().enabled();
        lockRequested |= lock;
        ensureBucket(bucket, lock);
        // once the store declines a setting, do not ask again for the other buckets
        if (def.versioning() && versioning) {
          versioning &=
              accepted(
                  () ->
                      clients
                          .main()
                          .setBucketVersioning(
                              SetBucketVersioningArgs.builder()
                                  .bucket(bucket)
                                  .config(
                                      new VersioningConfiguration(
                                          VersioningConfiguration.Status.ENABLED, null))
                                  .build()));
        }
        if (!def.lifecycle().isEmpty() && lifecycle) {
          lifecycle &=
              accepted(
                  () ->
                      clients
                          .main()
                          .setBucketLifecycle(
                              SetBucketLifecycleArgs.builder()
                                  .bucket(bucket)
                                  .config(lifecycleOf(def))
                                  .build()));
        }
      }
      StorageCapabilities capabilities = probeObjectLock(lockRequested, versioning, lifecycle);
      store.capabilities(capabilities);
      done = true;
      if (capabilities.objectLock()) {
        LOG.infof("object store ready; Object Lock enforced (%s)", capabilities.detail());
      } else {
        LOG.warnf(
            "object store ready; Object Lock NOT enforced (%s): originals are protected only by"
                + " the service and the audit log",
            capabilities.detail());
      }
    } catch (Exception e) {
      LOG.warnf(
          "object store not ready yet (%s: %s); retrying",
          e.getClass().getSimpleName(), e.getMessage());
      LOG.debug("bootstrap failure", e);
    }
  }

  private void ensureBucket(String bucket, boolean lock) throws Exception {
    MinioClient client = clients.main();
    if (client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
      return;
    }
    try {
      client.makeBucket(MakeBucketArgs.builder().bucket(bucket).objectLock(lock).build());
    } catch (ErrorResponseException e) {
      if (!lock || !"NotImplemented".equals(e.errorResponse().code())) {
        throw e;
      }
      // the store cannot lock objects at all (S3Proxy): create the bucket without it
      client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
    }
    LOG.infof("created bucket %s", bucket);
  }

  private static LifecycleConfiguration lifecycleOf(BucketDefinition def) {
    List<LifecycleRule> rules = new ArrayList<>();
    for (BucketDefinition.LifecycleRule rule : def.lifecycle()) {
      rules.add(
          new LifecycleRule(
              Status.ENABLED,
              rule.abortIncompleteMultipartUploadDays() > 0
                  ? new AbortIncompleteMultipartUpload(rule.abortIncompleteMultipartUploadDays())
                  : null,
              rule.expirationDays() > 0
                  ? new Expiration((ZonedDateTime) null, rule.expirationDays(), null)
                  : null,
              new RuleFilter(rule.prefix() == null ? "" : rule.prefix()),
              rule.id(),
              rule.noncurrentExpirationDays() > 0
                  ? new NoncurrentVersionExpiration(rule.noncurrentExpirationDays())
                  : null,
              null,
              null));
    }
    return new LifecycleConfiguration(rules);
  }

  /**
   * Object Lock counts as enforced only if a locked probe object really cannot be deleted: some
   * servers accept lock settings without enforcing them.
   */
  private StorageCapabilities probeObjectLock(
      boolean lockRequested, boolean versioning, boolean lifecycle) throws Exception {
    if (!lockRequested) {
      return new StorageCapabilities(
          false, versioning, lifecycle, "no bucket asks for Object Lock");
    }
    String bucket = store.bucketName(BucketRole.EVIDENCE);
    MinioClient client = clients.main();
    try {
      client.getObjectLockConfiguration(
          GetObjectLockConfigurationArgs.builder().bucket(bucket).build());
    } catch (ErrorResponseException e) {
      return new StorageCapabilities(
          false, versioning, lifecycle, "object lock configuration: " + e.errorResponse().code());
    }
    // every bucket declared with Object Lock gets its default retention (COMPLIANCE for originals
    // and receipts), applied by the store to each plain PUT; a bucket that was created without
    // Object Lock cannot get it later and stays protected by the service only
    java.util.Set<BucketRole> locked = java.util.EnumSet.noneOf(BucketRole.class);
    for (Map.Entry<BucketRole, BucketDefinition> entry : clients.definitions().entrySet()) {
      BucketDefinition.ObjectLock lock = entry.getValue().objectLock();
      if (lock == null || !lock.enabled()) {
        continue;
      }
      try {
        client.setObjectLockConfiguration(
            SetObjectLockConfigurationArgs.builder()
                .bucket(store.bucketName(entry.getKey()))
                .config(
                    new ObjectLockConfiguration(
                        RetentionMode.valueOf(lock.mode()), new RetentionDurationDays(lock.days())))
                .build());
        locked.add(entry.getKey());
      } catch (ErrorResponseException e) {
        LOG.warnf(
            "bucket %s: Object Lock default not accepted (%s); the service alone protects it",
            store.bucketName(entry.getKey()), e.errorResponse().code());
      }
    }
    store.lockedBuckets(locked);
    String key = "probe/object-lock-" + UUID.randomUUID();
    byte[] body = "probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    String version =
        client
            .putObject(
                PutObjectArgs.builder().bucket(bucket).object(key).stream(
                        new ByteArrayInputStream(body), body.length, -1)
                    .retention(
                        new Retention(RetentionMode.GOVERNANCE, ZonedDateTime.now().plusDays(1)))
                    .build())
            .versionId();
    boolean enforced;
    try {
      client.removeObject(
          RemoveObjectArgs.builder().bucket(bucket).object(key).versionId(version).build());
      enforced = false;
    } catch (ErrorResponseException e) {
      enforced = true;
      client.removeObject(
          RemoveObjectArgs.builder()
              .bucket(bucket)
              .object(key)
              .versionId(version)
              .bypassGovernanceMode(true)
              .build());
    }
    return new StorageCapabilities(
        enforced,
        versioning,
        lifecycle,
        enforced
            ? "a locked probe version could not be deleted"
            : "lock settings accepted but a locked probe version was deletable");
  }

  private interface Call {
    void run() throws Exception;
  }

  /** Runs a bucket setting; false when the store does not implement it (e.g. S3Proxy's 501). */
  private static boolean accepted(Call call) throws Exception {
    try {
      call.run();
      return true;
    } catch (ErrorResponseException e) {
      LOG.debugf("store declined a bucket setting: %s", e.errorResponse().code());
      return false;
    }
  }
}
