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
    StoredObject stored =
        store.put(
            BucketRole.EVIDENCE,
            key,
            new SyntheticStream(seed, size),
            -1,
            "video/mp4",
            Map.of("sha256", "abc"));
    assertThat(stored.size()).isEqualTo(size);
    assertThat(stored.userMetadata()).containsEntry("sha256", "abc");

    assertThat(sha256(store.get(BucketRole.EVIDENCE, key, stored.versionId(), null)))
        .isEqualTo(sha256(new SyntheticStream(seed, size)));
    for (long[] r :
        new long[][] {{0, 0}, {0, 99}, {size / 2, size / 2 + 1_000_000}, {size - 17, size - 1}}) {
      assertThat(sha256(store.get(BucketRole.EVIDENCE, key, null, new ByteRange(r[0], r[1]))))
          .as("range %d-%d", r[0], r[1])
          .isEqualTo(sha256(SyntheticStream.range(seed, r[0], r[1])));
    }
    store.delete(BucketRole.EVIDENCE, key, stored.versionId());
    assertThat(store.stat(BucketRole.EVIDENCE, key, null)).isEmpty();
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
