package org.custodia.ingest;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Expires abandoned uploads (tus expiration) and frees their parts and spool files. */
@ApplicationScoped
class UploadMaintenance {
  private static final Logger LOG = Logger.getLogger(UploadMaintenance.class);

  private final UploadService uploads;

  UploadMaintenance(UploadService uploads) {
    this.uploads = uploads;
  }

  @Scheduled(
      every = "${custodia.ingest.expire-every:5m}",
      delayed = "30s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void expire() {
    try {
      int n = uploads.expire();
      if (n > 0) {
        LOG.infof("expired %d abandoned upload(s)", n);
      }
    } catch (RuntimeException e) {
      LOG.warnf("upload expiry did not complete: %s", e.getMessage());
    }
  }
}
