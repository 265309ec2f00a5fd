package org.custodia.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The retention tests' profile: the evidence and receipts buckets without a default retention
 * ({@code src/test/resources/storage-config-unlocked}), so that only the retention the service
 * computes per item protects an original. With the bundled default (183 days from the upload) an
 * item recorded long ago could not be disposed of in a test until half a year after it was
 * uploaded; that default is the storage tests' subject ({@code ObjectProtectionContract}).
 */
public class UnlockedBucketsProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("custodia.storage.config-dir", "src/test/resources/storage-config-unlocked");
  }
}
