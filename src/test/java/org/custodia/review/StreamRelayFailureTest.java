package org.custodia.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.custodia.support.Jdbc;
import org.custodia.testing.SyntheticStream;
import org.custodia.testing.UnitFixture;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** What the relay from the object store does when one side of it fails. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StreamRelayFailureTest {
  @Inject AgroalDataSource db;
  @Inject org.custodia.storage.ObjectStore store;

  @Test
  void readers_hanging_up_midway_release_their_store_connections() throws Exception {
    long size = 48L << 20;
    UnitFixture f = new UnitFixture();
    UUID id = f.uploadSynthetic(91, size, "application/octet-stream");
    String officer = f.user("OFFICER");
    String path = "/api/v1/evidence/" + id + "/content";
    // more hang-ups than the store connection pool holds, each while the relay is mid-body; then
    // the service must still serve whole and ranged reads, byte for byte
    int pool = ConfigProvider.getConfig().getValue("custodia.s3.max-connections", Integer.class);
    for (int i = 0; i < pool + 20; i++) {
      try (Socket s = new Socket("localhost", RestAssured.port)) {
        OutputStream out = s.getOutputStream();
        out.write(
            ("GET "
                    + path
                    + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + officer
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        assertThat(in.readNBytes(64 * 1024)).hasSize(64 * 1024);
      }
    }
    Response whole = given().header("Authorization", "Bearer " + officer).get(path);
    assertThat(whole.statusCode()).isEqualTo(200);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = whole.asInputStream()) {
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      for (int n; (n = in.read(buffer)) >= 0; total += n) {
        sha.update(buffer, 0, n);
      }
      assertThat(total).isEqualTo(size);
    }
    assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(UnitFixture.sha256(91, size));
    try (InputStream expected = SyntheticStream.range(91, size - 100, size - 1)) {
      assertThat(
              given()
                  .header("Authorization", "Bearer " + officer)
                  .header("Range", "bytes=-100")
                  .get(path)
                  .asByteArray())
          .isEqualTo(expected.readAllBytes());
    }
  }

  @Test
  void an_original_gone_from_the_store_is_a_problem_response_not_a_broken_stream()
      throws Exception {
    UnitFixture f = new UnitFixture();
    UUID id = f.uploadSynthetic(92, 100_000, "application/octet-stream");
    String key =
        Jdbc.one(db, "SELECT object_key FROM evidence WHERE id = ?", rs -> rs.getString(1), id)
            .orElseThrow();
    // what a lost object looks like to the service: the record is there, the bytes are not
    // (behind the service's back: the port itself refuses to delete a retained original)
    org.custodia.testing.RawS3.client()
        .removeObject(
            io.minio.RemoveObjectArgs.builder()
                .bucket(store.bucketName(org.custodia.storage.BucketRole.EVIDENCE))
                .object(key)
                .build());
    Response r =
        given()
            .header("Authorization", "Bearer " + f.user("REVIEWER"))
            .header("Range", "bytes=0-99")
            .get("/api/v1/evidence/" + id + "/content");
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.jsonPath().getString("type")).endsWith("storage-error");
    assertThat(r.jsonPath().getString("detail")).contains("not found in the store");
    assertThat(r.header("Content-Range")).isNull();
  }
}
