package org.custodia.storage;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The object store as an operator watches it: {@code custodia_storage_retries_total} (requests sent
 * once more after a stale connection failed: a few after a store restart are normal) and {@code
 * custodia_storage_unavailable_total} (requests that failed because the store did not answer:
 * clients got 503).
 */
@ApplicationScoped
class StorageMetrics {
  private final MeterRegistry metrics;

  StorageMetrics(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  void register(@Observes StartupEvent event) {
    FunctionCounter.builder(
            "custodia.storage.retries", MinioObjectStore.RETRIES, AtomicLong::doubleValue)
        .description("object-store requests sent once more after a stale connection failed")
        .register(metrics);
    FunctionCounter.builder(
            "custodia.storage.unavailable", MinioObjectStore.UNAVAILABLE, AtomicLong::doubleValue)
        .description("object-store requests that failed because the store did not answer")
        .register(metrics);
  }
}
