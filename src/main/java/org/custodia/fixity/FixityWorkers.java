package org.custodia.fixity;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.custodia.storage.BucketRole;
import org.custodia.storage.StorageUnavailableException;
import org.custodia.support.WorkerPool;
import org.jboss.logging.Logger;

/**
 * Runs fixity checks in this instance: {@code custodia.fixity.workers} low-priority threads, each
 * claiming one piece of work at a time from PostgreSQL (a run to plan, an object to check, a bucket
 * to scan), under a lease renewed as it goes. A worker that dies stops renewing; another (or this
 * instance after a restart) takes the work over when the lease lapses, so a run always finishes.
 * Reading is limited to {@code custodia.fixity.max-bytes-per-second} for the whole instance.
 */
@ApplicationScoped
class FixityWorkers {
  private static final Logger LOG = Logger.getLogger(FixityWorkers.class);

  /** An object whose check failed this many times (not a fixity problem: a read error) is ERROR. */
  static final int MAX_ATTEMPTS = 5;

  private final FixityJobs jobs;
  private final FixityChecker checker;
  private final FixityPace pace;
  private final FixityConfig config;
  private final Pacer pacer;
  private final WorkerPool<FixityJobs.Work> pool;

  FixityWorkers(FixityJobs jobs, FixityChecker checker, FixityPace pace, FixityConfig config) {
    this.jobs = jobs;
    this.checker = checker;
    this.pace = pace;
    this.config = config;
    this.pacer = new Pacer(config.maxBytesPerSecond());
    this.pool =
        new WorkerPool<>(
            "fixity",
            config.workers(),
            config.pollInterval(),
            owner -> jobs.claim(owner, pace.scheduledDue()),
            this::run);
  }

  void start(@Observes StartupEvent event) {
    pool.start();
  }

  void stop(@Observes ShutdownEvent event) {
    pool.stop();
  }

  void run(FixityJobs.Work work, String owner) {
    switch (work) {
      case FixityJobs.Plan p -> plan(p, owner);
      case FixityJobs.Check c -> check(c, owner);
    }
  }

  private void plan(FixityJobs.Plan p, String owner) {
    try {
      if (!jobs.plan(p.claim(), owner)) {
        LOG.infof("fixity run %s: planning lease taken over", p.claim().run().id());
      }
    } catch (RuntimeException e) {
      LOG.warnf(
          "fixity run %s: planning interrupted, it resumes: %s",
          p.claim().run().id(), e.toString());
    }
  }

  private void check(FixityJobs.Check work, String owner) {
    FixityRepository.ItemClaim c = work.claim();
    long started = System.nanoTime();
    long[] lastRenew = {started};
    long renewEvery = config.lease().toNanos() / 3;
    FixityChecker.Progress progress =
        bytes -> {
          pacer.acquire(bytes);
          long now = System.nanoTime();
          if (now - lastRenew[0] > renewEvery) {
            lastRenew[0] = now;
            return jobs.renew(c.id(), owner);
          }
          return true;
        };
    try {
      FixityChecker.Outcome outcome;
      if (c.target() == FixityItem.Target.SCAN) {
        FixityRun run = jobs.run(c.runId()).orElseThrow();
        BucketRole bucket = BucketRole.valueOf(c.bucket());
        long listed =
            checker.scan(
                bucket,
                jobs.youngestForeign(run),
                (key, size, why) -> jobs.foreign(c.runId(), bucket, key, size, why),
                progress);
        outcome =
            new FixityChecker.Outcome(
                FixityItem.Result.SCANNED, null, null, null, listed + " objects listed");
      } else {
        outcome = checker.check(c, progress);
      }
      if (outcome == null || !jobs.complete(c, owner, outcome)) {
        LOG.infof("fixity item %d: lease taken over", c.id());
      }
    } catch (InterruptedException e) {
      jobs.release(c.id(), owner);
      Thread.currentThread().interrupt();
    } catch (StorageUnavailableException e) {
      LOG.warnf("fixity item %d: the object store is unavailable, it is checked later", c.id());
      jobs.release(c.id(), owner);
      backOff();
    } catch (java.io.IOException | RuntimeException e) {
      if (c.attempts() >= MAX_ATTEMPTS) {
        LOG.errorf("fixity item %d: cannot be read after %d attempts: %s", c.id(), c.attempts(), e);
        jobs.complete(
            c,
            owner,
            new FixityChecker.Outcome(FixityItem.Result.ERROR, null, null, null, failure(e)));
      } else {
        LOG.warnf("fixity item %d: check interrupted, it is tried again: %s", c.id(), e.toString());
        jobs.release(c.id(), owner);
        backOff();
      }
    } finally {
      if (work.scheduled()) {
        pace.spaced(c.size() == null ? 0 : c.size(), System.nanoTime() - started);
      }
    }
  }

  private static String failure(Exception e) {
    String text = "read failed: " + e;
    return text.length() > 2000 ? text.substring(0, 2000) : text;
  }

  private void backOff() {
    try {
      Thread.sleep(config.pollInterval().toMillis() * 5);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }
}
