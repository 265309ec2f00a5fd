package org.custodia.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.custodia.config.CustodiaConfig;
import org.custodia.keys.KeyStoreFile;
import org.custodia.keys.ServiceKeys;

/**
 * Limits login attempts per user+address (maxFailures per window) and per address (four times that
 * by default), so that neither one account nor a whole unit's accounts can be guessed at speed.
 *
 * <p>The counts live in the database ({@link LoginThrottleRepository}), shared by every instance,
 * so an attempt spread over instances behind a load balancer meets the same limit. An attempt is
 * counted before its password is checked, with both keys' rows locked: attempts racing on several
 * instances are counted one after the other, and no more than the limit get through to the check. A
 * success takes its count back (the user's are cleared, the address's one removed), so only
 * failures stay counted, as they always did. Keys are stored as HMAC-SHA256 under a key of the data
 * directory ({@code keys/login-throttle-hmac.key}, which instances share as they share the
 * access-token key): the typed username and the address never reach the table.
 */
@ApplicationScoped
public class LoginThrottle {
  static final int KEY_BYTES = 32;

  private final LoginThrottleRepository counts;
  private final SecretKeySpec hmacKey;
  private final int maxFailures;
  private final int maxFailuresPerAddress;
  private final Duration window;

  /**
   * An attempt: counted ({@link #allowed()}), or refused for {@code retryAfterSeconds} and not
   * counted.
   */
  public record Attempt(byte[] userKey, byte[] addressKey, Instant at, long retryAfterSeconds) {
    public boolean allowed() {
      return retryAfterSeconds == 0;
    }
  }

  @Inject
  LoginThrottle(LoginThrottleRepository counts, CustodiaConfig config, ServiceKeys keys) {
    this(
        counts,
        keys.secret(KeyStoreFile.LOGIN_THROTTLE_HMAC, "login-throttle-hmac.key", KEY_BYTES),
        config.security().login().maxFailures(),
        config.security().login().maxFailuresPerAddress(),
        config.security().login().window());
  }

  LoginThrottle(
      LoginThrottleRepository counts,
      byte[] hmacKey,
      int maxFailures,
      int maxFailuresPerAddress,
      Duration window) {
    this.counts = counts;
    this.hmacKey = new SecretKeySpec(hmacKey, "HmacSHA256");
    this.maxFailures = maxFailures;
    this.maxFailuresPerAddress = maxFailuresPerAddress;
    this.window = window;
  }

  /**
   * Counts an attempt of {@code username} from {@code address} unless the user at that address or
   * the address has reached its limit in the window (its own transaction, committed on return).
   */
  public Attempt begin(String username, String address) {
    byte[] user = key("u:" + username + "|" + address);
    byte[] addr = key("a:" + address);
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              // rows locked in one order on every instance, so two attempts cannot deadlock
              boolean userFirst = Arrays.compareUnsigned(user, addr) < 0;
              LoginThrottleRepository.Counted first = counts.lock(userFirst ? user : addr, window);
              LoginThrottleRepository.Counted second = counts.lock(userFirst ? addr : user, window);
              LoginThrottleRepository.Counted ofUser = userFirst ? first : second;
              LoginThrottleRepository.Counted ofAddress = userFirst ? second : first;
              Instant now = ofUser.now();
              long wait =
                  Math.max(
                      waitNanos(ofUser.attempts(), maxFailures, now),
                      waitNanos(ofAddress.attempts(), maxFailuresPerAddress, now));
              if (wait > 0) {
                return new Attempt(
                    user, addr, now, Math.max(1, Duration.ofNanos(wait).toSeconds()));
              }
              counts.count(user, window);
              counts.count(addr, window);
              return new Attempt(user, addr, now, 0);
            });
  }

  /** The attempt succeeded: the user's failures at that address are cleared, its count undone. */
  public void succeeded(Attempt attempt) {
    counts.delete(attempt.userKey());
    counts.takeBack(attempt.addressKey(), attempt.at());
  }

  @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void deleteStale() {
    counts.deleteStale(window);
  }

  /** Nanoseconds until fewer than {@code max} of {@code attempts} lie within the window. */
  private long waitNanos(List<Instant> attempts, int max, Instant now) {
    if (attempts.size() < max) {
      return 0;
    }
    Instant lapses = attempts.get(attempts.size() - max).plus(window);
    return Math.max(1, Duration.between(now, lapses).toNanos());
  }

  private byte[] key(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(hmacKey);
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
