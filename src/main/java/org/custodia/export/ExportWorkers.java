package org.custodia.export;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.custodia.preservation.CheckRun;
import org.custodia.support.WorkerPool;
import org.jboss.logging.Logger;

/**
 * Builds approved exports in this instance: {@code custodia.export.workers} low-priority threads,
 * each claiming one export at a time from PostgreSQL. A worker that dies stops renewing its lease
 * and another instance (or this one after a restart) builds the export again from the start.
 */
@ApplicationScoped
class ExportWorkers {
  private static final Logger LOG = Logger.getLogger(ExportWorkers.class);

  private final ExportJobs jobs;
  private final org.custodia.preservation.PreservationService preservation;
  private final PackageBuilder builder;
  private final ExportConfig config;
  private final WorkerPool<ExportRepository.Claim> pool;

  ExportWorkers(
      ExportJobs jobs,
      PackageBuilder builder,
      ExportConfig config,
      org.custodia.preservation.PreservationService preservation) {
    this.preservation = preservation;
    this.jobs = jobs;
    this.builder = builder;
    this.config = config;
    this.pool =
        new WorkerPool<>(
            "export",
            config.workers(),
            config.pollInterval(),
            owner -> jobs.claim(owner),
            this::run);
  }

  void start(@Observes StartupEvent event) {
    pool.start();
  }

  void stop(@Observes ShutdownEvent event) {
    pool.stop();
  }

  /**
   * Builds one claimed export to READY or FAILED; a transient failure gives it back. A build
   * finished after its lease was taken over deletes its own object (the build that took over writes
   * another).
   */
  /**
   * The four-property check of the case before its build (decision 0019): the one an earlier
   * attempt of this export ran, or one run now. Its result never stops the build: the package
   * carries the report, whatever it says.
   */
  private CheckRun check(Export x, String owner) {
    if (x.fourPropertyCheckId() != null) {
      var earlier = preservation.find(x.fourPropertyCheckId());
      if (earlier.isPresent() && earlier.get().state() == CheckRun.State.DONE) {
        return earlier.get();
      }
    }
    CheckRun check =
        preservation.runNow(x.caseId(), CheckRun.Trigger.EXPORT, () -> jobs.renew(x.id(), owner));
    if (!jobs.checked(x.id(), owner, check.id())) {
      throw new LeaseLostException("lease lost during the four-property check");
    }
    return check;
  }

  void run(ExportRepository.Claim claim, String owner) {
    Export x = claim.export();
    try {
      CheckRun check = check(x, owner);
      PackageBuilder.Built built =
          builder.build(
              x,
              check,
              claim.attempt(),
              jobs.previousTreeSize(x).orElse(null),
              (key, uploadId) -> jobs.uploading(x.id(), owner, key, uploadId),
              (bytes, files, bytesTotal, filesTotal) ->
                  jobs.progress(x.id(), owner, bytes, files, bytesTotal, filesTotal));
      if (!jobs.ready(x, owner, built)) {
        LOG.infof("export %s was built, but its lease had been taken over", x.id());
        jobs.discard(built);
      }
    } catch (RecordMismatchException e) {
      LOG.errorf("export %s failed: %s", x.id(), e.getMessage());
      jobs.fail(x, owner, e.getMessage(), e.evidenceId());
    } catch (LeaseLostException e) {
      LOG.infof("export %s: %s", x.id(), e.getMessage());
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warnf("export %s: build interrupted, it will be tried again: %s", x.id(), e.toString());
      jobs.release(x.id(), owner);
      try {
        Thread.sleep(config.pollInterval().toMillis() * 5);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
