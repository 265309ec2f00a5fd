package org.custodia.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.MinioClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.custodia.config.CustodiaConfig;

/**
 * The two MinIO clients (one for data, one with short timeouts for probes) and the bucket
 * definitions they work with. Owns their HTTP clients and shuts them down, so the JVM never lingers
 * on idle connection threads.
 */
@ApplicationScoped
class MinioClients {
  private final OkHttpClient dataHttp;
  private final OkHttpClient probeHttp;
  private final MinioClient main;
  private final MinioClient probe;
  private final PartsClient parts;
  private final Map<BucketRole, BucketDefinition> definitions;

  MinioClients(CustodiaConfig config, ObjectMapper json) {
    CustodiaConfig.S3 s3 = config.s3();
    Duration probeTimeout = s3.probeTimeout();
    // the SDK runs every call through OkHttp's dispatcher, which by default allows 5 requests per
    // host at once and keeps 5 idle connections: too few for dozens of viewers and uploads
    okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
    dispatcher.setMaxRequests(s3.maxConnections());
    dispatcher.setMaxRequestsPerHost(s3.maxConnections());
    okhttp3.ConnectionPool pool =
        new okhttp3.ConnectionPool(s3.maxConnections(), 5, TimeUnit.MINUTES);
    dataHttp =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectionPool(pool)
            // a store that restarted has closed every pooled connection; OkHttp reuses one idle
            // for under 10 s without checking it, so one failure drops them all: the next request
            // (and the one retry of a request that can be sent again) gets a new connection
            .addInterceptor(
                chain -> {
                  try {
                    return chain.proceed(chain.request());
                  } catch (IOException e) {
                    pool.evictAll();
                    throw e;
                  }
                })
            .addInterceptor(new LockDates())
            .connectTimeout(10, TimeUnit.SECONDS)
            .readTimeout(5, TimeUnit.MINUTES)
            .writeTimeout(5, TimeUnit.MINUTES)
            .retryOnConnectionFailure(false)
            .build();
    probeHttp =
        dataHttp
            .newBuilder()
            .connectTimeout(probeTimeout)
            .readTimeout(probeTimeout)
            .writeTimeout(probeTimeout)
            .callTimeout(probeTimeout.multipliedBy(2))
            .build();
    main = build(s3, dataHttp);
    probe = build(s3, probeHttp);
    parts =
        new PartsClient(
            io.minio.MinioAsyncClient.builder()
                .endpoint(s3.endpoint())
                .credentials(s3.accessKey(), s3.secretKey())
                .region(s3.region())
                .httpClient(dataHttp)
                .build());
    definitions = loadDefinitions(config, json);
  }

  private static MinioClient build(CustodiaConfig.S3 s3, OkHttpClient http) {
    return MinioClient.builder()
        .endpoint(s3.endpoint())
        .credentials(s3.accessKey(), s3.secretKey())
        .region(s3.region())
        .httpClient(http)
        .build();
  }

  MinioClient main() {
    return main;
  }

  MinioClient probe() {
    return probe;
  }

  PartsClient parts() {
    return parts;
  }

  /** Exposes the SDK's low-level multipart calls, which {@link MinioClient} keeps protected. */
  static final class PartsClient extends io.minio.MinioAsyncClient {
    PartsClient(io.minio.MinioAsyncClient client) {
      super(client);
    }

    String create(String bucket, String region, String key, String contentType) throws Exception {
      com.google.common.collect.Multimap<String, String> headers =
          com.google.common.collect.HashMultimap.create();
      headers.put("Content-Type", contentType);
      return createMultipartUploadAsync(bucket, region, key, headers, null)
          .get()
          .result()
          .uploadId();
    }

    String upload(
        String bucket,
        String region,
        String key,
        String uploadId,
        int part,
        java.io.RandomAccessFile file,
        long length)
        throws Exception {
      return uploadPartAsync(bucket, region, key, file, length, uploadId, part, null, null)
          .get()
          .etag();
    }

    /** One PUT streamed from a file (the SDK's stream PUT would hold the object in memory). */
    io.minio.ObjectWriteResponse put(
        String bucket, String region, String key, java.io.RandomAccessFile file, String contentType)
        throws Exception {
      com.google.common.collect.Multimap<String, String> headers =
          com.google.common.collect.HashMultimap.create();
      headers.put("Content-Type", contentType);
      return putObjectAsync(bucket, region, key, file, file.length(), headers, null).get();
    }

    io.minio.ObjectWriteResponse complete(
        String bucket, String region, String key, String uploadId, io.minio.messages.Part[] parts)
        throws Exception {
      return completeMultipartUploadAsync(bucket, region, key, uploadId, parts, null, null).get();
    }

    void abort(String bucket, String region, String key, String uploadId) throws Exception {
      abortMultipartUploadAsync(bucket, region, key, uploadId, null, null).get();
    }
  }

  Map<BucketRole, BucketDefinition> definitions() {
    return definitions;
  }

  private static Map<BucketRole, BucketDefinition> loadDefinitions(
      CustodiaConfig config, ObjectMapper json) {
    Map<BucketRole, BucketDefinition> loaded = new EnumMap<>(BucketRole.class);
    for (BucketRole role : BucketRole.values()) {
      try (InputStream in = open(config, role)) {
        loaded.put(role, json.readValue(in, BucketDefinition.class));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read bucket definition " + role.fileName(), e);
      }
    }
    return Map.copyOf(loaded);
  }

  private static InputStream open(CustodiaConfig config, BucketRole role) throws IOException {
    if (config.storage().configDir().isPresent()) {
      Path file = Path.of(config.storage().configDir().get(), "buckets", role.fileName());
      // a configuration written before a bucket role existed (receipts) gets the bundled one
      if (Files.exists(file)) {
        return Files.newInputStream(file);
      }
    }
    InputStream bundled =
        MinioClients.class.getResourceAsStream("/storage-config/buckets/" + role.fileName());
    if (bundled == null) {
      throw new IOException("bundled bucket definition missing: " + role.fileName());
    }
    return bundled;
  }

  @PreDestroy
  void close() {
    for (OkHttpClient http : new OkHttpClient[] {dataHttp, probeHttp}) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
