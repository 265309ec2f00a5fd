package org.custodia.bench;

import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.restassured.path.json.JsonPath;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.custodia.config.embedded.EmbeddedServices;
import org.custodia.testing.LargeCase;
import org.custodia.testing.PackagedApp;

/**
 * Export and verification throughput. A case of {@code GiB} of originals (four, synthetic, uploaded
 * through tus) is exported by the packaged service (approval off, so the job starts on request);
 * its MB/s from request to READY, by the service's own clock ({@code requestedAt} → {@code
 * builtAt}), is compared with the same run's baseline: the same objects streamed from the store and
 * back into it through the MinIO SDK (GET → multipart PUT, 16 MiB parts, one after the other as the
 * job does). The package is then downloaded and verified by {@code target/custodia-verify.jar} in
 * {@code -Xmx64m} (as {@code scripts/verify} runs it), compared with {@code sha256sum} and {@code
 * openssl dgst -sm3} over the same file. Run with {@code scripts/bench export [GiB]}.
 */
public final class ExportBench {
  private static final long MIB = 1024 * 1024;
  private static final int PART = 16 * 1024 * 1024;
  private static final String PASSWORD = "bench-" + UUID.randomUUID();

  public static void main(String[] args) throws Exception {
    double gib = args.length > 0 ? Double.parseDouble(args[0]) : 2;
    long total = (long) (gib * 1024 * MIB);
    long[] sizes = {total / 4, total / 4, total / 4, total - 3 * (total / 4)};
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "export-bench-");
    try (EmbeddedServices services = new EmbeddedServices(dir.resolve("backing"))) {
      Map<String, String> settings = new HashMap<>(services.startPostgres());
      settings.putAll(services.startS3());
      Process app =
          PackagedApp.start(
              settings,
              dir.resolve("app"),
              PackagedApp.freePort(),
              PASSWORD,
              System.getProperty("bench.heap", "256m"),
              List.of(),
              Map.of(
                  "CUSTODIA_EXPORT_APPROVAL_REQUIRED", "false",
                  "CUSTODIA_EXPORT_POLL_INTERVAL", "100ms"));
      try {
        run(settings, dir, sizes);
      } finally {
        app.destroy();
        app.waitFor();
      }
    } finally {
      BenchHttp.deleteTree(dir); // gigabytes of objects, the package and its download
    }
  }

  private static void run(Map<String, String> settings, Path dir, long[] sizes) throws Exception {
    long total = 0;
    for (long s : sizes) {
      total += s;
    }
    System.out.printf(
        "export benchmark: %d originals, %d MiB in all (same S3 server, same bytes)%n",
        sizes.length, total / MIB);
    LargeCase c = new LargeCase(PASSWORD);
    List<UUID> records = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      records.add(c.upload(500 + i, sizes[i]));
    }
    for (UUID id : records) {
      c.awaitReceipt(id, Duration.ofMinutes(2));
    }

    // baseline: the same objects from the store back into it through the SDK, 16 MiB parts
    MinioClient sdk = IngestBench.sdkClient(settings, settings.get("custodia.s3.endpoint"));
    String evidenceBucket = BenchHttp.bucket(sdk, "evidence");
    sdk.makeBucket(MakeBucketArgs.builder().bucket("bench-copy").build());
    List<String[]> objects = BenchHttp.objects(settings, records);
    copy(sdk, evidenceBucket, objects.subList(0, 1), "warm-"); // warm-up
    long start = System.nanoTime();
    copy(sdk, evidenceBucket, objects, "copy-");
    double copySeconds = (System.nanoTime() - start) / 1e9;
    double copyMbs = total / 1e6 / copySeconds;

    // the export job: request (approval off) to READY, by the service's clock
    UUID export = UUID.fromString(c.request().getString("id"));
    JsonPath ready = c.awaitState(export, "READY", Duration.ofMinutes(30));
    double exportSeconds =
        Duration.between(
                    Instant.parse(ready.getString("requestedAt")),
                    Instant.parse(ready.getString("builtAt")))
                .toNanos()
            / 1e9;
    double exportMbs = total / 1e6 / exportSeconds;
    long packageSize = ready.getLong("size");

    Path zip = dir.resolve("package.zip");
    LargeCase.Downloaded got = c.download(export, zip);
    if (!got.sha256().equals(ready.getString("sha256")) || got.size() != packageSize) {
      throw new IllegalStateException("the downloaded package differs from the reported one");
    }

    // verification: the verifier jar vs sha256sum and openssl's SM3 over the same (cached) file
    double sha256sum = command(zip, "sha256sum", zip.toString());
    double sm3 = command(zip, "openssl", "dgst", "-sm3", zip.toString());
    double sha512sum = command(zip, "sha512sum", zip.toString());
    double verify =
        command(
            zip,
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx64m",
            "-jar",
            new File("target/custodia-verify.jar").getAbsolutePath(),
            zip.toString());
    double slower = Math.min(sha256sum, sm3);
    // what bounds both: each digest alone on one thread of this JVM (the service's and the
    // verifier's implementations), over the same file from the page cache
    double javaSha256 = inJava(zip, "SHA-256");
    double javaSha512 = inJava(zip, "SHA-512");
    double javaSm3 = inJava(zip, "SM3");

    System.out.printf("%-48s %9s%n", "case", "MB/s");
    System.out.printf("%-48s %9.1f%n", "baseline: SDK GET -> multipart PUT, 16 MiB parts", copyMbs);
    System.out.printf(
        "%-48s %9.1f  (%.1f s, package %d MiB)%n",
        "export job, request -> READY", exportMbs, exportSeconds, packageSize / MIB);
    System.out.printf(
        "%-48s %9.1f%n", "download of the package (client)", got.size() / 1e6 / got.seconds());
    System.out.printf("%-48s %9.1f%n", "sha256sum", sha256sum);
    System.out.printf("%-48s %9.1f%n", "openssl dgst -sm3", sm3);
    System.out.printf("%-48s %9.1f  (not in the ratio)%n", "sha512sum", sha512sum);
    System.out.printf("%-48s %9.1f%n", "verifier jar, -Xmx64m (3 manifests + checks)", verify);
    System.out.printf("%-48s %9.1f%n", "one thread: SHA-256 (JDK)", javaSha256);
    System.out.printf("%-48s %9.1f%n", "one thread: SHA-512 (JDK)", javaSha512);
    System.out.printf("%-48s %9.1f%n", "one thread: SM3 (digest.Sm3)", javaSm3);
    System.out.printf(
        java.util.Locale.ROOT,
        "RAW export %.1f MB/s baseline %.1f MB/s; verify %.1f MB/s sha256sum %.1f MB/s sm3 %.1f"
            + " MB/s%n",
        exportMbs,
        copyMbs,
        verify,
        sha256sum,
        sm3);
    BenchHttp.ratio("export", exportMbs / copyMbs);
    BenchHttp.ratio("verify", verify / slower);
  }

  private static void copy(MinioClient sdk, String bucket, List<String[]> objects, String prefix)
      throws Exception {
    for (String[] o : objects) {
      try (InputStream in =
          sdk.getObject(
              GetObjectArgs.builder().bucket(bucket).object(o[0]).versionId(o[1]).build())) {
        sdk.putObject(
            PutObjectArgs.builder().bucket("bench-copy").object(prefix + UUID.randomUUID()).stream(
                    in, Long.parseLong(o[2]), PART)
                .contentType("application/octet-stream")
                .build());
      }
    }
  }

  /** One digest over {@code file} on this thread (after a warm-up); answers MB/s. */
  private static double inJava(Path file, String algorithm) throws Exception {
    java.util.function.Supplier<org.custodia.testing.UnitFixture.Sink> digest =
        () -> {
          if (algorithm.equals("SM3")) {
            org.custodia.digest.Sm3 sm3 = new org.custodia.digest.Sm3();
            return sm3::update;
          }
          try {
            return java.security.MessageDigest.getInstance(algorithm)::update;
          } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
          }
        };
    byte[] buffer = new byte[256 * 1024];
    org.custodia.testing.UnitFixture.Sink warm = digest.get();
    for (int i = 0; i < 400; i++) {
      warm.update(buffer, 0, buffer.length);
    }
    org.custodia.testing.UnitFixture.Sink sink = digest.get();
    long start = System.nanoTime();
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
        sink.update(buffer, 0, n);
      }
    }
    return Files.size(file) / 1e6 / ((System.nanoTime() - start) / 1e9);
  }

  /** Runs a command over {@code file}; answers the file's MB/s (fails when the command does). */
  private static double command(Path file, String... command) throws Exception {
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
    return Files.size(file) / 1e6 / ((System.nanoTime() - start) / 1e9);
  }
}
