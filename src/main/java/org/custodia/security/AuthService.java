package org.custodia.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;

/**
 * A user's own credentials: logging in with username and password for an access token (throttled
 * per user and address, every refusal audited), reading one's account, changing one's password.
 */
@ApplicationScoped
public class AuthService {
  private final AccountRepository accounts;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final LoginThrottle throttle;
  private final DenialRecorder denials;
  private final AuditService audit;
  private final Caller caller;
  private final BrowserSessionService sessions;
  private final Counter throttled;
  private final Counter refused;

  AuthService(
      AccountRepository accounts,
      PasswordHasher hasher,
      TokenService tokens,
      LoginThrottle throttle,
      DenialRecorder denials,
      AuditService audit,
      Caller caller,
      BrowserSessionService sessions,
      MeterRegistry metrics) {
    this.sessions = sessions;
    this.accounts = accounts;
    this.hasher = hasher;
    this.tokens = tokens;
    this.throttle = throttle;
    this.denials = denials;
    this.audit = audit;
    this.caller = caller;
    this.throttled =
        Counter.builder("custodia.login.refused")
            .tag("reason", "throttled")
            .description("logins refused: throttled (429) or wrong credentials (401)")
            .register(metrics);
    this.refused =
        Counter.builder("custodia.login.refused")
            .tag("reason", "credentials")
            .description("logins refused: throttled (429) or wrong credentials (401)")
            .register(metrics);
  }

  /**
   * Checks the password and issues an access token. Runs outside any transaction, so no connection
   * is held while the password is hashed; refusals and the login event are each written in their
   * own transaction (a refusal must be recorded although the request fails).
   */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public TokenService.AccessToken login(String typedUsername, String password) {
    User user = authenticate(typedUsername, password, "/api/v1/auth/login");
    QuarkusTransaction.requiringNew().run(() -> audit.append(loginEvent(user, "auth.login", null)));
    return tokens.issue(user);
  }

  /**
   * Signs in through the web UI's sign-in page: the same checks, throttling and audit as {@link
   * #login}, then a browser session instead of a token.
   */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public BrowserSessionService.Opened openBrowserSession(
      String typedUsername, String password, String path) {
    User user = authenticate(typedUsername, password, path);
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              BrowserSessionService.Opened opened = sessions.open(user);
              audit.append(
                  loginEvent(
                      user,
                      "auth.login",
                      Map.of("via", "browser", "session", opened.id().toString())));
              return opened;
            });
  }

  /** Signs out of the web UI: ends the browser session of {@code token} (audited). */
  @Transactional
  public void closeBrowserSession(String token) {
    UUID session = caller.sessionId();
    if (sessions.close(token) && caller.authenticated()) {
      audit.record(
          "auth.logout",
          AuditEvent.Target.of("user", caller.id()),
          session == null
              ? Map.of("via", "browser")
              : Map.of("via", "browser", "session", session.toString()));
    }
  }

  private User authenticate(String typedUsername, String password, String path) {
    String username = typedUsername.trim().toLowerCase(Locale.ROOT);
    String address = caller.address() == null ? "unknown" : caller.address();
    LoginThrottle.Attempt attempt = throttle.begin(username, address);
    if (!attempt.allowed()) {
      throttled.increment();
      denials.loginRefused("throttled", null, path);
      throw new TooManyAttemptsException(attempt.retryAfterSeconds());
    }
    User user = accounts.userByName(username).orElse(null);
    boolean ok = hasher.verify(password, user == null ? null : user.passwordHash());
    if (!ok || !user.enabled()) {
      // the attempt stays counted: a failure
      refused.increment();
      denials.loginRefused(
          user == null ? "unknown-user" : !ok ? "wrong-password" : "disabled",
          user == null ? null : user.id().toString(),
          path);
      throw new CustodiaException(
          ProblemType.INVALID_CREDENTIALS,
          "username or password is wrong, or the account is disabled");
    }
    throttle.succeeded(attempt);
    return user;
  }

  private AuditEvent loginEvent(User user, String type, Map<String, Object> details) {
    return new AuditEvent(
        AuditEvent.VERSION,
        type,
        new AuditEvent.Actor("USER", user.id().toString(), caller.address()),
        user.role().name(),
        user.unitId() == null ? null : user.unitId().toString(),
        AuditEvent.Target.of("user", user.id()),
        Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
        caller.requestId(),
        details);
  }

  /** The authenticated user's account. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public User me() {
    return accounts.userById(caller.id()).orElseThrow(() -> CustodiaException.notFound("user"));
  }

  /**
   * Changes the caller's password; tokens issued before stop working and every browser session of
   * the user ends (in this transaction).
   */
  @Transactional
  public void changePassword(String currentPassword, String newPassword) {
    User user =
        accounts.userById(caller.id()).orElseThrow(() -> CustodiaException.notFound("user"));
    if (!hasher.verify(currentPassword, user.passwordHash())) {
      throw new CustodiaException(
          ProblemType.WRONG_CURRENT_PASSWORD, "the current password is wrong", "currentPassword");
    }
    accounts.updatePassword(user.id(), hasher.hash(newPassword), Instant.now());
    // every browser session of the user ends with the old password (tokens: the pwc claim)
    sessions.endAllOf(user.id());
    audit.record("user.password-changed", AuditEvent.Target.of("user", user.id()), null);
  }
}
