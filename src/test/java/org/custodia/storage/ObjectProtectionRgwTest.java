package org.custodia.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.minio.GetObjectRetentionArgs;
import io.minio.IsObjectLegalHoldEnabledArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.SetObjectRetentionArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Retention;
import io.minio.messages.RetentionMode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.custodia.support.Jdbc;
import org.custodia.testing.RawS3;
import org.custodia.testing.RgwProfile;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The WORM rules against Ceph's RADOS Gateway (one-node cluster from {@code scripts/rgw}), which
 * enforces S3 Object Lock: the same rules as {@link ObjectProtectionTest}, and what the store
 * refuses even to its own administrator's keys.
 */
@QuarkusTest
@TestProfile(RgwProfile.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ObjectProtectionRgwTest extends ObjectProtectionContract {
  @Inject AgroalDataSource db;

  @Override
  boolean storeEnforces() {
    return true;
  }

  /** A version written with its own short COMPLIANCE retention (overriding the bucket default). */
  @Override
  StoredObject retainedUntil(Instant until) throws Exception {
    String key = "test/" + UUID.randomUUID() + "/original";
    byte[] body = key.getBytes(StandardCharsets.UTF_8);
    RawS3.client(new LockDates())
        .putObject(
            PutObjectArgs.builder()
                .bucket(store.bucketName(BucketRole.EVIDENCE))
                .object(key)
                .stream(new ByteArrayInputStream(body), body.length, -1)
                .retention(new Retention(RetentionMode.COMPLIANCE, zoned(until)))
                .build());
    return store.stat(BucketRole.EVIDENCE, key, null).orElseThrow();
  }

  @Test
  void a_locked_version_cannot_be_deleted_or_its_retention_shortened_even_with_the_stores_own_keys()
      throws Exception {
    StoredObject o = put(BucketRole.EVIDENCE);
    Instant until = Instant.now().plus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);
    store.retain(BucketRole.EVIDENCE, o.key(), o.versionId(), until);
    MinioClient raw = RawS3.client(new LockDates());
    String bucket = store.bucketName(BucketRole.EVIDENCE);

    // the port set a COMPLIANCE retention in the store itself
    Retention inStore =
        raw.getObjectRetention(
            GetObjectRetentionArgs.builder()
                .bucket(bucket)
                .object(o.key())
                .versionId(o.versionId())
                .build());
    assertThat(inStore.mode()).isEqualTo(RetentionMode.COMPLIANCE);
    assertThat(inStore.retainUntilDate().toInstant()).isEqualTo(until);

    for (boolean bypass : new boolean[] {false, true}) {
      assertRefused(
          () ->
              raw.removeObject(
                  RemoveObjectArgs.builder()
                      .bucket(bucket)
                      .object(o.key())
                      .versionId(o.versionId())
                      .bypassGovernanceMode(bypass)
                      .build()));
      for (RetentionMode mode : RetentionMode.values()) {
        assertRefused(
            () ->
                raw.setObjectRetention(
                    SetObjectRetentionArgs.builder()
                        .bucket(bucket)
                        .object(o.key())
                        .versionId(o.versionId())
                        .config(new Retention(mode, zoned(Instant.now().plusSeconds(5))))
                        .bypassGovernanceMode(bypass)
                        .build()));
      }
    }
    assertThat(store.stat(BucketRole.EVIDENCE, o.key(), o.versionId())).isPresent();
    assertThat(store.protection(BucketRole.EVIDENCE, o.key(), o.versionId()).retainUntil())
        .isEqualTo(until);
  }

  @Test
  void a_legal_hold_is_mirrored_in_the_store_and_holds_against_its_own_keys() throws Exception {
    Instant until = Instant.now().plusSeconds(2);
    StoredObject o = retainedUntil(until);
    store.legalHold(BucketRole.EVIDENCE, o.key(), o.versionId(), true);
    MinioClient raw = RawS3.client(new LockDates());
    String bucket = store.bucketName(BucketRole.EVIDENCE);
    assertThat(
            raw.isObjectLegalHoldEnabled(
                IsObjectLegalHoldEnabledArgs.builder()
                    .bucket(bucket)
                    .object(o.key())
                    .versionId(o.versionId())
                    .build()))
        .isTrue();
    passes(until);
    assertRefused(
        () ->
            raw.removeObject(
                RemoveObjectArgs.builder()
                    .bucket(bucket)
                    .object(o.key())
                    .versionId(o.versionId())
                    .bypassGovernanceMode(true)
                    .build()));

    store.legalHold(BucketRole.EVIDENCE, o.key(), o.versionId(), false);
    assertThat(
            raw.isObjectLegalHoldEnabled(
                IsObjectLegalHoldEnabledArgs.builder()
                    .bucket(bucket)
                    .object(o.key())
                    .versionId(o.versionId())
                    .build()))
        .isFalse();
    store.delete(BucketRole.EVIDENCE, o.key(), o.versionId());
    assertThat(store.stat(BucketRole.EVIDENCE, o.key(), o.versionId())).isEmpty();
  }

  @Test
  void the_services_own_ingest_stores_originals_and_receipts_in_the_locked_buckets()
      throws Exception {
    UnitFixture f = new UnitFixture();
    // one PUT (within a part) and a multipart upload (RGW answers its completion without an ETag)
    for (long size : new long[] {100_000, 40L * 1024 * 1024 + 7}) {
      UUID id = f.uploadSynthetic(size, size, "video/mp4");
      var evidence =
          io.restassured.RestAssured.given()
              .header("Authorization", "Bearer " + f.admin)
              .get("/api/v1/evidence/" + id)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(evidence.getString("sha256")).isEqualTo(UnitFixture.sha256(size, size));
      String[] object =
          Jdbc.one(
                  db,
                  "SELECT object_key, object_version FROM evidence WHERE id = ?",
                  rs -> new String[] {rs.getString(1), rs.getString(2)},
                  id)
              .orElseThrow();
      String key = object[0];
      String version = object[1];
      assertThat(version).isNotBlank();
      Protection p = store.protection(BucketRole.EVIDENCE, key, version);
      assertThat(p.storeEnforced()).isTrue();
      assertThat(p.retainUntil()).isAfter(Instant.now().plus(Duration.ofDays(182)));
      assertThatThrownBy(() -> store.delete(BucketRole.EVIDENCE, key, version))
          .isInstanceOf(ProtectedObjectException.class);

      String receipt = "receipts/" + id + "/receipt.json";
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (store.stat(BucketRole.RECEIPTS, receipt, null).isEmpty()
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      StoredObject r = store.stat(BucketRole.RECEIPTS, receipt, null).orElseThrow();
      assertThat(store.protection(BucketRole.RECEIPTS, receipt, r.versionId()).storeEnforced())
          .isTrue();
      assertThatThrownBy(() -> store.delete(BucketRole.RECEIPTS, receipt, r.versionId()))
          .isInstanceOf(ProtectedObjectException.class);
    }
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void assertRefused(Call call) {
    assertThatThrownBy(call::run)
        .isInstanceOf(ErrorResponseException.class)
        .satisfies(
            e ->
                assertThat(((ErrorResponseException) e).errorResponse().code())
                    .isEqualTo("AccessDenied"));
  }

  private static ZonedDateTime zoned(Instant instant) {
    return ZonedDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
