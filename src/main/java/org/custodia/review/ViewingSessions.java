package org.custodia.review;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Viewing sessions of this instance: one per user, evidence item and kind of access, alive while
 * requests keep coming within the idle window. A player issues dozens of range requests while one
 * person watches one recording; the audit log gets one event for them. Sessions are in memory: a
 * restart, or a request served by another instance, opens a new session (and one more event), which
 * errs on the side of auditing too much.
 */
@ApplicationScoped
class ViewingSessions {
  private record Key(UUID user, UUID evidence, String access) {}

  private final Map<Key, Long> lastSeen = new ConcurrentHashMap<>();
  private final long idleNanos;

  ViewingSessions(ReviewConfig config) {
    this.idleNanos = config.viewingSessionIdle().toNanos();
  }

  /** Marks a request; true when it opens a new session (and must be audited). */
  boolean touch(UUID user, UUID evidence, String access) {
    long now = System.nanoTime();
    AtomicBoolean opened = new AtomicBoolean();
    lastSeen.compute(
        new Key(user, evidence, access),
        (k, seen) -> {
          if (seen == null || now - seen > idleNanos) {
            opened.set(true);
          }
          return now;
        });
    return opened.get();
  }

  /** Forgets a session whose opening could not be audited, so the next request tries again. */
  void forget(UUID user, UUID evidence, String access) {
    lastSeen.remove(new Key(user, evidence, access));
  }

  @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void expire() {
    long now = System.nanoTime();
    lastSeen.values().removeIf(seen -> now - seen > idleNanos);
  }
}
