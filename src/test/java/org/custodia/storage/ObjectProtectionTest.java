package org.custodia.storage;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;

/**
 * The WORM rules on the embedded default (S3Proxy, which answers 501 to Object Lock): the service's
 * own protection table enforces them.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ObjectProtectionTest extends ObjectProtectionContract {

  @Override
  boolean storeEnforces() {
    return false;
  }

  @Override
  StoredObject retainedUntil(Instant until) {
    // the derived bucket has no default retention; the service keeps what it is told to keep
    StoredObject o = put(BucketRole.DERIVED);
    store.retain(BucketRole.DERIVED, o.key(), o.versionId(), until);
    return o;
  }
}
