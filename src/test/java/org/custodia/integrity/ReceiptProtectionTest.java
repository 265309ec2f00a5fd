package org.custodia.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceService;
import org.custodia.retention.ProtectionPort;
import org.custodia.storage.BucketRole;
import org.custodia.storage.Protection;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * A receipt signed after its item was first protected is protected as soon as it is stored, not at
 * the retention sweep (which the tests run only by hand). The buckets have no default retention
 * here, so only the service's protection can show.
 */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(org.custodia.testing.UnlockedBucketsProfile.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReceiptProtectionTest {
  @Inject Signing signing;
  @Inject ProtectionPort port;
  @Inject EvidenceService evidence;

  @Test
  void a_receipt_signed_late_is_protected_as_soon_as_it_is_stored() throws Exception {
    UnitFixture f = new UnitFixture();
    Timestamper t = signing.timestamper();
    t.reconfigure(URI.create("http://127.0.0.1:9/tsa"), false);
    UUID id;
    Protection original;
    try {
      id = f.uploadSynthetic(2401, 100_000, "application/pdf");
      awaitState(f, id, "FAILED");
      Evidence e = evidence.find(id).orElseThrow();
      original = port.protection(BucketRole.EVIDENCE, e.objectKey(), e.objectVersion());
      // protected at ingest, before its receipt exists
      assertThat(original.retainUntil()).isNotNull();
    } finally {
      t.reconfigure(null, true);
    }
    awaitState(f, id, "SIGNED");
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    for (String file : new String[] {Receipts.JSON, Receipts.P7S, Receipts.SM2_P7S, Receipts.TSR}) {
      Protection p;
      while ((p = port.protection(BucketRole.RECEIPTS, Receipts.objectKey(id, file), null))
                  .retainUntil()
              == null
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(p.retainUntil()).as(file).isEqualTo(original.retainUntil());
    }
  }

  private static void awaitState(UnitFixture f, UUID id, String state) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      String s =
          as(f.admin)
              .get("/api/v1/evidence/" + id + "/receipt")
              .then()
              .statusCode(200)
              .extract()
              .path("state");
      if (state.equals(s)) {
        return;
      }
      assertThat(System.nanoTime()).as("receipt of " + id + " " + state).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
