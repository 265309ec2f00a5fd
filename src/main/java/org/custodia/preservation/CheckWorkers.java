package org.custodia.preservation;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.custodia.support.WorkerPool;

/**
 * Runs queued four-property checks in this instance: {@code custodia.preservation.workers}
 * low-priority threads, each claiming one check at a time from PostgreSQL under a lease (the job
 * pattern of fixity and exports, decision 0010).
 */
@ApplicationScoped
class CheckWorkers {
  private final WorkerPool<CheckRepository.Claim> pool;

  CheckWorkers(CheckJobs jobs, PreservationConfig config) {
    this.pool =
        new WorkerPool<>(
            "fourprop", config.workers(), config.pollInterval(), jobs::claim, jobs::run);
  }

  void start(@Observes StartupEvent event) {
    pool.start();
  }

  void stop(@Observes ShutdownEvent event) {
    pool.stop();
  }
}
