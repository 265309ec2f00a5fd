package org.custodia.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.RetentionWorld;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The store's retain-until beside the class's date, with the bundled buckets (the evidence and
 * receipts buckets keep every version 183 days from its upload): an item recorded long ago whose
 * class allows its deletion is still kept by the store, and the retention view and the disposal
 * candidates say so.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreRetentionTest {
  static final Instant LONG_AGO =
      Instant.now().minus(250, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

  @Test
  void the_buckets_default_retention_keeps_an_expired_item_and_the_view_and_disposal_say_why()
      throws Exception {
    RetentionWorld w = new RetentionWorld();
    Instant uploaded = Instant.now();
    UUID id = w.record(LONG_AGO, null);
    JsonPath r = awaitReceiptsShown(w, id);

    Instant classDate = Instant.parse(r.getString("earliestDeletion"));
    assertThat(classDate).isBefore(Instant.now());
    Instant storeUntil = Instant.parse(r.getString("store.retainUntil"));
    assertThat(storeUntil)
        .isAfter(uploaded.plus(Duration.ofDays(182)))
        .isBefore(Instant.now().plus(Duration.ofDays(184)));
    assertThat(r.getBoolean("store.legalHold")).isFalse();
    List<Map<String, Object>> objects = r.getList("store.objects");
    assertThat(objects)
        .extracting(o -> o.get("object"))
        .containsExactly(
            "original", "receipt.json", "receipt.p7s", "receipt.sm2.p7s", "receipt.tsr");
    assertThat(objects.get(0)).containsEntry("bucket", "EVIDENCE");
    assertThat(objects.subList(1, 5))
        .allSatisfy(o -> assertThat(o).containsEntry("bucket", "RECEIPTS"));
    // S3Proxy does not enforce Object Lock: the service's record and the bucket default do
    assertThat(objects).allSatisfy(o -> assertThat(o).containsEntry("enforcedBy", "SERVICE"));
    assertThat(objects).allSatisfy(o -> assertThat(o.get("retainUntil")).isNotNull());
    assertThat(r.getString("effectiveEarliestDeletion"))
        .isEqualTo(r.getString("store.retainUntil"));
    assertThat(r.getString("effectiveWhy"))
        .contains("the store retains the bytes until " + storeUntil)
        .contains("default retention");

    // the disposal lists it, skipped, saying why; it is never deleted by it
    JsonPath d = w.propose(w.supervisor1);
    assertThat(d.getString("items.find { it.evidenceId == '" + id + "' }.state"))
        .isEqualTo("SKIPPED");
    assertThat(d.getString("items.find { it.evidenceId == '" + id + "' }.detail"))
        .startsWith("original retained in the store until ");
  }

  @Test
  void an_item_of_an_open_case_has_no_effective_date_but_shows_the_stores() throws Exception {
    RetentionWorld w = new RetentionWorld();
    UUID id = w.record(LONG_AGO, w.createCase("INSPECTION", "OPEN", null));
    JsonPath r = w.retention(id);
    assertThat(r.getString("earliestDeletion")).isNull();
    assertThat(r.getBoolean("indefinite")).isTrue();
    assertThat(r.getString("effectiveEarliestDeletion")).isNull();
    assertThat(r.getString("store.retainUntil")).isNotNull();
    assertThat(r.getString("store.objects[0].object")).isEqualTo("original");
  }

  /** The retention view once the item's receipt is signed (its files then show in the store). */
  private static JsonPath awaitReceiptsShown(RetentionWorld w, UUID id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      JsonPath r = w.retention(id);
      if (r.getList("store.objects").size() == 5) {
        return r;
      }
      assertThat(System.nanoTime()).as("receipt of " + id + " signed").isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
