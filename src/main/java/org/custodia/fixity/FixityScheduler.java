package org.custodia.fixity;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.custodia.audit.AuditService;
import org.custodia.support.Ids;
import org.jboss.logging.Logger;

/**
 * Starts the scheduled full scan once per {@code custodia.fixity.full-scan-period} (at most one
 * under way, across instances: a unique index) and recomputes the pace it needs to finish within
 * its period ({@link FixityPace}: health detail, metric, and a log line when it cannot).
 */
@ApplicationScoped
class FixityScheduler {
  private static final Logger LOG = Logger.getLogger(FixityScheduler.class);

  private final FixityRepository runs;
  private final FixityPace pace;
  private final FixityConfig config;
  private final AuditService audit;

  FixityScheduler(FixityRepository runs, FixityPace pace, FixityConfig config, AuditService audit) {
    this.runs = runs;
    this.pace = pace;
    this.config = config;
    this.audit = audit;
  }

  @Scheduled(
      every = "${custodia.fixity.schedule-every:1m}",
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      tick(Instant.now());
    } catch (RuntimeException e) {
      LOG.warnf("fixity scheduler: %s", e.toString());
    }
  }

  /** Starts a full scan when one is due; updates the pace. */
  void tick(Instant now) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Optional<FixityRun> active = runs.activeScheduled();
              if (active.isEmpty() && config.scheduled()) {
                Optional<Instant> last = runs.lastScheduledStarted();
                if (last.isEmpty() || !last.get().plus(config.fullScanPeriod()).isAfter(now)) {
                  var id = Ids.newId();
                  if (runs.insertScheduled(id)) {
                    audit.recordSystem(
                        "fixity.run-requested",
                        FixityJobs.target(id),
                        Map.of("scope", "ALL", "scheduled", true));
                    LOG.infof("fixity: scheduled full scan %s started", id);
                  }
                  active = runs.activeScheduled();
                }
              }
              pace.update(active, now);
            });
  }
}
