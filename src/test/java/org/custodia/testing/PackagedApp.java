package org.custodia.testing;

import io.restassured.RestAssured;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The packaged service ({@code target/quarkus-app}) as a separate process, pointed at a given
 * PostgreSQL and S3 server (settings as returned by {@code EmbeddedServices}): used by the *IT
 * tests and the benchmarks that must kill, restart or cap the heap of the real thing.
 */
public final class PackagedApp {
  private PackagedApp() {}

  /**
   * Starts the service and waits until {@code /q/health/ready} answers 200; points RestAssured at
   * it.
   */
  public static Process start(
      Map<String, String> settings, Path dataDir, int port, String adminPassword, String heap)
      throws Exception {
    return start(settings, dataDir, port, adminPassword, heap, List.of(), Map.of());
  }

  /**
   * As {@link #start(Map, Path, int, String, String)}, with more JVM options (GC log, exit on
   * OutOfMemoryError) and more environment (service settings such as {@code CUSTODIA_EXPORT_*}).
   */
  public static Process start(
      Map<String, String> settings,
      Path dataDir,
      int port,
      String adminPassword,
      String heap,
      List<String> jvmOptions,
      Map<String, String> moreEnv)
      throws Exception {
    return start(
        dataDir,
        port,
        adminPassword,
        heap,
        jvmOptions,
        env -> {
          env.putAll(moreEnv);
          env.put("QUARKUS_DATASOURCE_JDBC_URL", settings.get("quarkus.datasource.jdbc.url"));
          env.put("QUARKUS_DATASOURCE_USERNAME", settings.get("quarkus.datasource.username"));
          env.put("QUARKUS_DATASOURCE_PASSWORD", settings.get("quarkus.datasource.password"));
          env.put("CUSTODIA_S3_ENDPOINT", settings.get("custodia.s3.endpoint"));
          env.put("CUSTODIA_S3_ACCESS_KEY", settings.get("custodia.s3.access-key"));
          env.put("CUSTODIA_S3_SECRET_KEY", settings.get("custodia.s3.secret-key"));
        });
  }

  /**
   * Starts the service on its embedded default, as {@code scripts/run} does: no database URL and no
   * S3 endpoint, so it starts its own PostgreSQL and S3 server under {@code dataDir}.
   */
  public static Process startEmbedded(Path dataDir, int port, String adminPassword, String heap)
      throws Exception {
    return start(
        dataDir,
        port,
        adminPassword,
        heap,
        List.of(),
        env ->
            env.keySet()
                .removeIf(k -> k.startsWith("QUARKUS_DATASOURCE") || k.startsWith("CUSTODIA_S3")));
  }

  private static Process start(
      Path dataDir,
      int port,
      String adminPassword,
      String heap,
      List<String> jvmOptions,
      Consumer<Map<String, String>> services)
      throws Exception {
    Files.createDirectories(dataDir);
    Path log = dataDir.resolve("app-" + System.nanoTime() + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.addAll(jvmOptions);
    command.add("--add-opens=java.base/sun.security.provider=ALL-UNNAMED");
    command.add("-jar");
    command.add(new File("target/quarkus-app/quarkus-run.jar").getAbsolutePath());
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    services.accept(env);
    env.put("CUSTODIA_DATA_DIR", dataDir.toString());
    env.put("CUSTODIA_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
    env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
    RestAssured.baseURI = "http://localhost";
    RestAssured.port = port;
    Process process = pb.start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("service exited; see " + log);
      }
      try {
        if (RestAssured.given().get("/q/health/ready").statusCode() == 200) {
          return process;
        }
      } catch (Exception notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    process.destroyForcibly();
    throw new IllegalStateException("service not ready in 90 s; see " + log);
  }

  public static int freePort() throws Exception {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
