package org.custodia.media;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  MediaWorkers(JobQueue queue, MediaProcessor processor, MediaConfig config) {
    this.queue = queue;
    this.processor = processor;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    running = true;
    String instance = ManagementFactory.getRuntimeMXBean().getName();
    for (int i = 0; i < config.workers(); i++) {
      String owner = instance + "/media-" + i + "/" + UUID.randomUUID().toString().substring(0, 8);
      Thread t = new Thread(() -> loop(owner), "media-worker-" + i);
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY);
      threads.add(t);
      t.start();
    }
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    for (Thread t : threads) {
      t.interrupt();
    }
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void loop(String owner) {
    while (running) {
      try {
        Optional<MediaJob> job = queue.claim(JobQueue.PROCESS, owner, config.lease());
        if (job.isPresent()) {
          run(job.get(), owner);
        } else {
          Thread.sleep(config.pollInterval().toMillis());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warnf("media worker %s: %s", owner, e.toString());
        try {
          Thread.sleep(config.pollInterval().toMillis() * 5);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
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
