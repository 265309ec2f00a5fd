package org.custodia.config.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
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
   * Starts PostgreSQL and returns its JDBC settings. Everything it keeps is under the data
   * directory: the cluster in {@code postgres/}, its binaries, socket and log in {@code
   * postgres-runtime/} (owner-only), the superuser's password in {@code keys/postgres-password}
   * (owner-only, generated on the first start). It listens on 127.0.0.1 only and lets nobody in
   * without the password. A server an earlier, killed run left on the data directory is stopped
   * first.
   */
  public Map<String, String> startPostgres() {
    Path pgData = dataDir.resolve("postgres");
    Path runtime = dataDir.resolve("postgres-runtime");
    Path log = runtime.resolve("postgres.log");
    try {
      Files.createDirectories(pgData);
      ownerOnlyDirectory(runtime);
      LeftoverPostgres.stop(pgData);
      boolean fresh = !Files.exists(pgData.resolve("postgresql.conf"));
      PostgresAccess access = PostgresAccess.load(dataDir.resolve("keys/postgres-password"));
      // zonky makes its scratch directory writable by all: it stays inside the owner-only one
      Path scratch = runtime.resolve("binaries");
      Binaries binaries = new Binaries(scratch);
      postgres =
          builderIn(scratch)
              .setOverrideWorkingDirectory(scratch.toFile())
              .setPgBinaryResolver(binaries)
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setPort(freePort())
              // recovery after a crash may take longer than the default 10 s
              .setPGStartupWait(Duration.ofSeconds(60))
              // the server's own output goes to its log, not the console
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setConnectConfig("password", access.password())
              .setDataDirectoryCustomizer(dir -> access.apply(pgData, binaries.directory(), fresh))
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("unix_socket_directories", socketDirectory(runtime))
              .setServerConfig("password_encryption", "scram-sha-256")
              .setServerConfig("max_connections", "200")
              // the embedded binaries default to fsync off and asynchronous commit: an archive
              // must not lose an acknowledged commit, so both are switched back on
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .start();
      Map<String, String> config = new LinkedHashMap<>();
      config.put(
          "quarkus.datasource.jdbc.url",
          "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
      config.put("quarkus.datasource.username", "postgres");
      config.put("quarkus.datasource.password", access.password());
      return config;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot start the embedded PostgreSQL (data: " + pgData + ")" + tail(log), e);
    }
  }

  /**
   * A builder whose scratch directory is {@code scratch}: zonky takes it from a system property
   * when the builder is made, and would otherwise use the system's temporary directory.
   */
  private static EmbeddedPostgres.Builder builderIn(Path scratch) {
    synchronized (EmbeddedServices.class) {
      String key = "ot.epg.working-dir";
      String previous = System.getProperty(key);
      System.setProperty(key, scratch.toString());
      try {
        return EmbeddedPostgres.builder();
      } finally {
        if (previous == null) {
          System.clearProperty(key);
        } else {
          System.setProperty(key, previous);
        }
      }
    }
  }

  /**
   * The socket goes next to the binaries when its path fits (a Unix socket path has at most 107
   * bytes) and needs no quoting (pg_ctl hands server options through a shell); otherwise the server
   * has no socket, which the service does not use.
   */
  static String socketDirectory(Path runtime) {
    String dir = runtime.toString();
    boolean fits = (dir + "/.s.PGSQL.65535").getBytes(StandardCharsets.UTF_8).length <= 107;
    return fits && dir.matches("[A-Za-z0-9/._+-]+") ? dir : "";
  }

  private static void ownerOnlyDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException notPosix) {
      // the file system's own permissions apply
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return "; last lines of its log "
          + log
          + ":\n  "
          + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /**
   * The embedded binaries, unpacked under the data directory: remembers the digest zonky names
   * their directory by, so the password can be set with them before the server starts. Equal only
   * to itself, so zonky's per-resolver cache never points one data directory at another's.
   */
  private static final class Binaries implements PgBinaryResolver {
    private final Path workDir;
    private volatile String archiveDigest;

    Binaries(Path workDir) {
      this.workDir = workDir;
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
      InputStream archive =
          DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
      MessageDigest md5;
      try {
        md5 = MessageDigest.getInstance("MD5");
      } catch (NoSuchAlgorithmException e) {
        throw new IOException(e);
      }
      return new DigestInputStream(archive, md5) {
        @Override
        public void close() throws IOException {
          super.close();
          if (archiveDigest == null) { // zonky closes it twice
            archiveDigest = HexFormat.of().formatHex(md5.digest());
          }
        }
      };
    }

    Path directory() {
      if (archiveDigest == null) {
        throw new IllegalStateException("the embedded PostgreSQL binaries were not unpacked");
      }
      Path dir = workDir.resolve("PG-" + archiveDigest);
      if (!Files.isRegularFile(dir.resolve("bin/postgres"))) {
        throw new IllegalStateException("no PostgreSQL binaries in " + dir);
      }
      return dir;
    }
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
