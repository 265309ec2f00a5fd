package org.custodia.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.SyntheticStream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ObjectStoreTest {
  @Inject ObjectStore store;

  @Test
  void streams_an_object_of_unknown_size_in_parts_and_reads_it_back_whole_and_in_ranges()
      throws Exception {
    long size = 40L * 1024 * 1024 + 12_345; // more than two parts
    long seed = 42;
    String key = "test/" + UUID.randomUUID() + "/original";
    // derived: no default retention, so the version can be deleted at the end
    StoredObject stored =
        store.put(
            BucketRole.DERIVED,
            key,
            new SyntheticStream(seed, size),
            -1,
            "video/mp4",
            Map.of("sha256", "abc"));
    assertThat(stored.size()).isEqualTo(size);
    assertThat(stored.userMetadata()).containsEntry("sha256", "abc");

    assertThat(sha256(store.get(BucketRole.DERIVED, key, stored.versionId(), null)))
        .isEqualTo(sha256(new SyntheticStream(seed, size)));
    for (long[] r :
        new long[][] {{0, 0}, {0, 99}, {size / 2, size / 2 + 1_000_000}, {size - 17, size - 1}}) {
      assertThat(sha256(store.get(BucketRole.DERIVED, key, null, new ByteRange(r[0], r[1]))))
          .as("range %d-%d", r[0], r[1])
          .isEqualTo(sha256(SyntheticStream.range(seed, r[0], r[1])));
    }
    store.delete(BucketRole.DERIVED, key, stored.versionId());
    assertThat(store.stat(BucketRole.DERIVED, key, null)).isEmpty();
  }

  @Test
  void after_the_store_restarts_the_first_writes_succeed_on_new_connections() throws Exception {
    // a few writes at once leave several idle connections in the pool
    java.util.List<java.util.concurrent.CompletableFuture<StoredObject>> before =
        new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      before.add(
          java.util.concurrent.CompletableFuture.supplyAsync(
              () ->
                  store.put(
                      BucketRole.DERIVED,
                      "test/" + UUID.randomUUID(),
                      new SyntheticStream(7, 256 * 1024),
                      256 * 1024,
                      "application/octet-stream",
                      Map.of())));
    }
    before.forEach(java.util.concurrent.CompletableFuture::join);
    org.custodia.testing.EmbeddedServicesResource.s3().stop();
    org.custodia.testing.EmbeddedServicesResource.s3().start();
    // the pooled connections are now closed by the other side; neither write may fail for it
    java.nio.file.Path file = java.nio.file.Files.createTempFile("custodia-", ".bin");
    try {
      java.nio.file.Files.write(file, SyntheticStream.range(8, 0, 99_999).readAllBytes());
      String key = "test/" + UUID.randomUUID();
      assertThat(store.put(BucketRole.DERIVED, key, file, "application/octet-stream").size())
          .isEqualTo(100_000);
      String multipart =
          ((MultipartUpload) store)
              .start(BucketRole.DERIVED, "test/" + UUID.randomUUID(), "application/octet-stream");
      assertThat(multipart).isNotBlank();
      assertThat(store.stat(BucketRole.DERIVED, key, null)).isPresent();
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void after_the_store_restarts_the_first_read_succeeds_on_a_new_connection() throws Exception {
    String key = "test/" + UUID.randomUUID();
    store.put(
        BucketRole.DERIVED, key, new SyntheticStream(9, 300_000), 300_000, "video/mp4", Map.of());
    // reads at once leave several idle connections in the pool
    java.util.List<java.util.concurrent.CompletableFuture<String>> before =
        new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      before.add(
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return sha256(store.get(BucketRole.DERIVED, key, null, null));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    before.forEach(java.util.concurrent.CompletableFuture::join);
    org.custodia.testing.EmbeddedServicesResource.s3().stop();
    org.custodia.testing.EmbeddedServicesResource.s3().start();
    // the pooled connections are now closed by the other side (as after a store's idle timeout):
    // a verification, a stream or a fixity check must not fail for it
    assertThat(sha256(store.get(BucketRole.DERIVED, key, null, new ByteRange(0, 99_999))))
        .isEqualTo(sha256(SyntheticStream.range(9, 0, 99_999)));
    assertThat(sha256(store.get(BucketRole.DERIVED, key, null, null)))
        .isEqualTo(sha256(new SyntheticStream(9, 300_000)));
  }

  @Test
  void after_the_store_restarts_the_first_listing_succeeds_on_a_new_connection() throws Exception {
    String prefix = "test/list-" + UUID.randomUUID() + "/";
    for (int i = 0; i < 3; i++) {
      store.put(
          BucketRole.DERIVED,
          prefix + i,
          new SyntheticStream(i, 1000),
          1000,
          "application/octet-stream",
          Map.of());
    }
    java.util.List<String> keys = new java.util.ArrayList<>();
    store.list(BucketRole.DERIVED, prefix).forEach(o -> keys.add(o.key()));
    assertThat(keys).containsExactly(prefix + 0, prefix + 1, prefix + 2);
    org.custodia.testing.EmbeddedServicesResource.s3().stop();
    org.custodia.testing.EmbeddedServicesResource.s3().start();
    // the pooled connection is now closed by the other side (as after a store's idle timeout):
    // the orphan scan and fixity's foreign-object scan list, and must not fail for it
    java.util.List<String> again = new java.util.ArrayList<>();
    store.list(BucketRole.DERIVED, prefix).forEach(o -> again.add(o.key()));
    assertThat(again).containsExactly(prefix + 0, prefix + 1, prefix + 2);
  }

  @Test
  void stat_of_a_missing_object_is_empty() {
    assertThat(store.stat(BucketRole.DERIVED, "test/" + UUID.randomUUID(), null)).isEmpty();
  }

  @Test
  void every_bucket_of_the_definitions_exists() {
    for (BucketRole role : BucketRole.values()) {
      String key = "test/" + UUID.randomUUID();
      byte[] body = role.name().getBytes();
      store.put(role, key, new ByteArrayInputStream(body), body.length, "text/plain", Map.of());
      assertThat(store.stat(role, key, null))
          .get()
          .extracting(StoredObject::size)
          .isEqualTo((long) body.length);
      assertThat(store.bucketName(role)).startsWith("custodia-");
    }
  }

  @Test
  void keys_that_could_escape_or_come_from_user_input_are_refused() {
    for (String key :
        new String[] {
          "../etc/passwd",
          "a/../../b",
          "/absolute",
          "UPPER/case",
          "space in key",
          "a//b",
          "",
          "trailing/",
          "ünicode"
        }) {
      assertThatThrownBy(() -> store.stat(BucketRole.EVIDENCE, key, null))
          .as(key)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(ObjectKeys.requireSafe("evidence/2026/11/0193a1b2-c3d4/original")).isNotNull();
  }

  private static String sha256(InputStream in) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (DigestInputStream d = new DigestInputStream(in, digest)) {
      d.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
