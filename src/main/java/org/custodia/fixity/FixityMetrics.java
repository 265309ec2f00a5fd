package org.custodia.fixity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What an operator alerts on: {@code custodia_fixity_failures_total{kind=mismatch|missing|foreign}}
 * (any increase is an alarm), {@code custodia_fixity_last_full_scan_age_seconds} (since the start
 * of the newest complete full scan: alert above the full-scan period), {@code
 * custodia_fixity_behind} (1 while the scheduled scan cannot finish within its period at the
 * configured rate), {@code custodia_fixity_required_bytes_per_second} (the pace it needs), {@code
 * custodia_fixity_objects_failing} (objects whose last check failed) and {@code
 * custodia_fixity_checked_bytes_total}.
 */
@ApplicationScoped
class FixityMetrics {
  private final MeterRegistry metrics;
  private final FixityRepository runs;
  private final FixityPace pace;
  private Counter checkedBytes;

  FixityMetrics(MeterRegistry metrics, FixityRepository runs, FixityPace pace) {
    this.metrics = metrics;
    this.runs = runs;
    this.pace = pace;
  }

  void register(@Observes StartupEvent event) {
    for (FixityItem.Result r :
        new FixityItem.Result[] {
          FixityItem.Result.MISMATCH, FixityItem.Result.MISSING, FixityItem.Result.FOREIGN
        }) {
      failures(r);
    }
    checkedBytes =
        Counter.builder("custodia.fixity.checked.bytes")
            .description("bytes re-hashed by fixity checks")
            .register(metrics);
    Gauge.builder("custodia.fixity.last.full.scan.age.seconds", runs, r -> lastFullScanAge(r))
        .description("seconds since the start of the newest full fixity scan that finished")
        .register(metrics);
    Gauge.builder("custodia.fixity.behind", pace, p -> p.behind() ? 1 : 0)
        .description("1 while the scheduled full scan cannot finish within its period")
        .register(metrics);
    Gauge.builder("custodia.fixity.required.bytes.per.second", pace, FixityPace::required)
        .description("the pace the scheduled full scan needs to finish within its period")
        .register(metrics);
    Gauge.builder(
            "custodia.fixity.objects.failing",
            runs,
            r -> {
              try {
                return r.countLastResult("MISMATCH") + r.countLastResult("MISSING");
              } catch (RuntimeException e) {
                return Double.NaN;
              }
            })
        .description("archived objects whose last fixity check failed")
        .register(metrics);
  }

  private static double lastFullScanAge(FixityRepository r) {
    try {
      return r.lastFullScanStarted()
          .map(t -> (double) Duration.between(t, Instant.now()).toSeconds())
          .orElse(Double.NaN);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  Counter failures(FixityItem.Result result) {
    return Counter.builder("custodia.fixity.failures")
        .tag("kind", result.name().toLowerCase(Locale.ROOT))
        .description("fixity problems found: bytes that differ, objects missing, foreign objects")
        .register(metrics);
  }

  void checked(long bytes) {
    if (checkedBytes != null) {
      checkedBytes.increment(bytes);
    }
  }
}
