package org.custodia.bench;

import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.custodia.config.embedded.EmbeddedServices;

/**
 * A docking station's end of shift: rounds of eight concurrent uploads of small files (1–8 MiB:
 * documents, photos, short clips), each through the tus Java client exactly as a station sends it
 * (creation, one PATCH, the client's closing empty PATCH), against direct MinIO-SDK PUTs of the
 * same files to the same S3 server in the same run. Prints files/s, MB/s, p50/p99 per file and the
 * ratios. It is also a soak test of the request handling: every upload must be answered within 60
 * s; one that is not stops the run with thread dumps of the service and of the benchmark (kept
 * under {@code target/shift-bench-*}) and exit status 3. Run with {@code scripts/bench shift
 * [rounds]} (default 50, so 400 files of each kind).
 */
public final class ShiftBench {
  private static final long MIB = 1024 * 1024;
  private static final int STATIONS = 8;

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "shift-bench-");
    boolean keep = false;
    try (EmbeddedServices services = new EmbeddedServices(dir.resolve("backing"))) {
      Map<String, String> settings = new HashMap<>(services.startPostgres());
      settings.putAll(services.startS3());
      Process app = IngestBench.startApp(settings, dir);
      try {
        MinioClient direct = IngestBench.sdkClient(settings, settings.get("custodia.s3.endpoint"));
        direct.makeBucket(MakeBucketArgs.builder().bucket("bench-direct").build());
        IngestBench.Fixture f = new IngestBench.Fixture();
        System.out.printf(
            "shift benchmark: %d rounds of %d concurrent uploads of 1-8 MiB (same files, same S3"
                + " server)%n",
            rounds, STATIONS);
        ExecutorService pool = Executors.newFixedThreadPool(STATIONS);
        try {
          run(pool, 2, 0, (size, seed) -> IngestBench.directPut(direct, size, seed)); // warm-up
          run(pool, 2, 0, f::upload);
          Result d =
              run(pool, rounds, 1_000, (size, seed) -> IngestBench.directPut(direct, size, seed));
          for (int seed = 1_000; seed < 1_000 + rounds * STATIONS; seed++) {
            f.hashAhead(size(seed), seed);
          }
          Result s = run(pool, rounds, 1_000, f::upload);
          if (s == null) {
            keep = true;
            dumpThreads(app, dir);
            System.out.println("an upload got no answer within 60 s; thread dumps in " + dir);
            System.exit(3);
          }
          System.out.printf(
              "%-22s %8s %8s %9s %9s%n", "case", "files/s", "MB/s", "p50 ms", "p99 ms");
          String row = "%-22s %8.1f %8.1f %9.0f %9.0f%n";
          System.out.printf(row, "direct SDK PUT", d.filesPerSecond, d.mbPerSecond, d.p50, d.p99);
          System.out.printf(row, "tus client", s.filesPerSecond, s.mbPerSecond, s.p50, s.p99);
          System.out.printf(
              "ratio tus/direct: files/s %.2f, p50 %.2f (%d files each, none unanswered)%n",
              s.filesPerSecond / d.filesPerSecond, d.p50 / s.p50, rounds * STATIONS);
          BenchHttp.ratio("shift-files-per-second-tus/direct", s.filesPerSecond / d.filesPerSecond);
        } finally {
          pool.shutdownNow();
        }
      } finally {
        app.destroy();
        app.waitFor();
      }
    } finally {
      if (!keep) {
        BenchHttp.deleteTree(dir);
      }
    }
  }

  interface Upload {
    void send(long size, int seed) throws Exception;
  }

  record Result(double filesPerSecond, double mbPerSecond, double p50, double p99) {}

  /** Runs the rounds; null when an upload was not answered within 60 s. */
  static Result run(ExecutorService pool, int rounds, int firstSeed, Upload upload)
      throws Exception {
    double[] millis = new double[rounds * STATIONS];
    long bytes = 0;
    int seed = firstSeed;
    long start = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      List<Future<Double>> files = new ArrayList<>();
      for (int i = 0; i < STATIONS; i++) {
        int s = seed++;
        long size = size(s);
        bytes += size;
        files.add(
            pool.submit(
                () -> {
                  long t = System.nanoTime();
                  upload.send(size, s);
                  return (System.nanoTime() - t) / 1e6;
                }));
      }
      for (int i = 0; i < STATIONS; i++) {
        try {
          millis[r * STATIONS + i] = files.get(i).get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          return null;
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(millis);
    return new Result(
        millis.length / seconds,
        bytes / 1e6 / seconds,
        millis[millis.length / 2],
        millis[(int) Math.ceil(millis.length * 0.99) - 1]);
  }

  /** Every size from 1 to 8 MiB in turn, never a whole MiB. */
  static long size(int seed) {
    return (1 + seed % 8) * MIB + seed;
  }

  static void dumpThreads(Process app, Path dir) throws Exception {
    String jstack = Path.of(System.getProperty("java.home"), "bin", "jstack").toString();
    new ProcessBuilder(jstack, String.valueOf(app.pid()))
        .redirectOutput(dir.resolve("service.jstack").toFile())
        .start()
        .waitFor();
    new ProcessBuilder(jstack, String.valueOf(ProcessHandle.current().pid()))
        .redirectOutput(dir.resolve("bench.jstack").toFile())
        .start()
        .waitFor();
  }
}
