package org.custodia.storage;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the object store answers and its buckets are in place. */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {
  private final ObjectStore store;
  private final StorageBootstrap bootstrap;

  StorageHealthCheck(ObjectStore store, StorageBootstrap bootstrap) {
    this.store = store;
    this.bootstrap = bootstrap;
  }

  @Override
  public HealthCheckResponse call() {
    if (!bootstrap.done()) {
      bootstrap.tryBootstrap();
    }
    StorageCapabilities capabilities = store.capabilities();
    boolean up = bootstrap.done() && store.reachable();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("object-store")
            .status(up)
            .withData("objectLockEnforced", capabilities.objectLock())
            // who keeps originals and receipts unchanged and undeleted: the store's Object Lock,
            // or only the service's own protection table (docs/worm.md)
            .withData("worm", capabilities.objectLock() ? "store" : "service")
            .withData("versioning", capabilities.versioning())
            .withData("lifecycle", capabilities.lifecycle())
            .withData("probe", capabilities.detail());
    return response.build();
  }
}
