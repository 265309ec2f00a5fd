package org.custodia.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether the audit log keeps up: metrics an operator alerts on ({@code custodia_audit_backlog},
 * {@code custodia_audit_backlog_oldest_seconds}, {@code custodia_audit_checkpoint_age_seconds},
 * {@code custodia_audit_tree_size}) and a wellness check, DOWN while an event has waited longer
 * than {@code custodia.audit.max-backlog-age} for its place in the tree. A stalled integrator loses
 * nothing (events are queued in their own transactions) but the tree and the checkpoints stop
 * covering what the archive does; taking instances out of service would not help, so this is a
 * wellness check, not readiness.
 */
@Wellness
@ApplicationScoped
public class AuditHealth implements HealthCheck {
  private final AuditReader reader;
  private final AuditConfig config;
  private final MeterRegistry metrics;

  AuditHealth(AuditReader reader, AuditConfig config, MeterRegistry metrics) {
    this.reader = reader;
    this.config = config;
    this.metrics = metrics;
  }

  void registerMetrics(@Observes StartupEvent event) {
    gauge("custodia.audit.backlog", "events queued for the Merkle tree", b -> b.queued());
    gauge(
        "custodia.audit.backlog.oldest.seconds",
        "age of the oldest queued event",
        b -> b.oldestQueued().toMillis() / 1000.0);
    gauge(
        "custodia.audit.checkpoint.age.seconds",
        "age of the newest signed checkpoint",
        b -> b.checkpointAge() == null ? Double.NaN : b.checkpointAge().toMillis() / 1000.0);
    gauge("custodia.audit.tree.size", "leaves in the Merkle tree", b -> b.treeSize());
  }

  private void gauge(String name, String description, ToDoubleFunction<AuditReader.Backlog> f) {
    Gauge.builder(
            name,
            this,
            h -> {
              try {
                return f.applyAsDouble(h.recentBacklog());
              } catch (RuntimeException e) {
                return Double.NaN;
              }
            })
        .description(description)
        .register(metrics);
  }

  private volatile AuditReader.Backlog lastBacklog;
  private volatile long lastBacklogAt;

  /** One query for the four gauges of a scrape: the backlog is read at most once a second. */
  private AuditReader.Backlog recentBacklog() {
    long now = System.nanoTime();
    AuditReader.Backlog b = lastBacklog;
    if (b == null || now - lastBacklogAt > 1_000_000_000L) {
      b = reader.backlog();
      lastBacklog = b;
      lastBacklogAt = now;
    }
    return b;
  }

  @Override
  public HealthCheckResponse call() {
    try {
      AuditReader.Backlog b = reader.backlog();
      Duration limit = config.maxBacklogAge();
      return HealthCheckResponse.named("audit-log")
          .status(b.oldestQueued().compareTo(limit) <= 0)
          .withData("queued", b.queued())
          .withData("oldestQueuedSeconds", b.oldestQueued().toSeconds())
          .withData("maxBacklogAgeSeconds", limit.toSeconds())
          .withData(
              "checkpointAgeSeconds",
              b.checkpointAge() == null ? -1 : b.checkpointAge().toSeconds())
          .withData("treeSize", b.treeSize())
          .build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named("audit-log").down().withData("error", "database").build();
    }
  }
}
