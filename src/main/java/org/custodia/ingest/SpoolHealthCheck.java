package org.custodia.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether the upload spool has room: readiness check {@code upload-spool}, DOWN while its file
 * store has less free space than {@code custodia.ingest.spool-min-free} (or cannot be read), so
 * that a balancer sends uploads to an instance that can take them instead of one that would answer
 * 507; and the gauge {@code custodia_ingest_spool_free_bytes} to alert on before that.
 */
@Readiness
@ApplicationScoped
public class SpoolHealthCheck implements HealthCheck {
  static final String NAME = "upload-spool";

  private final Spool spool;
  private final long minFree;
  private final MeterRegistry metrics;

  @Inject
  SpoolHealthCheck(Spool spool, IngestConfig config, MeterRegistry metrics) {
    this.spool = spool;
    this.minFree = config.spoolMinFree();
    this.metrics = metrics;
  }

  /** The check alone, for a spool and a minimum of one's choosing. */
  SpoolHealthCheck(Spool spool, long minFree) {
    this.spool = spool;
    this.minFree = minFree;
    this.metrics = null;
  }

  void registerMetrics(@Observes StartupEvent event) {
    Gauge.builder(
            "custodia.ingest.spool.free.bytes",
            spool,
            s -> {
              try {
                return s.freeBytes();
              } catch (IOException | RuntimeException e) {
                return Double.NaN;
              }
            })
        .description("bytes free on the file store of the upload spool")
        .register(metrics);
  }

  @Override
  public HealthCheckResponse call() {
    String path = spool.root().toString();
    try {
      long free = spool.freeBytes();
      return HealthCheckResponse.named(NAME)
          .status(free >= minFree)
          .withData("freeBytes", free)
          .withData("minimumFreeBytes", minFree)
          .withData("path", path)
          .build();
    } catch (IOException | RuntimeException e) {
      return HealthCheckResponse.named(NAME)
          .down()
          .withData("minimumFreeBytes", minFree)
          .withData("path", path)
          .withData("error", "cannot read the spool's file store: " + e.getMessage())
          .build();
    }
  }
}
