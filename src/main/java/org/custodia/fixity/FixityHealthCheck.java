package org.custodia.fixity;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code fixity}: always UP (a slow scan is no reason to stop serving), with
 * whether the scheduled full scan keeps the pace its period needs ({@code behind}), that pace and
 * the configured rate. {@code custodia_fixity_behind} is the metric to alert on.
 */
@Readiness
@ApplicationScoped
class FixityHealthCheck implements HealthCheck {
  private final FixityPace pace;
  private final FixityConfig config;

  FixityHealthCheck(FixityPace pace, FixityConfig config) {
    this.pace = pace;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder b =
        HealthCheckResponse.named("fixity")
            .up()
            .withData("behind", pace.behind())
            .withData("requiredBytesPerSecond", (long) pace.required())
            .withData("maxBytesPerSecond", config.maxBytesPerSecond())
            .withData("fullScanPeriod", config.fullScanPeriod().toString());
    if (pace.deadline() != null) {
      b.withData("scanDeadline", pace.deadline().toString());
    }
    return b.build();
  }
}
