package org.custodia.config.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL on its own: who may connect, where it keeps things, how it starts. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EmbeddedPostgresTest {
  private final List<AutoCloseable> started = new ArrayList<>();
  private Path dataDir;

  @BeforeEach
  void freshDataDirectory() throws Exception {
    Files.createDirectories(Path.of("target"));
    dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pg-test-");
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (AutoCloseable c : started.reversed()) {
      c.close();
    }
  }

  @Test
  void only_the_generated_password_kept_owner_only_in_the_data_directory_lets_a_client_in()
      throws Exception {
    Map<String, String> config = start(dataDir);
    Path file = dataDir.resolve("keys/postgres-password");
    String password = config.get("quarkus.datasource.password");

    assertThat(Files.readString(file).strip()).isEqualTo(password).hasSizeGreaterThan(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(password).isNotEqualTo("postgres");

    assertRefused(config, null);
    assertRefused(config, "");
    assertRefused(config, "postgres");
    assertRefused(config, password + "x");
    try (Connection c = connect(config, password)) {
      assertThat(query(c, "SELECT 1")).isEqualTo("1");
      // no rule lets anyone in without the password, over TCP or the socket
      assertThat(query(c, "SELECT string_agg(DISTINCT auth_method, ',') FROM pg_hba_file_rules"))
          .isEqualTo("scram-sha-256");
      assertThat(query(c, "SELECT count(*) FROM pg_hba_file_rules WHERE error IS NOT NULL"))
          .isEqualTo("0");
      assertThat(query(c, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
    }
  }

  @Test
  void it_listens_on_127_0_0_1_only() throws Exception {
    Map<String, String> config = start(dataDir);
    int port = port(config);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
    }
    Optional<InetAddress> external =
        NetworkInterface.networkInterfaces()
            .filter(i -> !isLoopback(i))
            .flatMap(NetworkInterface::inetAddresses)
            .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
            .findFirst();
    if (external.isPresent()) {
      try (Socket s = new Socket()) {
        assertThatThrownBy(() -> s.connect(new InetSocketAddress(external.get(), port), 5_000))
            .isInstanceOf(java.io.IOException.class);
      }
    }
  }

  @Test
  void the_password_is_kept_and_works_again_after_a_restart() throws Exception {
    EmbeddedServices first = new EmbeddedServices(dataDir);
    String password = first.startPostgres().get("quarkus.datasource.password");
    first.close();

    Map<String, String> again = start(dataDir);
    assertThat(again.get("quarkus.datasource.password")).isEqualTo(password);
    try (Connection c = connect(again, password)) {
      assertThat(query(c, "SELECT 1")).isEqualTo("1");
    }
    assertRefused(again, null);
  }

  @Test
  void a_data_directory_made_by_an_earlier_version_without_a_password_gets_one_and_keeps_its_data()
      throws Exception {
    // what earlier versions made: initdb with trust for everyone on the machine, no password
    Path pgData = dataDir.resolve("postgres");
    Files.createDirectories(pgData);
    try (EmbeddedPostgres old =
        EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(dataDir.resolve("old-binaries").toFile())
            .setDataDirectory(pgData)
            .setCleanDataDirectory(false)
            .start()) {
      try (Connection c = old.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('from before')");
      }
    }
    assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).contains("trust");
    assertThat(dataDir.resolve("keys/postgres-password")).doesNotExist();

    Map<String, String> config = start(dataDir);
    String password = Files.readString(dataDir.resolve("keys/postgres-password")).strip();
    assertThat(config.get("quarkus.datasource.password")).isEqualTo(password);
    assertRefused(config, null);
    assertRefused(config, "postgres");
    try (Connection c = connect(config, password)) {
      assertThat(query(c, "SELECT v FROM kept")).isEqualTo("from before");
      assertThat(query(c, "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method = 'trust'"))
          .isEqualTo("0");
    }
  }

  @Test
  void its_binaries_socket_and_log_stay_in_the_data_directory() throws Exception {
    Map<String, String> config = start(dataDir);
    Path runtime = dataDir.resolve("postgres-runtime");
    long postmaster = postmasterPid(dataDir);
    assertThat(Files.readSymbolicLink(Path.of("/proc", String.valueOf(postmaster), "exe")))
        .startsWith(runtime);
    assertThat(runtime.resolve(".s.PGSQL." + port(config))).exists();
    assertThat(runtime.resolve("postgres.log")).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(runtime)))
        .isEqualTo("rwx------");
    try (Connection c = connect(config, config.get("quarkus.datasource.password"))) {
      assertThat(query(c, "SHOW unix_socket_directories")).isEqualTo(runtime.toString());
    }
  }

  @Test
  void a_stale_postmaster_pid_naming_another_live_process_does_not_block_the_start()
      throws Exception {
    EmbeddedServices first = new EmbeddedServices(dataDir);
    first.startPostgres();
    first.close();
    // a killed server's pid file, its pid since taken by an unrelated process
    Process unrelated = new ProcessBuilder("sleep", "600").start();
    try {
      Path pgData = dataDir.resolve("postgres");
      Files.writeString(
          pgData.resolve("postmaster.pid"),
          unrelated.pid()
              + "\n"
              + pgData
              + "\n1700000000\n5432\n\n127.0.0.1\n  1234567         0\nready   \n");

      Map<String, String> config = start(dataDir);
      try (Connection c = connect(config, config.get("quarkus.datasource.password"))) {
        assertThat(query(c, "SELECT 1")).isEqualTo("1");
      }
      assertThat(unrelated.isAlive()).isTrue();
    } finally {
      unrelated.destroyForcibly().waitFor();
    }
  }

  @Test
  void a_data_directory_a_running_server_uses_is_not_taken_from_it() throws Exception {
    Map<String, String> config = start(dataDir);
    long postmaster = postmasterPid(dataDir);

    EmbeddedServices second = new EmbeddedServices(dataDir);
    assertThatThrownBy(second::startPostgres).hasStackTraceContaining("in use");

    assertThat(ProcessHandle.of(postmaster)).hasValueSatisfying(p -> assertThat(p.isAlive()));
    try (Connection c = connect(config, config.get("quarkus.datasource.password"))) {
      assertThat(query(c, "SELECT 1")).isEqualTo("1");
    }
  }

  private Map<String, String> start(Path dir) {
    EmbeddedServices services = new EmbeddedServices(dir);
    started.add(services);
    return services.startPostgres();
  }

  static long postmasterPid(Path dataDir) throws Exception {
    return Long.parseLong(
        Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
  }

  private static int port(Map<String, String> config) {
    String url = config.get("quarkus.datasource.jdbc.url");
    return Integer.parseInt(url.replaceAll("^.*:(\\d+)/.*$", "$1"));
  }

  private static boolean isLoopback(NetworkInterface i) {
    try {
      return i.isLoopback() || !i.isUp();
    } catch (Exception e) {
      return true;
    }
  }

  private static Connection connect(Map<String, String> config, String password)
      throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    if (password != null) {
      props.setProperty("password", password);
    }
    return DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"), props);
  }

  private static void assertRefused(Map<String, String> config, String password) {
    assertThatThrownBy(() -> connect(config, password).close())
        .as("connecting with password %s", password == null ? "(none)" : "(wrong)")
        .isInstanceOf(SQLException.class)
        .satisfies(
            e ->
                assertThat(((SQLException) e).getSQLState())
                    .isIn("28P01", "08004", "28000")); // auth failed / no password given
  }

  private static String query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }
}
