package org.custodia.export;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Exports as an operator watches them: {@code custodia_exports{state=…}} for requests waiting for a
 * second person (PENDING_APPROVAL), packages being built (BUILDING) and builds that failed (FAILED:
 * a record did not match its hashes or its receipt — the same alarm a failed verification raises);
 * {@code custodia_exports_stalled} counts builds whose lease lapsed without a worker taking them
 * over (no instance builds exports, or every worker is stuck).
 */
@ApplicationScoped
class ExportMetrics {
  private final ExportRepository exports;
  private final MeterRegistry metrics;

  ExportMetrics(ExportRepository exports, MeterRegistry metrics) {
    this.exports = exports;
    this.metrics = metrics;
  }

  void register(@Observes StartupEvent event) {
    for (ExportState state :
        new ExportState[] {
          ExportState.PENDING_APPROVAL, ExportState.BUILDING, ExportState.FAILED
        }) {
      Gauge.builder("custodia.exports", exports, r -> safely(() -> r.countByState(state)))
          .tag("state", state.name())
          .description("dossier exports by state")
          .register(metrics);
    }
    Gauge.builder("custodia.exports.stalled", exports, r -> safely(r::countStalled))
        .description("export builds whose lease lapsed over a minute ago and nobody took over")
        .register(metrics);
  }

  private static double safely(java.util.function.LongSupplier count) {
    try {
      return count.getAsLong();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
