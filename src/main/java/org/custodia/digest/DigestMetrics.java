package org.custodia.digest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether SHA-256 runs on the JDK's implementation (CPU SHA instructions) or fell back to Bouncy
 * Castle's, about 7x slower, because the JVM was started without {@code --add-opens
 * java.base/sun.security.provider=ALL-UNNAMED} ({@code scripts/run} passes it; Quarkus writes the
 * jar manifest's {@code Add-Opens} itself, from its extensions' needs, so the jar cannot carry it).
 * Exposed as {@code custodia_sha256_accelerated} (1 or 0) and as the wellness check {@code
 * sha256-accelerated}: both alert, neither takes the instance out of service.
 */
@Wellness
@ApplicationScoped
public class DigestMetrics implements HealthCheck {
  private final MeterRegistry metrics;

  DigestMetrics(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  void register(@Observes StartupEvent event) {
    Gauge.builder("custodia.sha256.accelerated", () -> Sha256.accelerated() ? 1 : 0)
        .description("1 when SHA-256 runs on the JDK's accelerated implementation")
        .register(metrics);
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("sha256-accelerated")
        .status(Sha256.accelerated())
        .withData(
            "remedy",
            Sha256.accelerated()
                ? "none needed"
                : "start the JVM with --add-opens java.base/sun.security.provider=ALL-UNNAMED")
        .build();
  }
}
