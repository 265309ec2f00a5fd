package org.custodia.config.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded default: a real PostgreSQL from embedded binaries and a real S3 server, both keeping
 * their data under the data directory. Used by {@code scripts/run} (through {@link
 * org.custodia.config.CustodiaMain}) and by the tests; with a JDBC URL and an S3 endpoint
 * configured, none of this runs.
 */
public final class EmbeddedServices implements AutoCloseable {
  private final Path dataDir;
  private EmbeddedPostgres postgres;
  private EmbeddedS3 s3;

  public EmbeddedServices(Path dataDir) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
  }

  /**
   * Starts PostgreSQL (data under {@code <dataDir>/postgres}) and returns its JDBC settings. A
   * server an earlier, killed run left on the data directory is stopped first.
   */
  public Map<String, String> startPostgres() {
    try {
      Path pgData = dataDir.resolve("postgres");
      Files.createDirectories(pgData);
      LeftoverPostgres.stop(pgData);
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setPort(freePort())
              .setServerConfig("max_connections", "200")
              // the embedded binaries default to fsync off and asynchronous commit: an archive
              // must not lose an acknowledged commit, so both are switched back on
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
    Map<String, String> config = new LinkedHashMap<>();
    config.put("quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"));
    config.put("quarkus.datasource.username", "postgres");
    config.put("quarkus.datasource.password", "postgres");
    return config;
  }

  /** Starts S3Proxy (objects under {@code <dataDir>/s3}) and returns the S3 settings. */
  public Map<String, String> startS3() {
    Path jar = locateS3ProxyJar();
    byte[] secret = new byte[20];
    new SecureRandom().nextBytes(secret);
    s3 =
        new EmbeddedS3(
            jar, dataDir.resolve("s3"), freePort(), "custodia", HexFormat.of().formatHex(secret));
    s3.start();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("custodia.s3.endpoint", s3.endpoint());
    config.put("custodia.s3.access-key", s3.accessKey());
    config.put("custodia.s3.secret-key", s3.secretKey());
    return config;
  }

  public Optional<EmbeddedS3> s3() {
    return Optional.ofNullable(s3);
  }

  @Override
  public void close() {
    if (s3 != null) {
      s3.close();
      s3 = null;
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
      }
      postgres = null;
    }
  }

  /**
   * The S3Proxy jar is copied next to the build by Maven ({@code target/embedded/s3proxy.jar});
   * {@code custodia.embedded.s3proxy-jar} or {@code CUSTODIA_EMBEDDED_S3PROXY_JAR} may name it.
   */
  static Path locateS3ProxyJar() {
    String named =
        Optional.ofNullable(System.getProperty("custodia.embedded.s3proxy-jar"))
            .orElse(System.getenv("CUSTODIA_EMBEDDED_S3PROXY_JAR"));
    if (named != null && !named.isBlank()) {
      return Path.of(named);
    }
    for (Path candidate :
        new Path[] {
          appHome().resolve("../embedded/s3proxy.jar"), Path.of("target/embedded/s3proxy.jar"),
        }) {
      if (Files.isRegularFile(candidate)) {
        return candidate.normalize();
      }
    }
    throw new IllegalStateException(
        "embedded S3 server jar not found; build with ./mvnw package or set"
            + " CUSTODIA_S3_ENDPOINT to use an external S3 server");
  }

  private static Path appHome() {
    try {
      Path source =
          Path.of(
              EmbeddedServices.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // fast-jar: target/quarkus-app/app/custodia.jar -> target/quarkus-app
      return source.getParent() == null ? Path.of(".") : source.getParent().getParent();
    } catch (Exception e) {
      return Path.of(".");
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
