package org.custodia.bench;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.custodia.config.embedded.EmbeddedServices;

/**
 * Streaming and media benchmark against the packaged service ({@code target/quarkus-app}, built
 * first when missing) running as a child process on this benchmark's own embedded PostgreSQL and S3
 * server, so both paths read the same object from the same store in the same run:
 *
 * <ul>
 *   <li>32 concurrent ranged readers (4 MiB ranges at random offsets of a 1 GiB original) through
 *       {@code GET /api/v1/evidence/{id}/content}, against 32 readers doing the same ranged GETs
 *       directly on S3 with the MinIO SDK: time to first byte p50/p99, MB/s, ratio; and through
 *       {@link BareRelay}, a relay that does nothing but forward (the ceiling for any relay here);
 *   <li>media processing of generated clips (queue → probe → poster → sprite sheet → review copy →
 *       stored): a 10 s 640×360 H.264/AAC MP4 (stream copy) and a 60 s 1280×720 30 fps H.265/AAC
 *       MP4 (transcoded to H.264), each step's time as the service records it (the derived files'
 *       {@code elapsedMs}, fetch/probe/store from its DEBUG timing line), against the ffmpeg CLI
 *       doing the equivalent work in the same run, one thread each.
 * </ul>
 *
 * <p>{@code scripts/bench media [seconds-per-phase] [readers] [stream-only|media-only]}
 */
public final class MediaBench {
  private static final long GIB = 1L << 30;
  private static final long RANGE = 4L << 20;
  private static final String PASSWORD = "bench-admin-password-1";

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int readers = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    String only = args.length > 2 ? args[2] : "";
    if (!List.of("", "stream-only", "media-only").contains(only)) {
      throw new IllegalArgumentException("third argument: stream-only or media-only, not " + only);
    }
    Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar) || Boolean.getBoolean("bench.package")) {
      System.out.println("packaging the service…");
      run("./mvnw", "-q", "-B", "-DskipTests", "package");
    }
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "media-bench-");
    try (EmbeddedServices services = new EmbeddedServices(dir)) {
      Map<String, String> db = services.startPostgres();
      Map<String, String> s3 = services.startS3();
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-Xmx512m",
                  "--add-opens=java.base/sun.security.provider=ALL-UNNAMED"));
      for (Map<String, String> m : List.of(db, s3)) {
        m.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
      }
      cmd.addAll(
          List.of(
              "-Dquarkus.http.port=" + port,
              "-Dcustodia.data-dir=" + dir.resolve("app"),
              "-Dcustodia.bootstrap-admin-password=" + PASSWORD,
              "-Dcustodia.media.poll-interval=100ms",
              "-Dquarkus.log.level=WARN",
              // the per-job timing line (fetch, probe, each derived file, store)
              "-Dquarkus.log.category.\"org.custodia.media.MediaProcessor\".level=DEBUG",
              "-jar",
              jar.toString()));
      Process app =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("app.log").toFile())
              .start();
      try {
        String base = "http://127.0.0.1:" + port;
        HttpClient http =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        waitReady(http, base, app, dir);
        String token = login(http, base);
        if (!only.equals("media-only")) {
          streaming(s3, db, base, token, seconds, readers);
        }
        if (!only.equals("stream-only")) {
          media(http, base, token, db, dir.resolve("app.log"));
        }
      } finally {
        app.destroy();
        app.waitFor();
      }
    } finally {
      BenchHttp.deleteTree(dir); // the 1 GiB original, the database
    }
  }

  /** 1 GiB original stored directly in S3, read in ranges through /content and directly. */
  private static void streaming(
      Map<String, String> s3,
      Map<String, String> db,
      String base,
      String token,
      int seconds,
      int readers)
      throws Exception {
    MinioClient minio =
        MinioClient.builder()
            .endpoint(s3.get("custodia.s3.endpoint"))
            .credentials(s3.get("custodia.s3.access-key"), s3.get("custodia.s3.secret-key"))
            .httpClient(BenchHttp.unthrottled())
            .build();
    String bucket = "custodia-evidence";
    String key = "originals/bench/" + UUID.randomUUID();
    long t0 = System.nanoTime();
    byte[] block = new byte[1 << 20];
    new Random(1).nextBytes(block);
    try (InputStream in = repeating(block, GIB)) {
      minio.putObject(
          PutObjectArgs.builder().bucket(bucket).object(key).stream(in, GIB, 16L << 20).build());
    }
    System.out.printf("1 GiB original stored in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    UUID id = UUID.randomUUID();
    try (Connection c =
        DriverManager.getConnection(
            db.get("quarkus.datasource.jdbc.url"),
            db.get("quarkus.datasource.username"),
            db.get("quarkus.datasource.password"))) {
      UUID unit = UUID.randomUUID();
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO unit (id, code, name) VALUES (?,?,?)")) {
        ps.setObject(1, unit);
        ps.setString(2, "BENCH");
        ps.setString(3, "bench");
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO evidence (id, unit_id, sha256, sm3, size, content_type, kind, object_key)"
                  + " VALUES (?,?,?,?,?,?,?,?)")) {
        ps.setObject(1, id);
        ps.setObject(2, unit);
        ps.setBytes(3, new byte[32]);
        ps.setBytes(4, new byte[32]);
        ps.setLong(5, GIB);
        ps.setString(6, "video/mp4");
        ps.setString(7, "VIDEO");
        ps.setString(8, key);
        ps.executeUpdate();
      }
    }
    System.out.printf(
        "cores %d, %d readers, %d s per phase, %d MiB ranges%n",
        Runtime.getRuntime().availableProcessors(), readers, seconds, RANGE >> 20);
    String url = base + "/api/v1/evidence/" + id + "/content";
    // the same HTTP client (OkHttp, which the MinIO SDK uses) on both paths
    okhttp3.OkHttpClient ok =
        new okhttp3.OkHttpClient.Builder()
            .connectionPool(
                new okhttp3.ConnectionPool(readers, 5, java.util.concurrent.TimeUnit.MINUTES))
            .build();
    Result warm = phase(readers, 3, r -> viaService(ok, url, token, r));
    Result direct = phase(readers, seconds, r -> viaS3(minio, bucket, key, r));
    Result service = phase(readers, seconds, r -> viaService(ok, url, token, r));
    Result bare;
    try (BareRelay.Handle relay = BareRelay.start(s3.get("custodia.s3.endpoint"))) {
      MinioClient viaRelay =
          MinioClient.builder()
              .endpoint(relay.endpoint())
              .credentials(s3.get("custodia.s3.access-key"), s3.get("custodia.s3.secret-key"))
              .httpClient(BenchHttp.unthrottled())
              .build();
      phase(readers, 3, r -> viaS3(viaRelay, bucket, key, r));
      bare = phase(readers, seconds, r -> viaS3(viaRelay, bucket, key, r));
    }
    System.out.println("direct S3 ranged GET:   " + direct);
    System.out.println("through /content:       " + service);
    System.out.println("S3 GET via bare relay:  " + bare);
    // each as a ratio where 1 means "as good as direct S3" (the target is >= 0.9)
    System.out.printf(
        "ratios service/direct: throughput %.2f; TTFB p50 %.2f, p99 %.2f (direct TTFB ÷ service"
            + " TTFB)%n",
        service.mbps() / direct.mbps(),
        direct.p50Ms() / service.p50Ms(),
        direct.p99Ms() / service.p99Ms());
    // what any relay costs on this machine, and what the service adds to it
    System.out.printf(
        "ratios bare relay/direct: throughput %.2f; service/bare relay: throughput %.2f, TTFB p50"
            + " %.2f%n",
        bare.mbps() / direct.mbps(), service.mbps() / bare.mbps(), bare.p50Ms() / service.p50Ms());
    BenchHttp.ratio("stream-throughput-service/direct", service.mbps() / direct.mbps());
    BenchHttp.ratio("stream-throughput-service/relay", service.mbps() / bare.mbps());
    BenchHttp.ratio("stream-ttfb-p50-direct/service", direct.p50Ms() / service.p50Ms());
    if (warm.bytes() < 0) {
      throw new IllegalStateException();
    }
  }

  interface Reader {
    /** Reads one range starting at {@code first}; returns nanoseconds to the first byte. */
    long read(long first) throws Exception;
  }

  record Result(double p50Ms, double p99Ms, double mbps, long requests, long bytes) {
    @Override
    public String toString() {
      return String.format(
          "TTFB p50 %.1f ms, p99 %.1f ms; %.0f MB/s; %d requests", p50Ms, p99Ms, mbps, requests);
    }
  }

  private static Result phase(int readers, int seconds, Reader reader) throws Exception {
    ConcurrentLinkedQueue<Long> ttfb = new ConcurrentLinkedQueue<>();
    AtomicLong bytes = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < readers; i++) {
      Thread t =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      while (System.nanoTime() < end) {
                        long first = ThreadLocalRandom.current().nextLong(GIB / RANGE) * RANGE;
                        ttfb.add(reader.read(first));
                        bytes.addAndGet(RANGE);
                      }
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  });
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] sorted = ttfb.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Result(
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
        bytes.get() / elapsed / 1e6,
        sorted.length,
        bytes.get());
  }

  private static long drain(InputStream in, long t0) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long first = -1;
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      if (first < 0 && n > 0) {
        first = System.nanoTime() - t0;
      }
      total += n;
    }
    if (total != RANGE) {
      throw new IOException("short read " + total);
    }
    return first;
  }

  private static long viaS3(MinioClient minio, String bucket, String key, long first)
      throws Exception {
    long t0 = System.nanoTime();
    try (InputStream in =
        minio.getObject(
            GetObjectArgs.builder()
                .bucket(bucket)
                .object(key)
                .offset(first)
                .length(RANGE)
                .build())) {
      return drain(in, t0);
    }
  }

  private static long viaService(okhttp3.OkHttpClient http, String url, String token, long first)
      throws Exception {
    long t0 = System.nanoTime();
    okhttp3.Request request =
        new okhttp3.Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + token)
            .header("Range", "bytes=" + first + "-" + (first + RANGE - 1))
            .build();
    try (okhttp3.Response r = http.newCall(request).execute()) {
      if (r.code() != 206) {
        throw new IOException("status " + r.code());
      }
      try (InputStream in = r.body().byteStream()) {
        return drain(in, t0);
      }
    }
  }

  /** A generated clip: its name in the output, length, CLI arguments, and how it is uploaded. */
  private record Clip(Path file, String label, int seconds, String contentType, boolean copy) {}

  /**
   * Clips through the service's media worker vs the ffmpeg CLI doing the same work on the same file
   * in the same run, one thread each. The H.264 clip goes first, so it also pays for loading the
   * FFmpeg natives into the service.
   */
  private static void media(
      HttpClient http, String base, String token, Map<String, String> db, Path appLog)
      throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "media-bench-clips-");
    long g0 = System.nanoTime();
    Clip h264 =
        new Clip(
            dir.resolve("h264-360p-10s.mp4"),
            "10 s 640x360 30 fps H.264/AAC",
            10,
            "video/mp4",
            true);
    run(
        "ffmpeg",
        "-y",
        "-v",
        "error",
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=640x360:rate=30:duration=10",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:sample_rate=48000:duration=10",
        "-c:v",
        "libx264",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
        h264.file().toString());
    Clip h265 =
        new Clip(
            dir.resolve("h265-720p-60s.mp4"),
            "60 s 1280x720 30 fps H.265/AAC",
            60,
            "video/mp4",
            false);
    run(
        "ffmpeg",
        "-y",
        "-v",
        "error",
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=1280x720:rate=30:duration=60",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:sample_rate=48000:duration=60",
        "-c:v",
        "libx265",
        "-preset",
        "veryfast",
        "-x265-params",
        "log-level=error",
        "-pix_fmt",
        "yuv420p",
        "-tag:v",
        "hvc1",
        "-c:a",
        "aac",
        h265.file().toString());
    System.out.printf(
        "%nmedia: clips generated in %.0f s (%s %d KiB, %s %d KiB)%n",
        (System.nanoTime() - g0) / 1e9,
        h264.file().getFileName(),
        Files.size(h264.file()) >> 10,
        h265.file().getFileName(),
        Files.size(h265.file()) >> 10);
    String cliVersion =
        output("ffmpeg", "-version").lines().findFirst().orElse("?").replaceAll(" Copyright.*", "");
    boolean cliOpenh264 = output("ffmpeg", "-hide_banner", "-encoders").contains("libopenh264");
    System.out.printf(
        "1 worker, FFmpeg on 1 thread in the service (JavaCV, LGPL FFmpeg build, H.264 by"
            + " openh264) and in the CLI (%s, H.264 by libx264%s)%n",
        cliVersion, cliOpenh264 ? " and libopenh264" : "; no libopenh264 in this build");
    System.out.println("load average before: " + loadAverage());
    for (Clip clip : List.of(h264, h265)) {
      UUID evidence = upload(http, base, token, clip.file(), clip.contentType());
      double job = jobSeconds(db, evidence);
      Map<String, Map<String, Object>> derived = derived(db, evidence);
      Map<String, Long> steps = timings(appLog, evidence);
      double poster = millis(derived, "THUMBNAIL") / 1000.0;
      double sprite = millis(derived, "SPRITE") / 1000.0;
      double review = millis(derived, "REVIEW_COPY") / 1000.0;
      double probe = steps.getOrDefault("probeMs", -1L) / 1000.0;
      Map<String, Object> reviewParams = derived.get("REVIEW_COPY");
      double fetch = steps.getOrDefault("fetchMs", -1L) / 1000.0;
      double store = steps.getOrDefault("storeMs", -1L) / 1000.0;
      System.out.printf(
          "%n  %s (%s):%n    service: job %.2f s in the queue = fetch %.2f + probe %.2f%s + poster"
              + " %.2f + sprite %.2f (%s tiles) + review copy %.2f (%s) + store %.2f + claim and"
              + " record %.2f%n",
          clip.file().getFileName(),
          clip.label(),
          job,
          fetch,
          probe,
          clip == h264 ? " (first job: loads the FFmpeg natives)" : "",
          poster,
          sprite,
          derived.get("SPRITE").get("count"),
          review,
          reviewParams.get("mode")
              + (clip.copy()
                  ? ""
                  : String.format(
                      ", openh264 %.0f Mbit/s",
                      ((Number) reviewParams.get("videoBitRate")).doubleValue() / 1e6)),
          store,
          job - fetch - probe - poster - sprite - review - store);
      System.out.printf(
          "             probe+poster %.2f s, +sprite %.2f s; review copy %.2f s = %.1fx real time"
              + " (FFmpeg %s)%n",
          probe + poster,
          probe + poster + sprite,
          review,
          clip.seconds() / review,
          reviewParams.get("ffmpeg"));

      Cli cli = cli(clip, dir, derived.get("SPRITE"));
      System.out.printf(
          "    ffmpeg CLI: probe+poster %.2f s, +sprite %.2f s; review copy (%s) %.2f s = %.1fx"
              + " real time%n",
          cli.probePoster(),
          cli.probePoster() + cli.sprite(),
          clip.copy() ? "stream copy" : "libx264 veryfast, 2 Mbit/s, GOP 2 s, 1 thread",
          cli.review(),
          clip.seconds() / cli.review());
      if (!clip.copy() && cliOpenh264) {
        double openh264 = cliTranscode(clip, dir, "libopenh264");
        System.out.printf(
            "    ffmpeg CLI, libopenh264: review copy %.2f s = %.1fx real time; speed ratio"
                + " service/CLI %.2f%n",
            openh264, clip.seconds() / openh264, openh264 / review);
      }
      System.out.printf(
          "    speed ratio service/CLI (above 1: the service is faster): probe+poster %.2f,"
              + " review copy %.2f%n",
          cli.probePoster() / (probe + poster), cli.review() / review);
    }
    System.out.println("load average after: " + loadAverage());
  }

  private static String loadAverage() throws IOException {
    String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return l[0] + " " + l[1] + " " + l[2] + " (1/5/15 min)";
  }

  /** The ffmpeg CLI's times for the same work: probe+poster, sprite sheet, review copy. */
  private record Cli(double probePoster, double sprite, double review) {}

  private static Cli cli(Clip clip, Path dir, Map<String, Object> sprite) throws Exception {
    String in = clip.file().toString();
    long t0 = System.nanoTime();
    Process probe =
        new ProcessBuilder("ffprobe", "-v", "error", "-show_format", "-show_streams", in)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (probe.waitFor() != 0) {
      throw new IllegalStateException("ffprobe failed on " + in);
    }
    run(
        "ffmpeg",
        "-y",
        "-v",
        "error",
        "-threads",
        "1",
        "-ss",
        "1",
        "-i",
        in,
        "-frames:v",
        "1",
        "-vf",
        "scale='min(640,iw)':-2",
        dir.resolve("p.jpg").toString());
    double probePoster = (System.nanoTime() - t0) / 1e9;
    // the same layout as the service's sheet: one frame per interval, 160 px wide, 10 to a row
    long t1 = System.nanoTime();
    run(
        "ffmpeg",
        "-y",
        "-v",
        "error",
        "-threads",
        "1",
        "-filter_threads",
        "1",
        "-i",
        in,
        "-an",
        "-vf",
        "fps=1000/"
            + sprite.get("intervalMs")
            + ",scale=160:-2,tile="
            + sprite.get("columns")
            + "x"
            + sprite.get("rows"),
        "-frames:v",
        "1",
        dir.resolve("s.jpg").toString());
    double spriteSeconds = (System.nanoTime() - t1) / 1e9;
    double review;
    if (clip.copy()) {
      long t2 = System.nanoTime();
      run(
          "ffmpeg",
          "-y",
          "-v",
          "error",
          "-i",
          in,
          "-c",
          "copy",
          "-movflags",
          "+faststart",
          dir.resolve("r.mp4").toString());
      review = (System.nanoTime() - t2) / 1e9;
    } else {
      review = cliTranscode(clip, dir, "libx264");
    }
    return new Cli(probePoster, spriteSeconds, review);
  }

  /** The service's transcode with the CLI: H.264 2 Mbit/s, GOP 2 s, AAC 128 kbit/s, 1 thread. */
  private static double cliTranscode(Clip clip, Path dir, String encoder) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "ffmpeg",
                "-y",
                "-v",
                "error",
                "-threads",
                "1",
                "-i",
                clip.file().toString(),
                "-c:v",
                encoder));
    if (encoder.equals("libx264")) {
      cmd.addAll(List.of("-preset", "veryfast"));
    }
    cmd.addAll(
        List.of(
            "-threads",
            "1",
            "-b:v",
            "2M",
            "-g",
            "60",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-b:a",
            "128k",
            "-movflags",
            "+faststart",
            dir.resolve("r.mp4").toString()));
    long t0 = System.nanoTime();
    run(cmd.toArray(String[]::new));
    return (System.nanoTime() - t0) / 1e9;
  }

  private static long millis(Map<String, Map<String, Object>> derived, String kind) {
    Map<String, Object> p = derived.get(kind);
    if (p == null || !(p.get("elapsedMs") instanceof Number n)) {
      throw new IllegalStateException("no " + kind + " with elapsedMs: " + derived);
    }
    return n.longValue();
  }

  /** Each derived file's parameters, by kind, as the service recorded them. */
  private static Map<String, Map<String, Object>> derived(Map<String, String> db, UUID evidence)
      throws Exception {
    Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    try (Connection c =
            DriverManager.getConnection(
                db.get("quarkus.datasource.jdbc.url"),
                db.get("quarkus.datasource.username"),
                db.get("quarkus.datasource.password"));
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT kind, parameters::text FROM evidence_derived WHERE evidence_id = ?")) {
      ps.setObject(1, evidence);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(
              rs.getString(1),
              json.readValue(
                  rs.getString(2),
                  new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {}));
        }
      }
    }
    return out;
  }

  /** The service's DEBUG timing line of the job: fetchMs, probeMs, storeMs and per file. */
  private static Map<String, Long> timings(Path appLog, UUID evidence) throws Exception {
    java.util.regex.Pattern line =
        java.util.regex.Pattern.compile("media timings evidence=" + evidence + " (.*)");
    long deadline = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < deadline) {
      for (String l : Files.readAllLines(appLog)) {
        java.util.regex.Matcher m = line.matcher(l);
        if (m.find()) {
          Map<String, Long> out = new java.util.LinkedHashMap<>();
          for (String kv : m.group(1).strip().split(" ")) {
            String[] p = kv.split("=");
            out.put(p[0], Long.parseLong(p[1]));
          }
          return out;
        }
      }
      Thread.sleep(100);
    }
    System.out.println("    (no timing line in " + appLog + ")");
    return Map.of();
  }

  private static String output(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }

  private static UUID upload(HttpClient http, String base, String token, Path file, String type)
      throws Exception {
    // creation-with-upload: one request carries the whole clip
    byte[] bytes = Files.readAllBytes(file);
    String sha =
        java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    UUID officer = officer(http, base, token);
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("filename", file.getFileName().toString());
    fields.put("contentType", type);
    fields.put("officerId", officer.toString());
    fields.put("sha256", sha);
    String meta = org.custodia.testing.UnitFixture.tusMetadata(fields);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/uploads"))
                .header("Authorization", "Bearer " + token)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(bytes.length))
                .header("Upload-Metadata", meta)
                .header("Content-Type", "application/offset+octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String id =
        r.headers()
            .firstValue("Custodia-Evidence-Id")
            .orElseThrow(
                () -> new IllegalStateException("upload: " + r.statusCode() + " " + r.body()));
    return UUID.fromString(id);
  }

  private static UUID officerId;

  private static UUID officer(HttpClient http, String base, String token) throws Exception {
    if (officerId == null) {
      String unit =
          post(
              http,
              base + "/api/v1/units",
              token,
              "{\"code\":\"MB" + System.nanoTime() % 100000 + "\",\"name\":\"bench\"}");
      String body =
          "{\"unitId\":\""
              + unit
              + "\",\"name\":\"bench\",\"auxiliary\":false,\"certificateNo\":\"B1\",\"certificateStatus\":\"GREEN\","
              + "\"certificateValidFrom\":\"2020-01-01\",\"certificateValidUntil\":\"2099-01-01\"}";
      officerId = UUID.fromString(post(http, base + "/api/v1/officers", token, body));
    }
    return officerId;
  }

  private static String post(HttpClient http, String url, String token, String json)
      throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(r.body());
    if (!m.find()) {
      throw new IllegalStateException(url + ": " + r.statusCode() + " " + r.body());
    }
    return m.group(1);
  }

  private static double jobSeconds(Map<String, String> db, UUID evidence) throws Exception {
    long deadline = System.currentTimeMillis() + 300_000;
    try (Connection c =
        DriverManager.getConnection(
            db.get("quarkus.datasource.jdbc.url"),
            db.get("quarkus.datasource.username"),
            db.get("quarkus.datasource.password"))) {
      while (System.currentTimeMillis() < deadline) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT state, last_error, extract(epoch FROM finished_at - updated_at), "
                    + " extract(epoch FROM finished_at - created_at) FROM media_job WHERE evidence_id = ?")) {
          ps.setObject(1, evidence);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next() && rs.getString(1).equals("SUCCEEDED")) {
              return rs.getDouble(4);
            }
            if (rs.getRow() > 0
                && (rs.getString(1).equals("FAILED") || rs.getString(1).equals("DEAD"))) {
              throw new IllegalStateException("job " + rs.getString(1) + ": " + rs.getString(2));
            }
          }
        }
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("media job did not finish");
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("failed: " + String.join(" ", cmd));
    }
  }

  private static void waitReady(HttpClient http, String base, Process app, Path dir)
      throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      if (!app.isAlive()) {
        throw new IllegalStateException("service exited; see " + dir.resolve("app.log"));
      }
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("service not ready; see " + dir.resolve("app.log"));
  }

  private static String login(HttpClient http, String base) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(r.body());
    if (!m.find()) {
      throw new IllegalStateException("login: " + r.statusCode() + " " + r.body());
    }
    return m.group(1);
  }

  /** {@code length} bytes made of {@code block} repeated, generated on the fly. */
  private static InputStream repeating(byte[] block, long length) {
    return new InputStream() {
      long pos;

      @Override
      public int read() {
        return pos < length ? block[(int) (pos++ % block.length)] & 0xFF : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos >= length) {
          return -1;
        }
        int at = (int) (pos % block.length);
        int n = (int) Math.min(Math.min(len, block.length - at), length - pos);
        System.arraycopy(block, at, b, off, n);
        pos += n;
        return n;
      }
    };
  }
}
