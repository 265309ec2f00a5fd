package org.custodia.bench;

import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.restassured.RestAssured;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.custodia.config.embedded.EmbeddedServices;

/**
 * Ingest throughput through the service (tus, hashing SHA-256 + SM3 while streaming, multipart to
 * S3) against a direct MinIO-SDK PUT of the same bytes to the same S3 server, measured in the same
 * run: 1 × 1 GiB and 8 × 256 MiB concurrent. The same SDK PUTs through {@link BareRelay} (a process
 * that only forwards) give the ceiling for any service in front of S3 on this machine. Run with
 * {@code scripts/bench ingest [MiB]}.
 */
public final class IngestBench {
  private static final long MIB = 1024 * 1024;

  public static void main(String[] args) throws Exception {
    long big = (args.length > 0 ? Long.parseLong(args[0]) : 1024) * MIB;
    long small = big / 4;
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ingest-bench-");
    try (EmbeddedServices services = new EmbeddedServices(dir.resolve("backing"))) {
      Map<String, String> settings = new HashMap<>(services.startPostgres());
      settings.putAll(services.startS3());
      Process app = startApp(settings, dir);
      try {
        MinioClient direct = sdkClient(settings, settings.get("custodia.s3.endpoint"));
        direct.makeBucket(MakeBucketArgs.builder().bucket("bench-direct").build());
        Fixture f = new Fixture();

        System.out.printf(
            "ingest benchmark: 1 x %d MiB, then 8 x %d MiB concurrent (same S3 server, same bytes);"
                + " tus PATCHes of %d and %d MiB%n",
            big / MIB,
            small / MIB,
            Math.min(big, patchSize(big)) / MIB,
            Math.min(small, patchSize(small)) / MIB);
        // warm-up of both paths
        directPut(direct, 64 * MIB, 0);
        f.upload(64 * MIB, 0);

        f.hashAhead(big, 0, 100);
        f.hashAhead(small, 10, 11, 12, 13, 14, 15, 16, 17, 110, 111, 112, 113, 114, 115, 116, 117);
        double d1 = throughput(1, big, i -> directPut(direct, big, i));
        double s1 = throughput(1, big, i -> f.upload(big, i));
        double p1 = throughput(1, big, i -> f.streamed(big, i + 100));
        double d8 = throughput(8, small, i -> directPut(direct, small, i + 10));
        double s8 = throughput(8, small, i -> f.upload(small, i + 10));
        double p8 = throughput(8, small, i -> f.streamed(small, i + 110));
        double r1;
        double r8;
        // the same SDK PUTs through a process that only forwards: the cost of one extra hop
        try (BareRelay.Handle relay = BareRelay.start(settings.get("custodia.s3.endpoint"))) {
          MinioClient viaRelay = sdkClient(settings, relay.endpoint());
          directPut(viaRelay, 64 * MIB, 0);
          r1 = throughput(1, big, i -> directPut(viaRelay, big, i + 200));
          r8 = throughput(8, small, i -> directPut(viaRelay, small, i + 210));
        }
        System.out.printf(
            "%-26s %11s %10s %6s %10s %6s %11s %6s %9s%n",
            "case",
            "direct MB/s",
            "tus client",
            "ratio",
            "one PATCH",
            "ratio",
            "bare relay",
            "ratio",
            "tus/relay");
        String row = "%-26s %11.1f %10.1f %6.2f %10.1f %6.2f %11.1f %6.2f %9.2f%n";
        System.out.printf(
            row, "1 x " + big / MIB + " MiB", d1, s1, s1 / d1, p1, p1 / d1, r1, r1 / d1, s1 / r1);
        System.out.printf(
            row,
            "8 x " + small / MIB + " MiB concurrent",
            d8,
            s8,
            s8 / d8,
            p8,
            p8 / d8,
            r8,
            r8 / d8,
            s8 / r8);
        BenchHttp.ratio("ingest-1x-tus/direct", s1 / d1);
        BenchHttp.ratio("ingest-1x-tus/relay", s1 / r1);
        BenchHttp.ratio("ingest-8x-tus/direct", s8 / d8);
        BenchHttp.ratio("ingest-8x-tus/relay", s8 / r8);
      } finally {
        app.destroy();
        app.waitFor();
      }
    } finally {
      BenchHttp.deleteTree(dir); // gigabytes of objects and spool
    }
  }

  interface Job {
    void run(int index) throws Exception;
  }

  /** Aggregate MB/s of {@code n} parallel jobs of {@code size} bytes each. */
  static double throughput(int n, long size, Job job) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(
            pool.submit(
                (Callable<Void>)
                    () -> {
                      job.run(index);
                      return null;
                    }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return n * size / 1e6 / seconds;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A MinIO SDK client with the store's credentials, without OkHttp's per-host limit. */
  static MinioClient sdkClient(Map<String, String> settings, String endpoint) {
    return MinioClient.builder()
        .endpoint(endpoint)
        .credentials(settings.get("custodia.s3.access-key"), settings.get("custodia.s3.secret-key"))
        .httpClient(BenchHttp.unthrottled())
        .build();
  }

  static void directPut(MinioClient client, long size, int seed) throws Exception {
    client.putObject(
        PutObjectArgs.builder()
            .bucket("bench-direct")
            .object("direct-" + seed + "-" + UUID.randomUUID())
            .stream(new RepeatingStream(seed, size), size, 16 * MIB)
            .contentType("video/mp4")
            .build());
  }

  /**
   * Cheap deterministic bytes: a 1 MiB random block repeated, with the block's first bytes varied
   * per MiB.
   */
  static final class RepeatingStream extends InputStream {
    private final byte[] block = new byte[(int) MIB];
    private final long size;
    private long position;

    RepeatingStream(int seed, long size) {
      new Random(seed).nextBytes(block);
      this.size = size;
    }

    @Override
    public int read() {
      if (position >= size) {
        return -1;
      }
      return block[(int) (position++ % MIB)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= size) {
        return -1;
      }
      int inBlock = (int) (position % MIB);
      int n = (int) Math.min(Math.min(len, MIB - inBlock), size - position);
      System.arraycopy(block, inBlock, b, off, n);
      position += n;
      return n;
    }
  }

  /** 128 MiB PATCHes for the single 1 GiB upload, 64 MiB for the eight concurrent ones. */
  static long patchSize(long size) {
    return size >= 512 * MIB ? 128 * MIB : 64 * MIB;
  }

  static String sha256(int seed, long size) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new RepeatingStream(seed, size)) {
      byte[] buffer = new byte[(int) MIB];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** A unit, officer, device and station created through the API. */
  static final class Fixture {
    final String station;
    final UUID officer;
    final UUID device;

    /** Claimed hashes by "seed/size": a station knows its file's hash before it uploads. */
    private final Map<String, String> hashes = new java.util.concurrent.ConcurrentHashMap<>();

    Fixture() {
      String admin = login();
      String unit = post(admin, "/api/v1/units", Map.of("code", "BENCH", "name", "基准测试"));
      Map<String, Object> officerBody = new HashMap<>();
      officerBody.put("unitId", unit);
      officerBody.put("name", "执法员");
      officerBody.put("certificateNo", "BENCH-1");
      officerBody.put("certificateStatus", "GREEN");
      officerBody.put("certificateValidFrom", LocalDate.now().minusYears(1).toString());
      officerBody.put("certificateValidUntil", LocalDate.now().plusYears(1).toString());
      officer = UUID.fromString(post(admin, "/api/v1/officers", officerBody));
      device =
          UUID.fromString(
              post(
                  admin,
                  "/api/v1/devices",
                  Map.of("unitId", unit, "serial", "BENCH-CAM", "model", "DSJ")));
      station =
          RestAssured.given()
              .header("Authorization", "Bearer " + admin)
              .contentType("application/json")
              .body(Map.of("unitId", unit, "name", "bench"))
              .post("/api/v1/stations")
              .then()
              .statusCode(201)
              .extract()
              .path("token");
    }

    Map<String, String> metadata(long size, int seed) throws Exception {
      Map<String, String> metadata = new HashMap<>();
      metadata.put("filename", "bench-" + seed + ".mp4");
      metadata.put("contentType", "video/mp4");
      metadata.put("deviceId", device.toString());
      metadata.put("officerId", officer.toString());
      Instant from = Instant.parse("2026-06-01T00:00:00Z").plusSeconds(seed * 3600L + size / MIB);
      metadata.put("recordedFrom", from.toString());
      metadata.put("recordedTo", from.plusSeconds(600).toString());
      metadata.put("sha256", claimedHash(size, seed));
      return metadata;
    }

    /** Hashes the files to come now, so that no timed upload includes hashing on the client. */
    void hashAhead(long size, int... seeds) throws Exception {
      for (int seed : seeds) {
        claimedHash(size, seed);
      }
    }

    String claimedHash(long size, int seed) throws Exception {
      String key = seed + "/" + size;
      String hash = hashes.get(key);
      if (hash == null) {
        hash = sha256(seed, size);
        hashes.put(key, hash);
      }
      return hash;
    }

    /**
     * The whole file in one streamed PATCH (JDK HttpClient, fixed Content-Length, nothing
     * buffered): what a station's own uploader would do on a good link.
     */
    void streamed(long size, int seed) throws Exception {
      String base = "http://localhost:" + RestAssured.port;
      java.net.http.HttpResponse<String> created =
          HTTP.send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/uploads"))
                  .header("Authorization", "Bearer " + station)
                  .header("Tus-Resumable", "1.0.0")
                  .header("Upload-Length", String.valueOf(size))
                  .header(
                      "Upload-Metadata",
                      org.custodia.testing.UnitFixture.tusMetadata(metadata(size, seed)))
                  .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      String location =
          created
              .headers()
              .firstValue("Location")
              .orElseThrow(() -> new IllegalStateException("create: " + created.body()));
      java.net.http.HttpResponse<String> patched =
          HTTP.send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(base).resolve(location))
                  .header("Authorization", "Bearer " + station)
                  .header("Tus-Resumable", "1.0.0")
                  .header("Upload-Offset", "0")
                  .header("Content-Type", "application/offset+octet-stream")
                  .method(
                      "PATCH",
                      java.net.http.HttpRequest.BodyPublishers.fromPublisher(
                          java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                              () -> new RepeatingStream(seed, size)),
                          size))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      if (patched.statusCode() != 204
          || patched.headers().firstValue("Custodia-Evidence-Id").isEmpty()) {
        throw new IllegalStateException("PATCH: " + patched.statusCode() + " " + patched.body());
      }
    }

    void upload(long size, int seed) throws Exception {
      Map<String, String> metadata = metadata(size, seed);
      TusClient client = new TusClient();
      client.setUploadCreationURL(
          new URL("http://localhost:" + RestAssured.port + "/api/v1/uploads"));
      client.setHeaders(Map.of("Authorization", "Bearer " + station));
      client.enableResuming(new TusURLMemoryStore());
      TusUpload upload = new TusUpload();
      upload.setInputStream(new RepeatingStream(seed, size));
      upload.setSize(size);
      upload.setFingerprint(UUID.randomUUID().toString());
      upload.setMetadata(metadata);
      TusUploader uploader = client.resumeOrCreateUpload(upload);
      uploader.setChunkSize((int) MIB);
      // each 204 is a durability point (spool fsync'd, part in flight drained, row committed), so
      // a station sends large PATCHes; the tus Java client keeps each one in memory (to rewind on
      // a failure), which bounds them here
      uploader.setRequestPayloadSize((int) Math.min(size, patchSize(size)));
      while (uploader.uploadChunk() > -1) {
        // stream the whole file
      }
      uploader.finish();
    }

    private static String login() {
      return RestAssured.given()
          .contentType("application/json")
          .body(Map.of("username", "admin", "password", PASSWORD))
          .post("/api/v1/auth/login")
          .then()
          .statusCode(200)
          .extract()
          .path("accessToken");
    }

    private static String post(String token, String path, Object body) {
      return RestAssured.given()
          .header("Authorization", "Bearer " + token)
          .contentType("application/json")
          .body(body)
          .post(path)
          .then()
          .statusCode(201)
          .extract()
          .path("id");
    }
  }

  static final String PASSWORD = "bench-" + UUID.randomUUID();
  static final java.net.http.HttpClient HTTP =
      java.net.http.HttpClient.newBuilder()
          .version(java.net.http.HttpClient.Version.HTTP_1_1)
          .build();

  static Process startApp(Map<String, String> settings, Path dir) throws Exception {
    return org.custodia.testing.PackagedApp.start(
        settings,
        dir.resolve("app"),
        org.custodia.testing.PackagedApp.freePort(),
        PASSWORD,
        "512m");
  }
}
