package org.custodia.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.custodia.config.CustodiaConfig;
import org.custodia.support.Ids;

/**
 * Browser sessions of the web UI. The cookie carries 256 random bits; the database keeps only their
 * SHA-256, the user, the password the session was opened for (as access tokens carry it), a
 * per-session CSRF token, and created / last-seen / expiry times. A session is usable while it is
 * neither expired (absolute lifetime) nor idle (no request for the idle timeout), its user is
 * enabled, and the user's password is still the one it was opened for; all of that is checked on
 * every request. Last-seen is written at most once per {@code touch-every}, so that the many range
 * requests of a video player do not each write a row.
 */
@ApplicationScoped
public class BrowserSessionService {
  private final BrowserSessionRepository sessions;
  private final AccountRepository accounts;
  private final Duration idle;
  private final Duration lifetime;
  private final Duration touchEvery;
  private final SecureRandom random = new SecureRandom();

  BrowserSessionService(
      BrowserSessionRepository sessions, AccountRepository accounts, CustodiaConfig config) {
    this.sessions = sessions;
    this.accounts = accounts;
    this.idle = config.security().session().idleTimeout();
    this.lifetime = config.security().session().lifetime();
    this.touchEvery = config.security().session().touchEvery();
  }

  /** A new session: the cookie's token (shown only now) and the session's CSRF token. */
  public record Opened(UUID id, String token, String csrfToken, Instant expiresAt) {}

  /** A usable session and its user, as read for the current request. */
  public record Active(UUID id, User user, String csrfToken) {}

  /** Opens a session for {@code user} (as just authenticated). */
  @Transactional
  public Opened open(User user) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String token = secret();
    String csrf = secret();
    UUID id = Ids.newId();
    Instant expires = now.plus(lifetime);
    sessions.insert(
        new BrowserSessionRepository.Row(
            id, user.id(), TokenService.micros(user.passwordChangedAt()), csrf, now, now, expires),
        hash(token));
    return new Opened(id, token, csrf, expires);
  }

  /**
   * The session of {@code token} when it is still usable; moves its last-seen forward when that is
   * older than {@code touch-every}. A session found unusable is deleted.
   */
  @Transactional
  public Optional<Active> resolve(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Optional.empty();
    }
    BrowserSessionRepository.Row row = sessions.byTokenHash(hash(token)).orElse(null);
    if (row == null) {
      return Optional.empty();
    }
    Instant now = Instant.now();
    User user = accounts.userById(row.userId()).orElse(null);
    if (!now.isBefore(row.expiresAt())
        || !now.isBefore(row.lastSeenAt().plus(idle))
        || user == null
        || !user.enabled()
        || row.passwordStamp() != TokenService.micros(user.passwordChangedAt())) {
      sessions.delete(row.id());
      return Optional.empty();
    }
    if (!now.isBefore(row.lastSeenAt().plus(touchEvery))) {
      sessions.touch(row.id(), now.truncatedTo(ChronoUnit.MICROS));
    }
    return Optional.of(new Active(row.id(), user, row.csrfToken()));
  }

  /** Ends the session of {@code token} (sign-out); false when there was none. */
  @Transactional
  public boolean close(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return false;
    }
    return sessions
        .byTokenHash(hash(token))
        .map(row -> sessions.delete(row.id()) == 1)
        .orElse(false);
  }

  /** Ends every browser session of {@code userId}, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public int endAllOf(UUID userId) {
    return sessions.deleteAllOf(userId);
  }

  /** Deletes sessions that can no longer be used; returns how many. */
  @Transactional
  public int purgeStale() {
    Instant now = Instant.now();
    return sessions.deleteStale(now, now.minus(idle));
  }

  private String secret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] hash(String token) {
    return TokenService.sha256(token.getBytes(StandardCharsets.US_ASCII));
  }
}
