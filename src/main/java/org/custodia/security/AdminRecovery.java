package org.custodia.security;

import io.smallrye.config.WithDefault;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditQueue;
import org.custodia.config.CustodiaConfig;
import org.custodia.config.embedded.EmbeddedServices;
import org.custodia.support.Ids;

/**
 * Gives back administrator access when no one can log in as an administrator any more (every admin
 * disabled or demoted by SQL, or the only admin's password lost): makes one account an enabled
 * ADMIN with a new random password, printed once, and records {@code user.recovered} in the audit
 * log. The account is the one named (default {@code admin}), created when it does not exist. Its
 * tokens issued before stop working (the password changed), and its browser sessions end.
 *
 * <p>Run by {@code scripts/admin-recover}, on the database by JDBC URL, or on the embedded
 * default's data directory (the service must be stopped: the embedded PostgreSQL runs inside it).
 */
public final class AdminRecovery {
  private AdminRecovery() {}

  /** What a recovery did. */
  public record Recovered(UUID id, String username, boolean created, String password) {}

  /**
   * Makes {@code username} an enabled administrator with a new random password, in one transaction
   * on {@code c}, audited.
   */
  public static Recovered recover(Connection c, String username, PasswordHasher hasher)
      throws SQLException {
    String password = AdminBootstrap.randomPassword();
    String hash = hasher.hash(password);
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      Instant now = Instant.now();
      UUID id = null;
      try (PreparedStatement ps =
          c.prepareStatement("SELECT id FROM app_user WHERE username = ? FOR UPDATE")) {
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            id = rs.getObject(1, UUID.class);
          }
        }
      }
      boolean created = id == null;
      if (created) {
        id = Ids.newId();
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO app_user (id, username, password_hash, role, unit_id, enabled,"
                    + " created_at, password_changed_at) VALUES (?, ?, ?, 'ADMIN', NULL, true, ?, ?)")) {
          ps.setObject(1, id);
          ps.setString(2, username);
          ps.setString(3, hash);
          ps.setTimestamp(4, Timestamp.from(now));
          ps.setTimestamp(5, Timestamp.from(now));
          ps.executeUpdate();
        }
      } else {
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE app_user SET role = 'ADMIN', enabled = true, password_hash = ?,"
                    + " password_changed_at = ? WHERE id = ?")) {
          ps.setString(1, hash);
          ps.setTimestamp(2, Timestamp.from(now));
          ps.setObject(3, id);
          ps.executeUpdate();
        }
        // the new password ends every browser session of the account, in this transaction
        try (PreparedStatement ps =
            c.prepareStatement("DELETE FROM browser_session WHERE user_id = ?")) {
          ps.setObject(1, id);
          ps.executeUpdate();
        }
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("role", Role.ADMIN.name());
      details.put("created", created);
      details.put("via", "admin-recover");
      details.put("osUser", String.valueOf(System.getProperty("user.name")));
      AuditQueue.enqueue(
          c,
          new AuditEvent(
              AuditEvent.VERSION,
              "user.recovered",
              new AuditEvent.Actor("SYSTEM", null, null),
              null,
              null,
              AuditEvent.Target.of("user", id),
              now.truncatedTo(ChronoUnit.MILLIS).toString(),
              UUID.randomUUID().toString(),
              details));
      c.commit();
      return new Recovered(id, username, created, password);
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /**
   * {@code AdminRecovery [--username admin] [--url jdbc:postgresql://… --user u --password p |
   * --data-dir dir]}; defaults from {@code QUARKUS_DATASOURCE_JDBC_URL}, {@code
   * QUARKUS_DATASOURCE_USERNAME}, {@code QUARKUS_DATASOURCE_PASSWORD} and {@code
   * CUSTODIA_DATA_DIR}; without a URL, the embedded PostgreSQL of the data directory is started.
   */
  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Exit 0: recovered (the password is on {@code out}); 2: nothing changed. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String url = env.get("QUARKUS_DATASOURCE_JDBC_URL");
    String user = env.get("QUARKUS_DATASOURCE_USERNAME");
    String password = env.get("QUARKUS_DATASOURCE_PASSWORD");
    String dataDir = env.getOrDefault("CUSTODIA_DATA_DIR", "./data");
    String username = AdminBootstrap.ADMIN_USERNAME;
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        err.println("missing value after " + args[i]);
        return 2;
      }
      switch (args[i]) {
        case "--url" -> url = value;
        case "--user" -> user = value;
        case "--password" -> password = value;
        case "--data-dir" -> dataDir = value;
        case "--username" -> username = value.trim().toLowerCase(Locale.ROOT);
        default -> {
          err.println("unknown argument " + args[i]);
          return 2;
        }
      }
    }
    if (!username.matches("[a-z0-9][a-z0-9._-]{1,62}")) {
      err.println("not a valid username: " + username);
      return 2;
    }
    EmbeddedServices embedded = null;
    try {
      if (url == null || url.isBlank()) {
        Path pg = Path.of(dataDir).resolve("postgres");
        if (!Files.isRegularFile(pg.resolve("PG_VERSION"))) {
          err.println(
              "no database: pass --url, set QUARKUS_DATASOURCE_JDBC_URL, or --data-dir of a"
                  + " Custodia data directory (none at "
                  + pg.toAbsolutePath()
                  + ")");
          return 2;
        }
        embedded = new EmbeddedServices(Path.of(dataDir));
        Map<String, String> jdbc;
        try {
          jdbc = embedded.startPostgres();
        } catch (RuntimeException e) {
          err.println(
              "cannot start the embedded PostgreSQL of "
                  + Path.of(dataDir).toAbsolutePath()
                  + " (is the service running on it? stop it first): "
                  + e.getMessage());
          return 2;
        }
        url = jdbc.get("quarkus.datasource.jdbc.url");
        user = jdbc.get("quarkus.datasource.username");
        password = jdbc.get("quarkus.datasource.password");
      }
      try (Connection c = DriverManager.getConnection(url, user, password)) {
        Recovered r = recover(c, username, hasher(env));
        out.printf(
            "%n==== Custodia admin recovery: user '%s' %s, an enabled ADMIN, with password:%n"
                + "password: %s%n"
                + "==== Keep it now: it will not be shown again. Earlier tokens of this user no"
                + " longer work.%n%n",
            r.username(), r.created() ? "created" : "restored", r.password());
        return 0;
      }
    } catch (SQLException | RuntimeException e) {
      err.println("cannot recover: " + e.getMessage());
      return 2;
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  /**
   * The service's Argon2 parameters: its defaults, or the {@code CUSTODIA_SECURITY_ARGON2_*} set.
   */
  private static PasswordHasher hasher(Map<String, String> env) {
    return new PasswordHasher(
        argon2(env, "memoryKib", "MEMORY_KIB"),
        argon2(env, "iterations", "ITERATIONS"),
        argon2(env, "parallelism", "PARALLELISM"));
  }

  private static int argon2(Map<String, String> env, String method, String suffix) {
    String given = env.get("CUSTODIA_SECURITY_ARGON2_" + suffix);
    if (given != null && !given.isBlank()) {
      return Integer.parseInt(given.trim());
    }
    try {
      return Integer.parseInt(
          CustodiaConfig.Security.Argon2.class
              .getMethod(method)
              .getAnnotation(WithDefault.class)
              .value());
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }
}
