package org.custodia.media;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * The media queue as an operator watches it: {@code custodia_media_jobs{state=…}} for jobs ready to
 * run (QUEUED), leased (RUNNING), given up after every attempt (DEAD) and unprocessable media
 * (FAILED). A growing QUEUED count means too few workers; any DEAD job needs a look.
 */
@ApplicationScoped
class MediaMetrics {
  private final JobQueue queue;
  private final MeterRegistry metrics;

  MediaMetrics(JobQueue queue, MeterRegistry metrics) {
    this.queue = queue;
    this.metrics = metrics;
  }

  void register(@Observes StartupEvent event) {
    for (String state : List.of("QUEUED", "RUNNING", "DEAD", "FAILED")) {
      Gauge.builder(
              "custodia.media.jobs",
              queue,
              q -> {
                try {
                  return q.count(state);
                } catch (RuntimeException e) {
                  return Double.NaN;
                }
              })
          .tag("state", state)
          .description("media jobs by state (QUEUED: ready to run)")
          .register(metrics);
    }
  }
}
