package org.custodia.compliance;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Recomputes the cases whose dossier changed, every {@code custodia.compliance.recompute-every}.
 */
@ApplicationScoped
public class ComplianceJobs {
  private static final Logger LOG = Logger.getLogger(ComplianceJobs.class);

  private final ComplianceService service;

  ComplianceJobs(ComplianceService service) {
    this.service = service;
  }

  @Scheduled(
      every = "${custodia.compliance.recompute-every:10s}",
      delayed = "${custodia.compliance.recompute-every:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void job() {
    try {
      int n = service.drain();
      if (n > 0) {
        LOG.debugf("compliance recomputed for %d cases", n);
      }
    } catch (RuntimeException e) {
      LOG.warnf("compliance recompute failed, will run again: %s", e.getMessage());
    }
  }
}
