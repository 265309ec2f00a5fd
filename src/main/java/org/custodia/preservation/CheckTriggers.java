package org.custodia.preservation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.custodia.dossier.CaseChanged;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.CaseStatus;
import org.jboss.logging.Logger;

/**
 * When checks are queued by the service itself: once a case is CLOSED (after the closing
 * transaction committed: a close that rolled back queues nothing), and periodically for closed
 * cases whose last check is older than {@code custodia.preservation.period}, oldest-checked first,
 * at most {@code per-run} per scheduler run so the archive is re-read at a steady pace.
 */
@ApplicationScoped
class CheckTriggers {
  private static final Logger LOG = Logger.getLogger(CheckTriggers.class);
  private static final int PAGE = 1000;

  private final PreservationService service;
  private final CheckRepository checks;
  private final CaseService cases;
  private final PreservationConfig config;

  CheckTriggers(
      PreservationService service,
      CheckRepository checks,
      CaseService cases,
      PreservationConfig config) {
    this.service = service;
    this.checks = checks;
    this.cases = cases;
    this.config = config;
  }

  void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) CaseChanged event) {
    if (event.status() != CaseStatus.CLOSED) {
      return;
    }
    try {
      UUID id = service.queue(event.caseId(), CheckRun.Trigger.CLOSED);
      if (id != null) {
        LOG.infof("four-property check %s queued: case %s closed", id, event.caseId());
      }
    } catch (RuntimeException e) {
      // the close stands; the periodic schedule checks the case later
      LOG.warnf("four-property check of closed case %s not queued: %s", event.caseId(), e);
    }
  }

  @Scheduled(
      every = "${custodia.preservation.schedule-every:1h}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    if (!config.periodic()) {
      return;
    }
    try {
      periodic(Instant.now());
    } catch (RuntimeException e) {
      LOG.warnf("four-property check scheduler: %s", e.toString());
    }
  }

  /** Queues the periodic checks that are due at {@code now}; returns their case ids. */
  List<UUID> periodic(Instant now) {
    List<UUID> closed = new ArrayList<>();
    UUID after = null;
    while (true) {
      UUID from = after;
      List<UUID> page = QuarkusTransaction.requiringNew().call(() -> cases.closedIds(from, PAGE));
      closed.addAll(page);
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1);
    }
    List<UUID> due =
        QuarkusTransaction.requiringNew()
            .call(() -> checks.due(closed, now.minus(config.period()), config.perRun()));
    List<UUID> queued = new ArrayList<>();
    for (UUID caseId : due) {
      if (service.queue(caseId, CheckRun.Trigger.PERIODIC) != null) {
        queued.add(caseId);
      }
    }
    return queued;
  }
}
