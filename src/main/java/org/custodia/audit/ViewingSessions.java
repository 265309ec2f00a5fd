package org.custodia.audit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Viewing sessions: one per viewer, target and kind of access (the event type), alive while
 * requests keep coming within the idle window ({@code custodia.review.viewing-session-idle}, the
 * name it had when only streaming used it). A player issues dozens of range requests while one
 * person watches one recording, a reviewer reloads a dossier page while working on it; the audit
 * log gets one event for each. {@link ViewingAudit} records through it.
 *
 * <p>Sessions live in the database ({@link ViewingSessionRepository}), shared by every instance:
 * whether a request opens a session, and so is audited, is decided there, in the transaction that
 * writes the audit event, so a viewing spread over instances behind a load balancer is audited
 * once. In front of it each instance remembers the sessions it confirmed in the last {@code recent}
 * (a few seconds): a repeat within that time costs no statement. That can only keep a session open
 * in the database up to {@code recent} shorter than the window, never longer: it errs on the side
 * of auditing too much.
 */
@ApplicationScoped
public class ViewingSessions {
  /** How long an instance answers repeats of a session it confirmed without asking the database. */
  static final Duration RECENT = Duration.ofSeconds(5);

  private static final int RECENT_CAPACITY = 100_000;

  private record Key(String viewer, String access, String targetType, String targetId) {}

  private final ViewingSessionRepository sessions;
  private final Map<Key, Long> confirmed = new ConcurrentHashMap<>();
  private final Duration idle;
  private final long recentNanos;
  private final LongSupplier clock;

  @Inject
  ViewingSessions(
      ViewingSessionRepository sessions,
      @ConfigProperty(name = "custodia.review.viewing-session-idle", defaultValue = "30m")
          Duration idle) {
    this(sessions, idle, RECENT, System::nanoTime);
  }

  /**
   * Sessions idle after {@code idle} (database time); repeats within {@code recent} on {@code
   * clock} (nanoseconds, monotonic) answered from memory.
   */
  ViewingSessions(
      ViewingSessionRepository sessions, Duration idle, Duration recent, LongSupplier clock) {
    if (idle.isNegative() || idle.isZero()) {
      throw new IllegalArgumentException("the viewing-session idle window must be positive");
    }
    this.sessions = sessions;
    this.idle = idle;
    // never as long as the window itself: the database must see a session before it lapses there
    this.recentNanos = Math.min(recent.toNanos(), idle.toNanos() / 2);
    this.clock = clock;
  }

  /**
   * True when this instance confirmed the session within the last few seconds: the request belongs
   * to it and needs no statement (nor audit).
   */
  public boolean seenHere(String viewer, String access, AuditEvent.Target target) {
    Long seen = confirmed.get(key(viewer, access, target));
    return seen != null && clock.getAsLong() - seen < recentNanos;
  }

  /**
   * Marks a request in the database, in the caller's transaction; true when it opens a new session
   * (and must be audited in that transaction: if it rolls back, so does the opening).
   */
  public boolean touch(String viewer, String access, AuditEvent.Target target) {
    Key key = key(viewer, access, target);
    boolean opened =
        sessions.touch(viewer, access, target.type(), target.id(), UUID.randomUUID(), idle);
    if (confirmed.size() >= RECENT_CAPACITY) {
      confirmed.clear();
    }
    confirmed.put(key, clock.getAsLong());
    return opened;
  }

  /** Forgets what this instance remembers of a session whose opening could not be audited. */
  public void forget(String viewer, String access, AuditEvent.Target target) {
    confirmed.remove(key(viewer, access, target));
  }

  @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void expire() {
    long now = clock.getAsLong();
    confirmed.values().removeIf(seen -> now - seen >= recentNanos);
    sessions.deleteIdle(idle);
  }

  private static Key key(String viewer, String access, AuditEvent.Target target) {
    return new Key(viewer, access, target.type(), target.id());
  }
}
