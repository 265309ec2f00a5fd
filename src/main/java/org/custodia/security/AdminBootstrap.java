package org.custodia.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.config.CustodiaConfig;
import org.custodia.support.Ids;
import org.jboss.logging.Logger;

/**
 * On the first start of an empty database, creates user {@code admin} (role ADMIN) with the
 * password from {@code CUSTODIA_BOOTSTRAP_ADMIN_PASSWORD}, or a random one printed once to the
 * console. Claimed through a one-row table, so it runs once in the life of the database even when
 * several instances start together.
 */
@Singleton
public class AdminBootstrap {
  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
  public static final String ADMIN_USERNAME = "admin";

  private final AccountRepository accounts;
  private final PasswordHasher hasher;
  private final AuditService audit;
  private final CustodiaConfig config;

  AdminBootstrap(
      AccountRepository accounts,
      PasswordHasher hasher,
      AuditService audit,
      CustodiaConfig config) {
    this.accounts = accounts;
    this.hasher = hasher;
    this.audit = audit;
    this.config = config;
  }

  void onStart(@Observes @Priority(10) StartupEvent event) {
    bootstrap();
  }

  /** Runs the bootstrap if it never ran; returns whether it created the admin now. */
  public boolean bootstrap() {
    if (accounts.countUsers() > 0) {
      return false;
    }
    String given = config.bootstrapAdminPassword().filter(p -> !p.isBlank()).orElse(null);
    String password = given != null ? given : randomPassword();
    String hash = hasher.hash(password);
    boolean created =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  UUID id = Ids.newId();
                  if (accounts.countUsers() > 0 || !accounts.claimBootstrap(id)) {
                    return false;
                  }
                  Instant now = Instant.now();
                  accounts.insertUser(
                      new User(id, ADMIN_USERNAME, hash, Role.ADMIN, null, true, now, now));
                  audit.recordSystem(
                      "user.bootstrapped",
                      AuditEvent.Target.of("user", id),
                      Map.of(
                          "role",
                          Role.ADMIN.name(),
                          "passwordSource",
                          given != null ? "configured" : "generated"));
                  return true;
                });
    if (created) {
      if (given == null) {
        // printed once, to the console only: never written to the log files or the database
        System.out.printf(
            "%n==== Custodia first start: created user '%s' with password: %s%n"
                + "==== Keep it now: it will not be shown again.%n%n",
            ADMIN_USERNAME, password);
      }
      LOG.infof("bootstrap: created the first administrator '%s'", ADMIN_USERNAME);
    }
    return created;
  }

  /** 144 random bits, base64url: a password shown once. */
  static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
