package org.custodia.storage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The WORM rules of the object-store port, run against both kinds of store: S3Proxy, where only the
 * service enforces them ({@link ObjectProtectionTest}), and Ceph RGW, where the store's Object Lock
 * enforces them too ({@link ObjectProtectionRgwTest}). Every delete here is a direct call to the
 * port, below any API, role or service rule.
 */
abstract class ObjectProtectionContract {
  @Inject ObjectStore store;

  /** Whether this store enforces Object Lock itself. */
  abstract boolean storeEnforces();

  /**
   * A new version retained until {@code until} (a few seconds ahead), in a bucket without a default
   * retention that outlasts the test, under the store's own lock where it has one.
   */
  abstract StoredObject retainedUntil(Instant until) throws Exception;

  StoredObject put(BucketRole bucket) {
    byte[] body = ("protected " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    return store.put(
        bucket,
        "test/" + UUID.randomUUID() + "/original",
        new ByteArrayInputStream(body),
        body.length,
        "text/plain",
        Map.of());
  }

  @Test
  void health_says_who_enforces_worm() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body(
            "checks.find { it.name == 'object-store' }.data.worm",
            equalTo(storeEnforces() ? "store" : "service"))
        .body(
            "checks.find { it.name == 'object-store' }.data.objectLockEnforced",
            equalTo(storeEnforces()));
  }

  @Test
  void a_new_original_is_kept_for_the_buckets_default_retention_and_cannot_be_deleted() {
    StoredObject o = put(BucketRole.EVIDENCE);
    Protection p = store.protection(BucketRole.EVIDENCE, o.key(), o.versionId());
    assertThat(p.storeEnforced()).isEqualTo(storeEnforces());
    assertThat(p.legalHold()).isFalse();
    assertThat(p.retainUntil()).isAfter(Instant.now().plus(Duration.ofDays(182)));

    assertThatThrownBy(() -> store.delete(BucketRole.EVIDENCE, o.key(), o.versionId()))
        .isInstanceOf(ProtectedObjectException.class)
        .hasMessageContaining("retained until");
    // nor as "the current version"
    assertThatThrownBy(() -> store.delete(BucketRole.EVIDENCE, o.key(), null))
        .isInstanceOf(ProtectedObjectException.class);
    assertThat(store.stat(BucketRole.EVIDENCE, o.key(), o.versionId())).isPresent();
    assertThat(store.stat(BucketRole.EVIDENCE, o.key(), null))
        .get()
        .extracting(StoredObject::versionId)
        .isEqualTo(o.versionId());
  }

  @Test
  void a_receipt_is_kept_like_the_original() {
    StoredObject o = put(BucketRole.RECEIPTS);
    assertThat(store.protection(BucketRole.RECEIPTS, o.key(), o.versionId()).retainUntil())
        .isAfter(Instant.now().plus(Duration.ofDays(182)));
    assertThatThrownBy(() -> store.delete(BucketRole.RECEIPTS, o.key(), o.versionId()))
        .isInstanceOf(ProtectedObjectException.class);
  }

  @Test
  void retention_is_extended_but_never_shortened() {
    StoredObject o = put(BucketRole.EVIDENCE);
    Instant longer = Instant.now().plus(Duration.ofDays(4000)).truncatedTo(ChronoUnit.SECONDS);
    store.retain(BucketRole.EVIDENCE, o.key(), o.versionId(), longer);
    assertThat(store.protection(BucketRole.EVIDENCE, o.key(), o.versionId()).retainUntil())
        .isEqualTo(longer);

    // an earlier date is ignored, not an error
    store.retain(BucketRole.EVIDENCE, o.key(), o.versionId(), longer.minus(Duration.ofDays(3000)));
    store.retain(BucketRole.EVIDENCE, o.key(), o.versionId(), Instant.now().minusSeconds(60));
    assertThat(store.protection(BucketRole.EVIDENCE, o.key(), o.versionId()).retainUntil())
        .isEqualTo(longer);
    assertThatThrownBy(() -> store.delete(BucketRole.EVIDENCE, o.key(), o.versionId()))
        .isInstanceOf(ProtectedObjectException.class);
  }

  @Test
  void a_legal_hold_blocks_deletion_until_it_is_lifted() throws Exception {
    Instant until = Instant.now().plusSeconds(2);
    StoredObject o = retainedUntil(until);
    store.legalHold(o.bucket(), o.key(), o.versionId(), true);
    Protection held = store.protection(o.bucket(), o.key(), o.versionId());
    assertThat(held.legalHold()).isTrue();
    assertThat(held.storeEnforced()).isEqualTo(storeEnforces());

    passes(until);
    // the retention is over, the hold is not
    assertThatThrownBy(() -> store.delete(o.bucket(), o.key(), o.versionId()))
        .isInstanceOf(ProtectedObjectException.class)
        .hasMessageContaining("legal hold");
    assertThat(store.stat(o.bucket(), o.key(), o.versionId())).isPresent();

    store.legalHold(o.bucket(), o.key(), o.versionId(), false);
    assertThat(store.protection(o.bucket(), o.key(), o.versionId()).legalHold()).isFalse();
    store.delete(o.bucket(), o.key(), o.versionId());
    assertThat(store.stat(o.bucket(), o.key(), o.versionId())).isEmpty();
  }

  @Test
  void once_its_retention_has_passed_a_version_can_be_deleted() throws Exception {
    Instant until = Instant.now().plusSeconds(2);
    StoredObject o = retainedUntil(until);
    assertThatThrownBy(() -> store.delete(o.bucket(), o.key(), o.versionId()))
        .isInstanceOf(ProtectedObjectException.class);
    // shortening it to now is ignored: still refused
    store.retain(o.bucket(), o.key(), o.versionId(), Instant.now());
    assertThatThrownBy(() -> store.delete(o.bucket(), o.key(), o.versionId()))
        .isInstanceOf(ProtectedObjectException.class);

    passes(until);
    store.delete(o.bucket(), o.key(), o.versionId());
    assertThat(store.stat(o.bucket(), o.key(), o.versionId())).isEmpty();
  }

  /** Waits (a few seconds at most) until {@code until} is over, by the clock and by S3's. */
  static void passes(Instant until) throws InterruptedException {
    Instant after = until.truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
    while (Instant.now().isBefore(after)) {
      Thread.sleep(Math.max(1, Duration.between(Instant.now(), after).toMillis()));
    }
  }
}
