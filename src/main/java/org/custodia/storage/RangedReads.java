package org.custodia.storage;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.http.Method;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.custodia.config.CustodiaConfig;

/**
 * Ranged reads of object versions as Vert.x streams, for relaying bytes to an HTTP response on the
 * event loop: the store's socket buffers go to the client's socket as they are, with back-pressure
 * both ways, no thread per stream and no copy through a {@code byte[]}.
 *
 * <p>The request is a GET on a short-lived presigned URL of the exact version (SigV4 query
 * signature made locally; the {@code Range} header is not part of it, so one URL serves every range
 * of the version while it is fresh), sent with Vert.x's HTTP client. The URLs stay in this
 * process's memory. What {@link #open} returns has been checked to be the requested bytes: status
 * 206 (or 200 for a whole object) and the expected {@code Content-Length}; it is paused until the
 * caller attaches its handlers and resumes it. Call {@link #open} on an event loop and attach the
 * handlers in its completion callback: a short body can otherwise end before anyone reads it.
 */
@ApplicationScoped
public class RangedReads {
  private static final int PRESIGNED_SECONDS = 120;
  private static final long PRESIGNED_REUSE_NANOS = TimeUnit.SECONDS.toNanos(PRESIGNED_SECONDS / 2);
  private static final int SIGNED_CAPACITY = 10_000;

  private final MinioClients clients;
  private final ObjectStore store;
  private final HttpClient http;
  private final Map<String, Signed> signed = new ConcurrentHashMap<>();

  RangedReads(MinioClients clients, ObjectStore store, Vertx vertx, CustodiaConfig config) {
    this.clients = clients;
    this.store = store;
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout(10_000)
                .setIdleTimeout(5)
                .setIdleTimeoutUnit(TimeUnit.MINUTES)
                .setDecompressionSupported(false)
                // body pieces as large as a socket read (the default 8 KiB would mean a write and a
                // flush to the client per 8 KiB)
                .setMaxChunkSize(256 * 1024)
                .setReceiveBufferSize(1 << 20),
            new PoolOptions().setHttp1MaxSize(config.s3().maxConnections()));
  }

  /**
   * Starts a GET of {@code range} (or the whole object when null) of one object version. Fails with
   * {@link StorageUnavailableException} when the store does not answer and {@link StorageException}
   * when it answers with anything but the requested bytes.
   */
  public Future<HttpClientResponse> open(
      BucketRole bucket, String key, String versionId, ByteRange range) {
    String url;
    try {
      url = presigned(bucket, key, versionId);
    } catch (Exception e) {
      return Future.failedFuture(new StorageException("cannot sign the object store request", e));
    }
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url);
    if (range != null) {
      request.putHeader("Range", "bytes=" + range.first() + "-" + range.last());
    }
    return http.request(request)
        .compose(r -> r.send())
        .recover(e -> Future.failedFuture(new StorageUnavailableException(e)))
        .compose(response -> checked(response, range));
  }

  /**
   * A presigned URL of the version, reused while it has at least half its lifetime left: a player
   * reads one file in many ranges, and signing (SigV4 through the SDK) costs more than the rest of
   * the request set-up together.
   */
  private String presigned(BucketRole bucket, String key, String versionId) throws Exception {
    String id = bucket + "\n" + key + "\n" + versionId;
    long now = System.nanoTime();
    Signed known = signed.get(id);
    if (known != null && now - known.signedAt() < PRESIGNED_REUSE_NANOS) {
      return known.url();
    }
    ObjectKeys.requireSafe(key);
    String url =
        clients
            .main()
            .getPresignedObjectUrl(
                GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET)
                    .bucket(store.bucketName(bucket))
                    .object(key)
                    .versionId(versionId)
                    .expiry(PRESIGNED_SECONDS, TimeUnit.SECONDS)
                    .build());
    if (signed.size() >= SIGNED_CAPACITY) {
      signed.clear();
    }
    signed.put(id, new Signed(url, now));
    return url;
  }

  private record Signed(String url, long signedAt) {}

  private static Future<HttpClientResponse> checked(HttpClientResponse response, ByteRange range) {
    int expectedStatus = range == null ? 200 : 206;
    String length = response.getHeader("Content-Length");
    if (response.statusCode() == expectedStatus
        && (range == null || String.valueOf(range.length()).equals(length))) {
      response.pause();
      return Future.succeededFuture(response);
    }
    // an error document is small: read it so the connection can be reused, then fail
    return response
        .body()
        .transform(
            ignored ->
                Future.failedFuture(
                    response.statusCode() == 404
                        ? new StorageException("object not found in the store")
                        : response.statusCode() == 503
                            ? new StorageUnavailableException(
                                new IllegalStateException("object store answered 503"))
                            : new StorageException(
                                "object store answered "
                                    + response.statusCode()
                                    + " with "
                                    + length
                                    + " bytes to a read of "
                                    + (range == null ? "the whole object" : range.length()))));
  }

  @PreDestroy
  void close() {
    http.close();
  }
}
