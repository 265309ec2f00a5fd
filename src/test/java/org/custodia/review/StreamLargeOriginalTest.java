package org.custodia.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.EvidenceKind;
import org.custodia.dossier.EvidenceRepository;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.testing.Api;
import org.custodia.testing.SyntheticStream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StreamLargeOriginalTest {
  private static final long GIB = 1L << 30;
  private static final long SEED = 4242;

  @Inject ObjectStore store;
  @Inject EvidenceRepository evidence;

  private static byte[] expected(long first, long last) throws Exception {
    try (InputStream in = SyntheticStream.range(SEED, first, last)) {
      return in.readAllBytes();
    }
  }

  @Test
  void ranges_anywhere_in_a_one_gib_original_are_exactly_the_stored_bytes() throws Exception {
    String admin = Api.adminToken();
    UUID unit = Api.createUnit(admin, Api.unique("BIG"), "大文件单位");
    UUID id = UUID.randomUUID();
    String key = "originals/test/" + id;
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(new SyntheticStream(SEED, GIB), sha)) {
      store.put(BucketRole.EVIDENCE, key, in, GIB, "video/mp4", Map.of());
    }
    byte[] sha256 = sha.digest();
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                evidence.insert(
                    new EvidenceRepository.NewEvidence(
                        id,
                        unit,
                        sha256,
                        new byte[32],
                        GIB,
                        "video/mp4",
                        EvidenceKind.VIDEO,
                        "big.mp4",
                        null,
                        null,
                        key,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        null,
                        null,
                        null)));
    String path = "/api/v1/evidence/" + id + "/content";

    Response head = given().header("Authorization", "Bearer " + admin).head(path);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(GIB));

    long[][] ranges = {
      {0, (1 << 20) - 1},
      {16L * 1024 * 1024 - 1000, 16L * 1024 * 1024 + 1000}, // across a multipart part boundary
      {GIB / 2 - 777_777, GIB / 2 + 777_777},
      {GIB - 3_000_000, GIB - 1}
    };
    for (long[] r : ranges) {
      Response res =
          given()
              .header("Authorization", "Bearer " + admin)
              .header("Range", "bytes=" + r[0] + "-" + r[1])
              .get(path);
      assertThat(res.statusCode()).isEqualTo(206);
      assertThat(res.header("Content-Range")).isEqualTo("bytes " + r[0] + "-" + r[1] + "/" + GIB);
      assertThat(res.asByteArray()).isEqualTo(expected(r[0], r[1]));
    }
    Response suffix =
        given()
            .header("Authorization", "Bearer " + admin)
            .header("Range", "bytes=-65536")
            .get(path);
    assertThat(suffix.header("Content-Range"))
        .isEqualTo("bytes " + (GIB - 65536) + "-" + (GIB - 1) + "/" + GIB);
    assertThat(suffix.asByteArray()).isEqualTo(expected(GIB - 65536, GIB - 1));
    Response open =
        given()
            .header("Authorization", "Bearer " + admin)
            .header("Range", "bytes=" + (GIB - 100_000) + "-")
            .get(path);
    assertThat(open.asByteArray()).isEqualTo(expected(GIB - 100_000, GIB - 1));
    assertThat(
            given()
                .header("Authorization", "Bearer " + admin)
                .header("Range", "bytes=" + GIB + "-")
                .get(path)
                .header("Content-Range"))
        .isEqualTo("bytes */" + GIB);
  }
}
