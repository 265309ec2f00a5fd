package org.custodia.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.custodia.config.embedded.EmbeddedServices;
import org.custodia.testing.LargeCase;
import org.custodia.testing.PackagedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * A case of more than 2 GiB of originals is exported by the packaged service running in its own JVM
 * with its heap capped at 128 MiB (see docs/exports.md, "Memory"): the package is built, streamed
 * down through SHA-256 and verified by the offline verifier jar in its own 64 MiB JVM. The service
 * must not run out of memory, nor survive by thrashing: it runs with {@code
 * -XX:+ExitOnOutOfMemoryError} and a GC log, in which no full collection may appear (other than the
 * one this test asks for to measure the idle heap) and no collection may leave the heap more than
 * 90 % full.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExportLargeIT {
  /** 128 MiB: see docs/exports.md, "Memory" ({@code -Dcustodia.it.export-heap} to try others). */
  static final String HEAP = System.getProperty("custodia.it.export-heap", "128m");

  private static final long MIB = 1024 * 1024;

  /** Three originals, 2,176 MiB in all (> 2 GiB, so sizes and offsets pass 2^31). */
  private static final long[] SIZES = sizes();

  private static final String PASSWORD = "it-admin-" + UUID.randomUUID();

  private static EmbeddedServices services;
  private static Map<String, String> settings;
  private static Path dataDir;
  private static Process app;

  private static long[] sizes() {
    long total = Long.getLong("custodia.it.export-size", 2176 * MIB);
    return new long[] {total / 2 + 12_345, total / 4, total - total / 2 - total / 4 - 12_345};
  }

  @BeforeAll
  static void startServices() throws Exception {
    Files.createDirectories(Path.of("target"));
    dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-export-");
    services = new EmbeddedServices(dataDir.resolve("backing"));
    settings = new HashMap<>(services.startPostgres());
    settings.putAll(services.startS3());
  }

  @AfterAll
  static void stopServices() throws Exception {
    if (app != null) {
      app.destroyForcibly();
      app.waitFor();
    }
    if (services != null) {
      services.close();
    }
    deleteTree(dataDir); // gigabytes of objects, the package and its download
  }

  @Test
  void a_case_of_more_than_2_gib_exports_with_a_128_mib_heap_and_verifies_offline()
      throws Exception {
    Path gcLog = dataDir.resolve("gc.log");
    app =
        PackagedApp.start(
            settings,
            dataDir.resolve("app"),
            PackagedApp.freePort(),
            PASSWORD,
            HEAP,
            List.of("-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog),
            Map.of());
    LargeCase c = new LargeCase(PASSWORD);
    // the idle heap: what is live after a full collection once the service has served requests
    jcmd("GC.run");
    Heap idle = Heap.of(gcLog);
    System.out.printf("EXPORT-IT idle live heap %d MiB of %s%n", idle.lastAfterMiB(), HEAP);

    int uploadFrom = lines(gcLog);
    List<UUID> records = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < SIZES.length; i++) {
      records.add(c.upload(300 + i, SIZES[i]));
      total += SIZES[i];
    }
    for (UUID id : records) {
      c.awaitReceipt(id, Duration.ofMinutes(2));
    }

    int exportFrom = lines(gcLog);
    UUID export = UUID.fromString(c.request().getString("id"));
    c.approve(export);
    JsonPath ready = c.awaitState(export, "READY", Duration.ofMinutes(15));
    assertThat(ready.getLong("progress.bytesDone")).isEqualTo(total);
    assertThat(ready.getInt("progress.filesDone")).isEqualTo(SIZES.length);
    long size = ready.getLong("size");
    assertThat(size).isGreaterThan(total);

    int downloadFrom = lines(gcLog);
    Path zip = dataDir.resolve("package.zip");
    LargeCase.Downloaded got = c.download(export, zip);
    assertThat(got.size()).isEqualTo(size);
    assertThat(got.sha256()).isEqualTo(ready.getString("sha256"));

    // the service is alive, never ran out of memory and never had to collect the whole heap
    assertThat(app.isAlive()).as("the service exited (OutOfMemoryError?)").isTrue();
    try (Stream<Path> logs = Files.list(dataDir.resolve("app"))) {
      for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
        assertThat(Files.readString(log)).as(log.toString()).doesNotContain("OutOfMemoryError");
      }
    }
    Files.copy(gcLog, Path.of("target/ExportLargeIT-gc.log"), StandardCopyOption.REPLACE_EXISTING);
    int end = lines(gcLog);
    phase("upload", Heap.of(gcLog, uploadFrom, exportFrom));
    phase("export", Heap.of(gcLog, exportFrom, downloadFrom));
    phase("download", Heap.of(gcLog, downloadFrom, end));
    Heap heap = Heap.of(gcLog, uploadFrom, end);
    System.out.printf(
        "EXPORT-IT %d MiB exported: %d collections, heap at most %d MiB before a collection and"
            + " %d MiB after one, of %d MiB; full collections other than the requested one: %d%n",
        total / MIB,
        heap.collections(),
        heap.maxBeforeMiB(),
        heap.maxAfterMiB(),
        heap.capacityMiB(),
        heap.fullCollections());
    assertThat(heap.collections()).isGreaterThan(1);
    assertThat(heap.fullCollections()).as("full collections (the heap ran short)").isZero();
    long cap = Long.parseLong(HEAP.replace("m", ""));
    assertThat(heap.maxAfterMiB()).as("heap left after a collection").isLessThan(cap * 9 / 10);

    // the offline verifier in its own small JVM, as scripts/verify runs it
    Path report = dataDir.resolve("verify.txt");
    Process verifier =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-jar",
                new File("target/custodia-verify.jar").getAbsolutePath(),
                zip.toString())
            .redirectErrorStream(true)
            .redirectOutput(report.toFile())
            .start();
    assertThat(verifier.waitFor(15, TimeUnit.MINUTES)).isTrue();
    String text = Files.readString(report);
    assertThat(verifier.exitValue()).as(text).isZero();
    assertThat(text).contains("VERIFIED").doesNotContain("NOT VERIFIED");
    for (UUID id : records) {
      assertThat(text).contains("data/originals/" + id + ".bin: receipt hashes");
    }
    Files.delete(zip);
  }

  private static int lines(Path log) throws Exception {
    return Files.readAllLines(log).size();
  }

  private static void phase(String name, Heap h) {
    System.out.printf(
        "EXPORT-IT %-8s %3d collections (%d full), heap at most %d MiB before and %d MiB after one%n",
        name, h.collections(), h.fullCollections(), h.maxBeforeMiB(), h.maxAfterMiB());
  }

  private static void jcmd(String command) throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(app.pid()),
                command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  /** The collections of a unified GC log ({@code -Xlog:gc}). */
  record Heap(
      int collections,
      int fullCollections,
      long maxBeforeMiB,
      long maxAfterMiB,
      long lastAfterMiB,
      long capacityMiB) {
    private static final Pattern PAUSE =
        Pattern.compile("Pause (\\w+).*? (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    static Heap of(Path log) throws Exception {
      return of(log, 0, Integer.MAX_VALUE);
    }

    /** The collections logged on lines [from, to). */
    static Heap of(Path log, int from, int to) throws Exception {
      List<String> lines = Files.readAllLines(log);
      int n = 0;
      int full = 0;
      long before = 0;
      long after = 0;
      long last = 0;
      long capacity = 0;
      for (String line : lines.subList(Math.min(from, lines.size()), Math.min(to, lines.size()))) {
        Matcher m = PAUSE.matcher(line);
        if (!m.find()) {
          continue;
        }
        n++;
        if (m.group(1).equals("Full")
            && !line.contains("(Diagnostic Command)")
            && !line.contains("(System.gc())")) {
          full++;
        }
        before = Math.max(before, mib(m.group(2), m.group(3)));
        last = mib(m.group(4), m.group(5));
        after = Math.max(after, last);
        capacity = Math.max(capacity, mib(m.group(6), m.group(7)));
      }
      return new Heap(n, full, before, after, last, capacity);
    }

    private static long mib(String value, String unit) {
      long v = Long.parseLong(value);
      return switch (unit) {
        case "K" -> v / 1024;
        case "G" -> v * 1024;
        default -> v;
      };
    }
  }

  private static void deleteTree(Path dir) throws Exception {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
