package org.custodia.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.custodia.ingest.EvidenceIngested;

/**
 * Queues processing for every new audio or video record, in the transaction that indexes it: the
 * job commits with the evidence row or not at all, so it can never be lost between the two.
 */
@ApplicationScoped
class MediaEnqueuer {
  private final JobQueue queue;
  private final MediaConfig config;

  MediaEnqueuer(JobQueue queue, MediaConfig config) {
    this.queue = queue;
    this.config = config;
  }

  void onIngested(@Observes(during = TransactionPhase.IN_PROGRESS) EvidenceIngested e) {
    if (isMedia(e.contentType())) {
      queue.enqueue(JobQueue.PROCESS, e.evidenceId(), config.maxAttempts());
    }
  }

  static boolean isMedia(String contentType) {
    return contentType != null
        && (contentType.startsWith("video/") || contentType.startsWith("audio/"));
  }
}
