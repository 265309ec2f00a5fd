package org.custodia.media;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.custodia.support.WorkerPool;
import org.jboss.logging.Logger;

/**
 * Runs media jobs in this instance: {@code custodia.media.workers} low-priority threads, each
 * claiming one job at a time from the shared queue. Instances scale out by running more of them;
 * uploads never wait for media work because it holds no request thread and at most that many cores.
 */
@ApplicationScoped
class MediaWorkers {
  private static final Logger LOG = Logger.getLogger(MediaWorkers.class);

  private final JobQueue queue;
  private final MediaProcessor processor;
  private final MediaConfig config;
  private final WorkerPool<MediaJob> pool;

  MediaWorkers(JobQueue queue, MediaProcessor processor, MediaConfig config) {
    this.queue = queue;
    this.processor = processor;
    this.config = config;
    this.pool =
        new WorkerPool<>(
            "media",
            config.workers(),
            config.pollInterval(),
            owner -> queue.claim(JobQueue.PROCESS, owner, config.lease()),
            this::run);
  }

  void start(@Observes StartupEvent event) {
    pool.start();
  }

  void stop(@Observes ShutdownEvent event) {
    pool.stop();
  }

  /** Runs one claimed job to its next state. */
  void run(MediaJob job, String owner) {
    try {
      processor.process(
          job.evidenceId(), percent -> queue.progress(job.id(), owner, percent, config.lease()));
      queue.succeed(job.id(), owner);
    } catch (MediaUnprocessableException e) {
      LOG.infof(
          "media job %s (evidence %s) failed: %s", job.id(), job.evidenceId(), e.getMessage());
      queue.fail(job.id(), owner, e.getMessage());
    } catch (RuntimeException | Error e) {
      LOG.warnf(
          "media job %s (evidence %s), attempt %d: %s",
          job.id(), job.evidenceId(), job.attempts(), e.toString());
      queue.retry(job.id(), owner, e.toString(), config.retryBackoff());
    }
  }
}
