package org.custodia.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.custodia.config.CustodiaConfig;

/**
 * Limits failed logins per user+address (maxFailures per window) and per address (four times that),
 * so that neither one account nor a whole unit's accounts can be guessed at speed. Kept per
 * instance: behind a load balancer with N instances the effective limit is at most N times higher.
 */
@ApplicationScoped
public class LoginThrottle {
  private static final int MAX_KEYS = 100_000;

  private final int maxFailures;
  private final int maxFailuresPerAddress;
  private final long windowNanos;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  @jakarta.inject.Inject
  LoginThrottle(CustodiaConfig config) {
    this(
        config.security().login().maxFailures(),
        config.security().login().maxFailuresPerAddress(),
        config.security().login().window());
  }

  LoginThrottle(int maxFailures, int maxFailuresPerAddress, Duration window) {
    this.maxFailures = maxFailures;
    this.maxFailuresPerAddress = maxFailuresPerAddress;
    this.windowNanos = window.toNanos();
  }

  /** Seconds until another attempt is allowed, or 0 when one is allowed now. */
  public long retryAfterSeconds(String username, String address) {
    long now = System.nanoTime();
    long wait =
        Math.max(
            waitFor(userKey(username, address), maxFailures, now),
            waitFor(addressKey(address), maxFailuresPerAddress, now));
    return wait == 0 ? 0 : Math.max(1, Duration.ofNanos(wait).toSeconds());
  }

  public void failed(String username, String address) {
    if (failures.size() > MAX_KEYS) {
      prune();
    }
    long now = System.nanoTime();
    record(userKey(username, address), now);
    record(addressKey(address), now);
  }

  public void succeeded(String username, String address) {
    failures.remove(userKey(username, address));
  }

  private long waitFor(String key, int max, long now) {
    Deque<Long> times = failures.get(key);
    if (times == null) {
      return 0;
    }
    synchronized (times) {
      expire(times, now);
      if (times.size() < max) {
        return 0;
      }
      return times.peekFirst() + windowNanos - now;
    }
  }

  private void record(String key, long now) {
    Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      expire(times, now);
      times.addLast(now);
    }
  }

  private void expire(Deque<Long> times, long now) {
    while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
      times.removeFirst();
    }
  }

  private void prune() {
    long now = System.nanoTime();
    for (Iterator<Map.Entry<String, Deque<Long>>> it = failures.entrySet().iterator();
        it.hasNext(); ) {
      Deque<Long> times = it.next().getValue();
      synchronized (times) {
        expire(times, now);
        if (times.isEmpty()) {
          it.remove();
        }
      }
    }
  }

  private static String userKey(String username, String address) {
    return "u:" + username + "|" + address;
  }

  private static String addressKey(String address) {
    return "a:" + address;
  }
}
