package org.custodia.ingest;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.custodia.digest.StreamingDigests;
import org.jboss.logging.Logger;

/**
 * The threads ingest runs besides the requests': parts on their way to the object store and the SM3
 * half of the digests. Both are bounded ({@code custodia.ingest.part-upload-threads}, {@code
 * digest-threads}) and named, idle threads end, and both stop with the application.
 */
@ApplicationScoped
class IngestThreads {
  private static final Logger LOG = Logger.getLogger(IngestThreads.class);

  private final ThreadPoolExecutor partUploads;
  private final StreamingDigests.Workers digests;

  IngestThreads(IngestConfig config) {
    int threads = Math.max(1, config.partUploadThreads());
    AtomicInteger count = new AtomicInteger();
    this.partUploads =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "ingest-part-upload-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.partUploads.allowCoreThreadTimeOut(true);
    this.digests = new StreamingDigests.Workers("ingest-sm3", Math.max(1, config.digestThreads()));
  }

  /** Uploads parts while the next ones are received. */
  Executor partUploads() {
    return partUploads;
  }

  StreamingDigests.Workers digests() {
    return digests;
  }

  /** New work is refused; parts already on their way get a few seconds to arrive. */
  @PreDestroy
  void stop() {
    digests.close();
    partUploads.shutdown();
    try {
      if (!partUploads.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("part uploads still running at shutdown; interrupting them");
        partUploads.shutdownNow();
      }
    } catch (InterruptedException e) {
      partUploads.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
