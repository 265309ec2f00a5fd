package org.custodia.storage;

import io.minio.BucketExistsArgs;
import io.minio.DisableObjectLegalHoldArgs;
import io.minio.EnableObjectLegalHoldArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectRetentionArgs;
import io.minio.IsObjectLegalHoldEnabledArgs;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.SetObjectRetentionArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Retention;
import io.minio.messages.RetentionMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import org.custodia.config.CustodiaConfig;

/** {@link ObjectStore} over the MinIO Java SDK (MinIO in production, any S3 server in tests). */
@ApplicationScoped
public class MinioObjectStore implements ObjectStore, MultipartUpload {
  /** Multipart part size; the SDK buffers one part, so this bounds memory per stream. */
  static final long PART_SIZE = 16L * 1024 * 1024;

  private final MinioClients clients;
  private final CustodiaConfig config;
  private final ProtectionRepository protections;
  private volatile java.util.Set<BucketRole> lockedBuckets = java.util.Set.of();
  private volatile StorageCapabilities capabilities =
      new StorageCapabilities(false, false, false, "not probed yet");

  MinioObjectStore(MinioClients clients, CustodiaConfig config, ProtectionRepository protections) {
    this.clients = clients;
    this.config = config;
    this.protections = protections;
  }

  @Override
  public String bucketName(BucketRole bucket) {
    return config.s3().bucketPrefix() + clients.definitions().get(bucket).name();
  }

  @Override
  public StoredObject put(
      BucketRole bucket,
      String key,
      InputStream content,
      long size,
      String contentType,
      Map<String, String> userMetadata) {
    ObjectKeys.requireSafe(key);
    try {
      ObjectWriteResponse written =
          clients
              .main()
              .putObject(
                  PutObjectArgs.builder().bucket(bucketName(bucket)).object(key).stream(
                          content, size, size >= 0 && size < PART_SIZE ? -1 : PART_SIZE)
                      .contentType(contentType == null ? "application/octet-stream" : contentType)
                      .userMetadata(userMetadata == null ? Map.of() : userMetadata)
                      .build());
      return justWritten(bucket, key, written);
    } catch (ErrorResponseException e) {
      throw new StorageException("object store refused the write: " + e.errorResponse().code(), e);
    } catch (IOException e) {
      throw new StorageUnavailableException(e);
    } catch (GeneralSecurityException | io.minio.errors.MinioException e) {
      throw new StorageException("object store write failed", e);
    }
  }

  @Override
  public StoredObject put(
      BucketRole bucket, String key, java.nio.file.Path file, String contentType) {
    ObjectKeys.requireSafe(key);
    ObjectWriteResponse written =
        call(
            () -> {
              try (java.io.RandomAccessFile raf =
                  new java.io.RandomAccessFile(file.toFile(), "r")) {
                return clients
                    .parts()
                    .put(
                        bucketName(bucket),
                        config.s3().region(),
                        key,
                        raf,
                        contentType == null ? "application/octet-stream" : contentType);
              }
            });
    return justWritten(bucket, key, written);
  }

  @Override
  public InputStream get(BucketRole bucket, String key, String versionId, ByteRange range) {
    ObjectKeys.requireSafe(key);
    // opening the read is the request that meets a connection the store closed while it idled
    // (its idle timeout, a restart); the bytes are not read yet, so it is sent once more
    return onceMoreIfStale(() -> getOnce(bucket, key, versionId, range));
  }

  private InputStream getOnce(BucketRole bucket, String key, String versionId, ByteRange range) {
    GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(bucketName(bucket)).object(key);
    if (versionId != null) {
      args.versionId(versionId);
    }
    if (range != null) {
      args.offset(range.first()).length(range.length());
    }
    try {
      return clients.main().getObject(args.build());
    } catch (ErrorResponseException e) {
      if ("NoSuchKey".equals(e.errorResponse().code())) {
        throw new StorageException("object not found in the store", e);
      }
      throw new StorageException("object store refused the read: " + e.errorResponse().code(), e);
    } catch (IOException e) {
      throw new StorageUnavailableException(e);
    } catch (GeneralSecurityException | io.minio.errors.MinioException e) {
      throw new StorageException("object store read failed", e);
    }
  }

  @Override
  public Optional<StoredObject> stat(BucketRole bucket, String key, String versionId) {
    return onceMoreIfStale(() -> statOnce(bucket, key, versionId));
  }

  private Optional<StoredObject> statOnce(BucketRole bucket, String key, String versionId) {
    ObjectKeys.requireSafe(key);
    StatObjectArgs.Builder args = StatObjectArgs.builder().bucket(bucketName(bucket)).object(key);
    if (versionId != null) {
      args.versionId(versionId);
    }
    try {
      StatObjectResponse stat = clients.main().statObject(args.build());
      return Optional.of(
          new StoredObject(
              bucket,
              key,
              stat.versionId(),
              stat.etag(),
              stat.size(),
              stat.contentType(),
              stat.lastModified() == null ? null : stat.lastModified().toInstant(),
              Map.copyOf(stat.userMetadata())));
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      if ("NoSuchKey".equals(code) || "NoSuchVersion".equals(code) || "NotFound".equals(code)) {
        return Optional.empty();
      }
      throw new StorageException("object store refused stat: " + code, e);
    } catch (IOException e) {
      throw new StorageUnavailableException(e);
    } catch (GeneralSecurityException | io.minio.errors.MinioException e) {
      throw new StorageException("object store stat failed", e);
    }
  }

  /**
   * Deletes one version, after the service's own check of its protection (every store) and, where
   * the store enforces Object Lock, the store's. A null {@code versionId} means the current
   * version, and that version's protection applies.
   */
  @Override
  public void delete(BucketRole bucket, String key, String versionId) {
    ObjectKeys.requireSafe(key);
    Optional<StoredObject> current = stat(bucket, key, versionId);
    if (current.isEmpty()) {
      return; // nothing to delete (deleting a missing key is not an error in S3 either)
    }
    String version = versionId != null ? versionId : current.get().versionId();
    Protection protection = protectionOf(bucket, key, version, current.get());
    if (protection.protects(Instant.now())) {
      throw new ProtectedObjectException(
          protection.legalHold()
              ? "the object version is under a legal hold"
              : "the object version is retained until " + protection.retainUntil());
    }
    RemoveObjectArgs.Builder args =
        RemoveObjectArgs.builder().bucket(bucketName(bucket)).object(key);
    if (versionId != null) {
      args.versionId(versionId);
    }
    try {
      clients.main().removeObject(args.build());
    } catch (ErrorResponseException e) {
      if ("AccessDenied".equals(e.errorResponse().code()) && storeEnforces(bucket)) {
        throw new ProtectedObjectException("the object store's Object Lock refused the delete", e);
      }
      throw new StorageException("object store refused delete: " + e.errorResponse().code(), e);
    } catch (IOException e) {
      throw new StorageUnavailableException(e);
    } catch (GeneralSecurityException | io.minio.errors.MinioException e) {
      throw new StorageException("object store delete failed", e);
    }
    protections.forget(bucket.name(), key, version);
  }

  @Override
  public void retain(BucketRole bucket, String key, String versionId, Instant until) {
    ObjectKeys.requireSafe(key);
    java.util.Objects.requireNonNull(until, "until");
    StoredObject object = existing(bucket, key, versionId);
    String version = versionId != null ? versionId : object.versionId();
    Instant untilSecond = until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    if (untilSecond.isBefore(until)) {
      untilSecond = untilSecond.plusSeconds(1); // S3 dates are whole seconds: never round down
    }
    protections.extend(bucket.name(), key, version, untilSecond);
    if (!storeEnforces(bucket)) {
      return;
    }
    Retention inForce = storeRetention(bucket, key, version);
    if (inForce != null
        && inForce.retainUntilDate() != null
        && !inForce.retainUntilDate().toInstant().isBefore(untilSecond)
        && inForce.mode() == RetentionMode.COMPLIANCE) {
      return; // the store already keeps it at least that long
    }
    Instant target = untilSecond;
    if (inForce != null
        && inForce.retainUntilDate() != null
        && inForce.retainUntilDate().toInstant().isAfter(target)) {
      target = inForce.retainUntilDate().toInstant(); // GOVERNANCE made COMPLIANCE, not shorter
    }
    SetObjectRetentionArgs.Builder args =
        SetObjectRetentionArgs.builder()
            .bucket(bucketName(bucket))
            .object(key)
            .config(
                new Retention(
                    RetentionMode.COMPLIANCE, ZonedDateTime.ofInstant(target, ZoneOffset.UTC)))
            // GOVERNANCE -> COMPLIANCE needs the bypass header (RGW); never shortens anything
            .bypassGovernanceMode(inForce != null && inForce.mode() == RetentionMode.GOVERNANCE);
    if (version != null) {
      args.versionId(version);
    }
    sdk("set retention", () -> clients.main().setObjectRetention(args.build()));
  }

  @Override
  public void legalHold(BucketRole bucket, String key, String versionId, boolean on) {
    ObjectKeys.requireSafe(key);
    StoredObject object = existing(bucket, key, versionId);
    String version = versionId != null ? versionId : object.versionId();
    protections.hold(bucket.name(), key, version, on);
    if (!storeEnforces(bucket)) {
      return;
    }
    if (on) {
      EnableObjectLegalHoldArgs.Builder args =
          EnableObjectLegalHoldArgs.builder().bucket(bucketName(bucket)).object(key);
      if (version != null) {
        args.versionId(version);
      }
      sdk("place legal hold", () -> clients.main().enableObjectLegalHold(args.build()));
    } else {
      DisableObjectLegalHoldArgs.Builder args =
          DisableObjectLegalHoldArgs.builder().bucket(bucketName(bucket)).object(key);
      if (version != null) {
        args.versionId(version);
      }
      sdk("lift legal hold", () -> clients.main().disableObjectLegalHold(args.build()));
    }
  }

  @Override
  public Protection protection(BucketRole bucket, String key, String versionId) {
    ObjectKeys.requireSafe(key);
    StoredObject object = existing(bucket, key, versionId);
    return protectionOf(bucket, key, versionId != null ? versionId : object.versionId(), object);
  }

  /** Whether the store itself enforces Object Lock on this bucket. */
  boolean storeEnforces(BucketRole bucket) {
    return capabilities.objectLock() && lockedBuckets.contains(bucket);
  }

  /**
   * The service's record, joined with what the store enforces (where it does) or, where it does
   * not, with the bucket's default retention counted from the version's write, which a store
   * enforcing Object Lock applies at PUT.
   */
  private Protection protectionOf(
      BucketRole bucket, String key, String version, StoredObject object) {
    Optional<ProtectionRepository.Row> row = protections.find(bucket.name(), key, version);
    Instant until = row.map(ProtectionRepository.Row::retainUntil).orElse(null);
    boolean hold = row.map(ProtectionRepository.Row::legalHold).orElse(false);
    boolean enforced = storeEnforces(bucket);
    if (enforced) {
      Retention retention = storeRetention(bucket, key, version);
      if (retention != null && retention.retainUntilDate() != null) {
        until = later(until, retention.retainUntilDate().toInstant());
      }
      hold |= storeLegalHold(bucket, key, version);
    } else {
      BucketDefinition def = clients.definitions().get(bucket);
      if (def.objectLock() != null && def.objectLock().enabled() && object.lastModified() != null) {
        until = later(until, object.lastModified().plus(Duration.ofDays(def.objectLock().days())));
      }
    }
    return new Protection(until, hold, enforced);
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  private StoredObject existing(BucketRole bucket, String key, String versionId) {
    return stat(bucket, key, versionId)
        .orElseThrow(() -> new ObjectMissingException("object not found in the store"));
  }

  /** The store's retention of a version, or null when it has none. */
  private Retention storeRetention(BucketRole bucket, String key, String version) {
    GetObjectRetentionArgs.Builder args =
        GetObjectRetentionArgs.builder().bucket(bucketName(bucket)).object(key);
    if (version != null) {
      args.versionId(version);
    }
    try {
      return clients.main().getObjectRetention(args.build());
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      if ("NoSuchObjectLockConfiguration".equals(code)
          || "ObjectLockConfigurationNotFoundError".equals(code)) {
        return null;
      }
      throw new StorageException("object store refused to read retention: " + code, e);
    } catch (IOException e) {
      throw new StorageUnavailableException(e);
    } catch (GeneralSecurityException | io.minio.errors.MinioException e) {
      throw new StorageException("object store retention read failed", e);
    }
  }

  private boolean storeLegalHold(BucketRole bucket, String key, String version) {
    IsObjectLegalHoldEnabledArgs.Builder args =
        IsObjectLegalHoldEnabledArgs.builder().bucket(bucketName(bucket)).object(key);
    if (version != null) {
      args.versionId(version);
    }
    try {
      return clients.main().isObjectLegalHoldEnabled(args.build());
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      if ("NoSuchObjectLockConfiguration".equals(code)
          || "ObjectLockConfigurationNotFoundError".equals(code)) {
        return false;
      }
      throw new StorageException("object store refused to read the legal hold: " + code, e);
    } catch (IOException e) {
      throw new StorageUnavailableException(e);
    } catch (GeneralSecurityException | io.minio.errors.MinioException e) {
      throw new StorageException("object store legal hold read failed", e);
    }
  }

  private interface SdkAction {
    void run() throws Exception;
  }

  private static void sdk(String what, SdkAction action) {
    try {
      action.run();
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      if ("AccessDenied".equals(code)) {
        throw new ProtectedObjectException("the object store's Object Lock refused to " + what, e);
      }
      throw new StorageException("object store refused to " + what + ": " + code, e);
    } catch (IOException e) {
      throw new StorageUnavailableException(e);
    } catch (Exception e) {
      throw new StorageException("object store failed to " + what, e);
    }
  }

  @Override
  public Iterable<StoredObject> list(BucketRole bucket, String prefix) {
    return () ->
        new java.util.Iterator<>() {
          private java.util.Iterator<io.minio.Result<io.minio.messages.Item>> it = open(null);
          private StoredObject peek;
          private String after;

          private java.util.Iterator<io.minio.Result<io.minio.messages.Item>> open(
              String startAfter) {
            io.minio.ListObjectsArgs.Builder args =
                io.minio.ListObjectsArgs.builder()
                    .bucket(bucketName(bucket))
                    .prefix(prefix)
                    .recursive(true);
            if (startAfter != null) {
              args.startAfter(startAfter);
            }
            return clients.main().listObjects(args.build()).iterator();
          }

          // a page request that meets a connection the store closed while idle is sent once
          // more, from after the last key returned (the listing is in key order)
          @Override
          public boolean hasNext() {
            if (peek != null) {
              return true;
            }
            for (int attempt = 0; ; attempt++) {
              try {
                if (!it.hasNext()) {
                  return false;
                }
                peek = item(it.next());
                return true;
              } catch (StorageUnavailableException e) {
                if (attempt > 0 || !stale(e)) {
                  UNAVAILABLE.incrementAndGet();
                  throw e;
                }
                RETRIES.incrementAndGet();
                it = open(after);
              }
            }
          }

          @Override
          public StoredObject next() {
            if (!hasNext()) {
              throw new java.util.NoSuchElementException();
            }
            StoredObject o = peek;
            peek = null;
            after = o.key();
            return o;
          }

          private StoredObject item(io.minio.Result<io.minio.messages.Item> result) {
            try {
              io.minio.messages.Item item = result.get();
              return new StoredObject(
                  bucket,
                  item.objectName(),
                  item.versionId(),
                  item.etag(),
                  item.size(),
                  null,
                  item.lastModified() == null ? null : item.lastModified().toInstant(),
                  Map.of());
            } catch (IOException e) {
              throw new StorageUnavailableException(e);
            } catch (Exception e) {
              throw new StorageException("object store listing failed", e);
            }
          }
        };
  }

  @Override
  public boolean reachable() {
    try {
      MinioClient probe = clients.probe();
      return probe.bucketExists(
          BucketExistsArgs.builder().bucket(bucketName(BucketRole.EVIDENCE)).build());
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public StorageCapabilities capabilities() {
    return capabilities;
  }

  void capabilities(StorageCapabilities probed) {
    this.capabilities = probed;
  }

  /** The buckets whose Object Lock default the store accepted (set by the bootstrap probe). */
  void lockedBuckets(java.util.Set<BucketRole> locked) {
    this.lockedBuckets = java.util.Set.copyOf(locked);
  }

  @Override
  public String start(BucketRole bucket, String key, String contentType) {
    ObjectKeys.requireSafe(key);
    return call(
        () -> clients.parts().create(bucketName(bucket), config.s3().region(), key, contentType));
  }

  @Override
  public String uploadPart(
      BucketRole bucket, String key, String uploadId, int partNumber, java.nio.file.Path file) {
    ObjectKeys.requireSafe(key);
    return call(
        () -> {
          try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "r")) {
            return clients
                .parts()
                .upload(
                    bucketName(bucket),
                    config.s3().region(),
                    key,
                    uploadId,
                    partNumber,
                    raf,
                    raf.length());
          }
        });
  }

  @Override
  public StoredObject complete(
      BucketRole bucket, String key, String uploadId, java.util.List<Part> parts) {
    ObjectKeys.requireSafe(key);
    io.minio.messages.Part[] sdkParts =
        parts.stream()
            .map(p -> new io.minio.messages.Part(p.number(), p.etag()))
            .toArray(io.minio.messages.Part[]::new);
    ObjectWriteResponse written =
        call(
            () ->
                clients
                    .parts()
                    .complete(bucketName(bucket), config.s3().region(), key, uploadId, sdkParts));
    return justWritten(bucket, key, written);
  }

  @Override
  public void abort(BucketRole bucket, String key, String uploadId) {
    ObjectKeys.requireSafe(key);
    call(
        () -> {
          clients.parts().abort(bucketName(bucket), config.s3().region(), key, uploadId);
          return null;
        });
  }

  /** The version a write just created, as the store describes it. */
  private StoredObject justWritten(BucketRole bucket, String key, ObjectWriteResponse written) {
    return stat(bucket, key, written.versionId())
        .orElseThrow(() -> new StorageException("object vanished right after it was written"));
  }

  private interface SdkCall<T> {
    T run() throws Exception;
  }

  /**
   * Runs an async SDK call, mapping connection failures to 503 and refusals to 502. Every such call
   * can be sent again (a part is read from its file again), so one that failed on a connection the
   * store had closed is sent once more.
   */
  private static <T> T call(SdkCall<T> call) {
    return onceMoreIfStale(() -> callOnce(call));
  }

  /**
   * Runs {@code operation}, and once more if it failed on a connection the store had closed (a
   * broken pipe, a reset, an answer cut short); not after a timeout or a refused connection, which
   * a second try would only repeat.
   */
  static <T> T onceMoreIfStale(java.util.function.Supplier<T> operation) {
    try {
      return operation.get();
    } catch (StorageUnavailableException e) {
      if (!stale(e)) {
        UNAVAILABLE.incrementAndGet();
        throw e;
      }
      RETRIES.incrementAndGet();
      try {
        return operation.get();
      } catch (StorageUnavailableException again) {
        UNAVAILABLE.incrementAndGet();
        throw again;
      }
    }
  }

  /**
   * Whether {@code e} failed on a connection the store had closed (a broken pipe, a reset, an
   * answer cut short), not on a timeout or a refused connection, which a second try would repeat.
   */
  static boolean stale(StorageUnavailableException e) {
    Throwable cause = e.getCause();
    return cause instanceof IOException
        && !(cause instanceof java.io.InterruptedIOException)
        && !(cause instanceof java.net.ConnectException);
  }

  /** Requests sent once more on a fresh connection after a stale one failed (metrics). */
  static final java.util.concurrent.atomic.AtomicLong RETRIES =
      new java.util.concurrent.atomic.AtomicLong();

  /** Requests that failed because the store did not answer (metrics). */
  static final java.util.concurrent.atomic.AtomicLong UNAVAILABLE =
      new java.util.concurrent.atomic.AtomicLong();

  private static <T> T callOnce(SdkCall<T> call) {
    try {
      return call.run();
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause =
          e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
              ? c.getCause()
              : e.getCause();
      throw translate(cause);
    } catch (java.util.concurrent.CompletionException e) {
      throw translate(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageUnavailableException(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw translate(e);
    }
  }

  private static RuntimeException translate(Throwable cause) {
    if (cause instanceof ErrorResponseException r) {
      String code = r.errorResponse().code();
      if ("XMinioStorageFull".equals(code)
          || "QuotaExceeded".equals(code)
          || "XMinioAdminBucketQuotaExceeded".equals(code)) {
        return new StorageFullException(cause);
      }
      return new StorageException("object store refused the operation: " + code, cause);
    }
    if (cause instanceof IOException) {
      return new StorageUnavailableException(cause);
    }
    return new StorageException("object store operation failed", cause);
  }
}
