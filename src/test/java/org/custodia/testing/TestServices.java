package org.custodia.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the embedded services once for every {@code @QuarkusTest} in the run. */
@QuarkusTestResource(EmbeddedServicesResource.class)
public final class TestServices {
  private TestServices() {}
}
