package org.custodia.audit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Viewing sessions of this instance: one per viewer, target and kind of access (the event type),
 * alive while requests keep coming within the idle window ({@code
 * custodia.review.viewing-session-idle}, the name it had when only streaming used it). A player
 * issues dozens of range requests while one person watches one recording, a reviewer reloads a
 * dossier page while working on it; the audit log gets one event for each. Sessions are in memory:
 * a restart, or a request served by another instance, opens a new session (and one more event),
 * which errs on the side of auditing too much. {@link ViewingAudit} records through it.
 */
@ApplicationScoped
public class ViewingSessions {
  private record Key(String viewer, String access, String targetType, String targetId) {}

  private final Map<Key, Long> lastSeen = new ConcurrentHashMap<>();
  private final long idleNanos;
  private final LongSupplier clock;

  @Inject
  ViewingSessions(
      @ConfigProperty(name = "custodia.review.viewing-session-idle", defaultValue = "30m")
          Duration idle) {
    this(idle, System::nanoTime);
  }

  /** Sessions idle after {@code idle} on {@code clock} (nanoseconds, monotonic). */
  public ViewingSessions(Duration idle, LongSupplier clock) {
    if (idle.isNegative() || idle.isZero()) {
      throw new IllegalArgumentException("the viewing-session idle window must be positive");
    }
    this.idleNanos = idle.toNanos();
    this.clock = clock;
  }

  /** Marks a request; true when it opens a new session (and must be audited). */
  public boolean touch(String viewer, String access, AuditEvent.Target target) {
    long now = clock.getAsLong();
    AtomicBoolean opened = new AtomicBoolean();
    lastSeen.compute(
        key(viewer, access, target),
        (k, seen) -> {
          if (seen == null || now - seen > idleNanos) {
            opened.set(true);
          }
          return now;
        });
    return opened.get();
  }

  /** Forgets a session whose opening could not be audited, so the next request tries again. */
  public void forget(String viewer, String access, AuditEvent.Target target) {
    lastSeen.remove(key(viewer, access, target));
  }

  /** Sessions open now (for tests and the expiry). */
  int open() {
    return lastSeen.size();
  }

  @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void expire() {
    long now = clock.getAsLong();
    lastSeen.values().removeIf(seen -> now - seen > idleNanos);
  }

  private static Key key(String viewer, String access, AuditEvent.Target target) {
    return new Key(viewer, access, target.type(), target.id());
  }
}
