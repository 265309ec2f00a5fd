package org.custodia.bench;

import static org.custodia.testing.Api.as;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.restassured.path.json.JsonPath;
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
import org.custodia.config.embedded.EmbeddedServices;
import org.custodia.testing.LargeCase;
import org.custodia.testing.PackagedApp;

/**
 * Fixity re-hash throughput. {@code GiB} of originals (four, synthetic, uploaded through tus) are
 * re-hashed (SHA-256 and SM3, SM3 on a second thread) by the packaged service's fixity run,
 * unthrottled; its MB/s by the service's clock (createdAt → finishedAt, planning included) is
 * compared with the same run's baseline: the same objects read from the same store through the
 * MinIO SDK, one after the other, into nothing. The service's CPU seconds per GB re-hashed are read
 * from /proc (the whole process, so an upper bound). Run with {@code scripts/bench fixity [GiB
 * [workers]]} (workers: default one per core).
 */
public final class FixityBench {
  private static final long MIB = 1024 * 1024;
  private static final String PASSWORD = "bench-" + UUID.randomUUID();

  public static void main(String[] args) throws Exception {
    double gib = args.length > 0 ? Double.parseDouble(args[0]) : 2;
    // one worker per core: each object is one SM3 stream, so cores only help across objects
    int workers =
        args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    long total = (long) (gib * 1024 * MIB);
    long[] sizes = {total / 4, total / 4, total / 4, total - 3 * (total / 4)};
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "fixity-bench-");
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
                  "CUSTODIA_FIXITY_MAX_BYTES_PER_SECOND", "0",
                  "CUSTODIA_FIXITY_SCHEDULED", "false",
                  "CUSTODIA_FIXITY_POLL_INTERVAL", "100ms",
                  "CUSTODIA_FIXITY_WORKERS", String.valueOf(workers)));
      try {
        run(settings, sizes, app.pid(), workers);
      } finally {
        app.destroy();
        app.waitFor();
      }
    } finally {
      BenchHttp.deleteTree(dir);
    }
  }

  private static void run(Map<String, String> settings, long[] sizes, long pid, int workers)
      throws Exception {
    long total = 0;
    for (long s : sizes) {
      total += s;
    }
    System.out.printf(
        "fixity benchmark: %d originals, %d MiB in all, %d fixity workers (same S3 server, same"
            + " bytes)%n",
        sizes.length, total / MIB, workers);
    LargeCase c = new LargeCase(PASSWORD);
    List<UUID> records = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      records.add(c.upload(700 + i, sizes[i]));
    }
    for (UUID id : records) {
      c.awaitReceipt(id, Duration.ofMinutes(2));
    }

    // baseline: the same objects read from the store through the SDK, one after the other
    MinioClient sdk = IngestBench.sdkClient(settings, settings.get("custodia.s3.endpoint"));
    String bucket = BenchHttp.bucket(sdk, "evidence");
    List<String[]> objects = BenchHttp.objects(settings, records);
    drain(sdk, bucket, objects.subList(0, 1)); // warm-up
    long start = System.nanoTime();
    drain(sdk, bucket, objects);
    double getMbs = total / 1e6 / ((System.nanoTime() - start) / 1e9);

    // the fixity run: requested to DONE, by the service's clock, and the service's CPU time
    double cpuBefore = cpuSeconds(pid);
    Map<String, Object> body = new HashMap<>();
    body.put("scope", "evidence");
    body.put("evidenceIds", records.stream().map(UUID::toString).toList());
    UUID run =
        UUID.fromString(
            as(c.f.admin)
                .body(body)
                .post("/api/v1/fixity/runs")
                .then()
                .statusCode(202)
                .extract()
                .path("id"));
    JsonPath done = awaitDone(c.f.admin, run, Duration.ofMinutes(30));
    double cpu = cpuSeconds(pid) - cpuBefore;
    if (done.getLong("progress.problems") != 0
        // the originals, and the receipt files fixity re-hashes with them (a few KiB each)
        || done.getLong("progress.bytesDone") < total
        || !done.getList("report.result").stream().allMatch("OK"::equals)) {
      throw new IllegalStateException(
          "the fixity run did not find every object intact: " + done.prettify());
    }
    double seconds =
        Duration.between(
                    Instant.parse(done.getString("createdAt")),
                    Instant.parse(done.getString("finishedAt")))
                .toNanos()
            / 1e9;
    double fixityMbs = total / 1e6 / seconds;
    double cpuPerGb = cpu / (total / 1e9);

    System.out.printf("%-48s %9s%n", "case", "MB/s");
    System.out.printf("%-48s %9.1f%n", "baseline: SDK GET, one object after another", getMbs);
    System.out.printf(
        "%-48s %9.1f  (%.1f s)%n",
        "fixity run, SHA-256 + SM3, requested -> DONE", fixityMbs, seconds);
    System.out.printf(
        "%-48s %9.2f  (whole service process)%n", "CPU seconds per GB re-hashed", cpuPerGb);
    System.out.printf(
        java.util.Locale.ROOT,
        "RAW fixity %.1f MB/s baseline GET %.1f MB/s; %.2f CPU s/GB%n",
        fixityMbs,
        getMbs,
        cpuPerGb);
    BenchHttp.ratio("fixity", fixityMbs / getMbs);
  }

  private static JsonPath awaitDone(String admin, UUID run, Duration atMost) throws Exception {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < deadline) {
      JsonPath r =
          as(admin).get("/api/v1/fixity/runs/" + run).then().statusCode(200).extract().jsonPath();
      if ("DONE".equals(r.getString("state"))) {
        return r;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("fixity run " + run + " not done in " + atMost);
  }

  /** User and system CPU time of a process, from /proc/<pid>/stat (clock ticks of 1/100 s). */
  private static double cpuSeconds(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields after the name: state(3) ... utime(14) stime(15), counted from 1 with pid and name
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
  }

  private static void drain(MinioClient sdk, String bucket, List<String[]> objects)
      throws Exception {
    byte[] buf = new byte[256 * 1024];
    for (String[] o : objects) {
      try (InputStream in =
          sdk.getObject(
              GetObjectArgs.builder().bucket(bucket).object(o[0]).versionId(o[1]).build())) {
        while (in.read(buf) > 0) {
          // into nothing
        }
      }
    }
  }
}
