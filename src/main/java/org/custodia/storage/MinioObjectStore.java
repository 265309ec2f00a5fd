package org.custodia.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;
import org.custodia.config.CustodiaConfig;

/** {@link ObjectStore} over the MinIO Java SDK (MinIO in production, any S3 server in tests). */
@ApplicationScoped
public class MinioObjectStore implements ObjectStore {
  /** Multipart part size; the SDK buffers one part, so this bounds memory per stream. */
  static final long PART_SIZE = 16L * 1024 * 1024;

  private final MinioClients clients;
  private final CustodiaConfig config;
  private volatile StorageCapabilities capabilities =
      new StorageCapabilities(false, false, false, "not probed yet");

  MinioObjectStore(MinioClients clients, CustodiaConfig config) {
    this.clients = clients;
    this.config = config;
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
      return stat(bucket, key, written.versionId())
          .orElseThrow(() -> new StorageException("object vanished right after it was written"));
    } catch (ErrorResponseException e) {
      throw new StorageException("object store refused the write: " + e.errorResponse().code(), e);
    } catch (IOException e) {
      throw new StorageUnavailableException(e);
    } catch (GeneralSecurityException | io.minio.errors.MinioException e) {
      throw new StorageException("object store write failed", e);
    }
  }

  @Override
  public InputStream get(BucketRole bucket, String key, String versionId, ByteRange range) {
    ObjectKeys.requireSafe(key);
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

  @Override
  public void delete(BucketRole bucket, String key, String versionId) {
    ObjectKeys.requireSafe(key);
    RemoveObjectArgs.Builder args =
        RemoveObjectArgs.builder().bucket(bucketName(bucket)).object(key);
    if (versionId != null) {
      args.versionId(versionId);
    }
    try {
      clients.main().removeObject(args.build());
    } catch (ErrorResponseException e) {
      throw new StorageException("object store refused delete: " + e.errorResponse().code(), e);
    } catch (IOException e) {
      throw new StorageUnavailableException(e);
    } catch (GeneralSecurityException | io.minio.errors.MinioException e) {
      throw new StorageException("object store delete failed", e);
    }
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
}
