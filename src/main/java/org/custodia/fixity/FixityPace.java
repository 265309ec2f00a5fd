package org.custodia.fixity;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The pace of the scheduled full scan: the bytes per second it needs to re-hash what remains before
 * its period ends, whether the configured rate allows it, and when this instance may start the next
 * scheduled object (scheduled objects are spaced so the scan goes at the needed pace, not as fast
 * as it can; requested runs are not spaced).
 */
@ApplicationScoped
class FixityPace {
  private static final Logger LOG = Logger.getLogger(FixityPace.class);

  private final FixityConfig config;
  private volatile double required;
  private volatile boolean behind;
  private volatile Instant deadline;
  private volatile long nextScheduledNanos = System.nanoTime();

  FixityPace(FixityConfig config) {
    this.config = config;
  }

  /** Recomputes the pace from the scheduled run under way (none: nothing is required). */
  void update(Optional<FixityRun> scheduled, Instant now) {
    if (scheduled.isEmpty()) {
      required = 0;
      setBehind(false, null);
      return;
    }
    FixityRun run = scheduled.get();
    Instant end = run.createdAt().plus(config.fullScanPeriod());
    deadline = end;
    long remaining = Math.max(0, run.progress().bytesTotal() - run.progress().bytesDone());
    double seconds = Duration.between(now, end).toMillis() / 1000.0;
    double need =
        seconds <= 0 ? (remaining > 0 ? Double.POSITIVE_INFINITY : 0) : remaining / seconds;
    required = need;
    long max = config.maxBytesPerSecond();
    boolean late = remaining > 0 && (seconds <= 0 || (max > 0 && need > max));
    setBehind(late, run);
  }

  private void setBehind(boolean late, FixityRun run) {
    if (late && !behind && Double.isInfinite(required)) {
      LOG.warnf(
          "fixity: the scheduled full scan %s did not finish within its period %s; it goes on at"
              + " the rate limit",
          run == null ? "-" : run.id(), config.fullScanPeriod());
    } else if (late && !behind) {
      LOG.warnf(
          "fixity: the scheduled full scan %s cannot finish within %s at most %d bytes/s: it"
              + " needs %.0f bytes/s; raise custodia.fixity.max-bytes-per-second or the period",
          run == null ? "-" : run.id(),
          config.fullScanPeriod(),
          config.maxBytesPerSecond(),
          required);
    } else if (!late && behind) {
      LOG.infof("fixity: the scheduled full scan keeps its pace again");
    }
    behind = late;
  }

  double required() {
    return Double.isInfinite(required) ? Double.MAX_VALUE : required;
  }

  boolean behind() {
    return behind;
  }

  Instant deadline() {
    return deadline;
  }

  /** Whether this instance may start a scheduled object now. */
  boolean scheduledDue() {
    return System.nanoTime() - nextScheduledNanos >= 0;
  }

  /**
   * After a scheduled object of {@code bytes} checked in {@code tookNanos}: the next waits so that
   * the scan goes at the needed pace (never slower: when behind, at once).
   */
  void spaced(long bytes, long tookNanos) {
    double need = required;
    if (behind || need <= 0 || Double.isInfinite(need)) {
      nextScheduledNanos = System.nanoTime();
      return;
    }
    long due = (long) (bytes / need * 1e9);
    // never more than the poll interval times 60 between two objects: the pace is recomputed
    long cap = config.pollInterval().toNanos() * 60;
    nextScheduledNanos = System.nanoTime() + Math.min(cap, Math.max(0, due - tookNanos));
  }
}
