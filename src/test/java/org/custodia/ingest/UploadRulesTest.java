package org.custodia.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.testing.Api;
import org.custodia.testing.EmbeddedServicesResource;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UploadRulesTest {
  private static final int MIB = 1024 * 1024;
  private static final String SHA = "0".repeat(64);

  @Inject AgroalDataSource db;
  @Inject ObjectStore store;
  @Inject OrphanReconciler reconciler;
  @Inject IngestConfig config;

  private UnitFixture f;

  @BeforeEach
  void setUp() {
    f = new UnitFixture();
  }

  private RequestSpecification tus(String token) {
    return given().header("Authorization", "Bearer " + token).header("Tus-Resumable", "1.0.0");
  }

  private io.restassured.response.ValidatableResponse create(
      Map<String, String> metadata, long length) {
    return tus(f.stationToken)
        .header("Upload-Length", length)
        .header("Upload-Metadata", UnitFixture.tusMetadata(metadata))
        .post("/api/v1/uploads")
        .then();
  }

  private Map<String, String> with(String key, String value) {
    Map<String, String> m = new HashMap<>(f.metadata(SHA));
    if (value == null) {
      m.remove(key);
    } else {
      m.put(key, value);
    }
    return m;
  }

  @Test
  void options_advertises_the_protocol_and_extensions() {
    tus(f.stationToken)
        .options("/api/v1/uploads")
        .then()
        .statusCode(204)
        .header("Tus-Version", "1.0.0")
        .header("Tus-Extension", "creation,creation-with-upload,expiration,checksum,termination")
        .header("Tus-Checksum-Algorithm", "sha1,sha256")
        .header("Tus-Max-Size", notNullValue());
  }

  @Test
  void metadata_is_validated_with_the_field_named() {
    create(with("deviceId", UUID.randomUUID().toString()), 10)
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo("deviceId"));
    create(with("officerId", UUID.randomUUID().toString()), 10)
        .statusCode(400)
        .body("field", equalTo("officerId"));
    create(with("recordedTo", "2026-11-27T09:00:00Z"), 10)
        .statusCode(400)
        .body("field", equalTo("recordedTo"));
    create(with("sha256", null), 10).statusCode(400).body("field", equalTo("sha256"));
    create(with("sha256", "not-a-hash"), 10).statusCode(400).body("field", equalTo("sha256"));
    create(with("recordedFrom", "yesterday"), 10)
        .statusCode(400)
        .body("field", equalTo("recordedFrom"));
    create(with("filename", "../../etc/passwd"), 10)
        .statusCode(400)
        .body("field", equalTo("filename"));
    create(with("deviceId", null), 10).statusCode(400).body("field", equalTo("deviceId"));
    tus(f.stationToken)
        .header("Upload-Length", 10)
        .post("/api/v1/uploads")
        .then()
        .statusCode(400)
        .body("field", equalTo("Upload-Metadata"));
    tus(f.stationToken)
        .header("Upload-Metadata", UnitFixture.tusMetadata(f.metadata(SHA)))
        .post("/api/v1/uploads")
        .then()
        .statusCode(400)
        .body("field", equalTo("Upload-Length"));
  }

  @Test
  void auxiliary_staff_cannot_be_the_recording_officer() {
    create(with("officerId", f.auxiliary.toString()), 10)
        .statusCode(422)
        .body("type", containsString("auxiliary-not-responsible"))
        .body("field", equalTo("officerId"));
  }

  @Test
  void an_upload_above_the_maximum_size_is_413() {
    create(f.metadata(SHA), 1L << 50).statusCode(413).body("field", equalTo("Upload-Length"));
  }

  @Test
  void protocol_errors_are_412_415_and_409_with_the_servers_offset() {
    given()
        .header("Authorization", "Bearer " + f.stationToken)
        .header("Tus-Resumable", "0.2.2")
        .header("Upload-Length", 1)
        .post("/api/v1/uploads")
        .then()
        .statusCode(412)
        .header("Tus-Version", "1.0.0");
    String location =
        create(f.metadata(SHA), 2 * MIB)
            .statusCode(201)
            .extract()
            .header("Location")
            .replaceFirst("^https?://[^/]+", "");
    tus(f.stationToken)
        .header("Upload-Offset", 0)
        .contentType("application/json")
        .body("{}")
        .patch(location)
        .then()
        .statusCode(415);
    tus(f.stationToken)
        .header("Upload-Offset", 5)
        .contentType("application/offset+octet-stream")
        .body(new byte[10])
        .patch(location)
        .then()
        .statusCode(409)
        .header("Upload-Offset", "0")
        .body("type", containsString("offset-mismatch"));
    tus(f.stationToken)
        .header("Upload-Offset", 0)
        .contentType("application/offset+octet-stream")
        .body(new byte[3 * MIB])
        .patch(location)
        .then()
        .statusCode(400)
        .body("field", equalTo("Content-Length"));
  }

  @Test
  void another_station_cannot_see_or_touch_the_upload() {
    String location =
        create(f.metadata(SHA), 100)
            .statusCode(201)
            .extract()
            .header("Location")
            .replaceFirst("^https?://[^/]+", "");
    String other = f.newStation();
    tus(other).head(location).then().statusCode(404);
    tus(other)
        .header("Upload-Offset", 0)
        .contentType("application/offset+octet-stream")
        .body(new byte[1])
        .patch(location)
        .then()
        .statusCode(404);
    tus(other).delete(location).then().statusCode(404);
  }

  @Test
  void a_terminated_upload_is_gone_and_its_parts_freed() {
    String location =
        create(f.metadata(SHA), 20L * MIB)
            .statusCode(201)
            .extract()
            .header("Location")
            .replaceFirst("^https?://[^/]+", "");
    tus(f.stationToken)
        .header("Upload-Offset", 0)
        .contentType("application/offset+octet-stream")
        .body(UploadTest.bytes(9, 0, 9 * MIB))
        .patch(location)
        .then()
        .statusCode(204);
    tus(f.stationToken).delete(location).then().statusCode(204);
    tus(f.stationToken).head(location).then().statusCode(410);
    String id = location.substring(location.lastIndexOf('/') + 1);
    assertThat(
            java.nio.file.Files.exists(
                EmbeddedServicesResource.dataDir().resolve("spool").resolve(id)))
        .isFalse();
    assertThat(audit("upload.terminated", id)).isEqualTo(1);
  }

  @Test
  void an_abandoned_upload_expires_and_is_cleaned_up() throws Exception {
    String location =
        create(f.metadata(SHA), 20L * MIB)
            .statusCode(201)
            .extract()
            .header("Location")
            .replaceFirst("^https?://[^/]+", "");
    tus(f.stationToken)
        .header("Upload-Offset", 0)
        .contentType("application/offset+octet-stream")
        .body(UploadTest.bytes(9, 0, MIB))
        .patch(location)
        .then()
        .statusCode(204)
        .header("Upload-Expires", notNullValue());
    String id = location.substring(location.lastIndexOf('/') + 1);
    sql(
        "UPDATE upload_session SET expires_at = now() - interval '1 minute' WHERE id = '"
            + id
            + "'::uuid");
    Api.as(f.admin).post("/api/v1/admin/ingest/expire").then().statusCode(200);
    tus(f.stationToken).head(location).then().statusCode(410);
    tus(f.stationToken)
        .header("Upload-Offset", MIB)
        .contentType("application/offset+octet-stream")
        .body(new byte[1])
        .patch(location)
        .then()
        .statusCode(410)
        .body("type", containsString("upload-gone"));
    assertThat(
            java.nio.file.Files.exists(
                EmbeddedServicesResource.dataDir().resolve("spool").resolve(id)))
        .isFalse();
    assertThat(audit("upload.expired", id)).isEqualTo(1);
  }

  @Test
  void an_upload_whose_every_byte_is_in_never_expires_and_the_next_head_completes_it()
      throws Exception {
    long size = MIB;
    String sha = UploadTest.sha256Hex(13, size);
    // every byte arrives, the completion cannot store the object
    String location = everyByteWhileTheStoreIsAway(sha, 13, size);
    String id = location.substring(location.lastIndexOf('/') + 1);
    assertThat(text("SELECT upload_offset::text FROM upload_session WHERE id = '" + id + "'::uuid"))
        .isEqualTo(String.valueOf(size));
    sql(
        "UPDATE upload_session SET expires_at = now() - interval '1 minute' WHERE id = '"
            + id
            + "'::uuid");
    Api.as(f.admin).post("/api/v1/admin/ingest/expire").then().statusCode(200);
    assertThat(text("SELECT state FROM upload_session WHERE id = '" + id + "'::uuid"))
        .isEqualTo("RECEIVING");
    tus(f.stationToken)
        .head(location)
        .then()
        .statusCode(200)
        .header("Upload-Offset", String.valueOf(size))
        .header("Custodia-SHA256", sha);
  }

  @Test
  void a_creation_with_upload_that_fails_still_names_the_upload_so_it_can_be_resumed() {
    long size = MIB;
    String sha = UploadTest.sha256Hex(17, size);
    EmbeddedServicesResource.s3().stop();
    String location;
    try {
      location =
          tus(f.stationToken)
              .header("Upload-Length", size)
              .header("Upload-Metadata", UnitFixture.tusMetadata(f.metadata(sha)))
              .contentType("application/offset+octet-stream")
              .body(UploadTest.bytes(17, 0, (int) size))
              .post("/api/v1/uploads")
              .then()
              .statusCode(503)
              .header("Retry-After", notNullValue())
              .extract()
              .header("Location");
    } finally {
      EmbeddedServicesResource.s3().start();
    }
    assertThat(location).isNotNull();
    tus(f.stationToken)
        .head(location.replaceFirst("^https?://[^/]+", ""))
        .then()
        .statusCode(200)
        .header("Custodia-SHA256", sha);
  }

  @Test
  void while_the_object_store_is_away_uploads_get_503_and_no_acknowledged_byte_is_lost() {
    String location =
        create(f.metadata(UploadTest.sha256Hex(11, 12L * MIB)), 12L * MIB)
            .statusCode(201)
            .extract()
            .header("Location")
            .replaceFirst("^https?://[^/]+", "");
    tus(f.stationToken)
        .header("Upload-Offset", 0)
        .contentType("application/offset+octet-stream")
        .body(UploadTest.bytes(11, 0, 2 * MIB))
        .patch(location)
        .then()
        .statusCode(204);
    EmbeddedServicesResource.s3().stop();
    try {
      // this PATCH fills a part, which must go to the store: refused, to be retried
      tus(f.stationToken)
          .header("Upload-Offset", 2 * MIB)
          .contentType("application/offset+octet-stream")
          .body(UploadTest.bytes(11, 2 * MIB, 8 * MIB))
          .patch(location)
          .then()
          .statusCode(503)
          .header("Retry-After", notNullValue())
          .contentType("application/problem+json");
    } finally {
      EmbeddedServicesResource.s3().start();
    }
    tus(f.stationToken)
        .head(location)
        .then()
        .statusCode(200)
        .header("Upload-Offset", String.valueOf(2 * MIB));
    tus(f.stationToken)
        .header("Upload-Offset", 2 * MIB)
        .contentType("application/offset+octet-stream")
        .body(UploadTest.bytes(11, 2 * MIB, 10 * MIB))
        .patch(location)
        .then()
        .statusCode(204)
        .header("Custodia-SHA256", UploadTest.sha256Hex(11, 12L * MIB));
  }

  @Test
  void a_patch_whose_upload_was_taken_over_is_busy_for_the_lease_time() throws Exception {
    long size = 2L * MIB;
    String location =
        create(f.metadata(UploadTest.sha256Hex(13, size)), size)
            .statusCode(201)
            .extract()
            .header("Location")
            .replaceFirst("^https?://[^/]+", "");
    String id = location.substring(location.lastIndexOf('/') + 1);
    byte[] body = UploadTest.bytes(13, 0, MIB);
    try (Socket socket = new Socket("localhost", RestAssured.port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("PATCH "
                  + location
                  + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + f.stationToken
                  + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                  + "Content-Type: application/offset+octet-stream\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, body.length / 2);
      out.flush();
      // while the PATCH streams, its lease passes to another request
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (count(
              "SELECT count(*) FROM upload_session WHERE lease_token IS NOT NULL AND id = '"
                  + id
                  + "'")
          == 0) {
        assertThat(System.nanoTime()).as("the PATCH holds the upload").isLessThan(deadline);
        Thread.sleep(20);
      }
      sql("UPDATE upload_session SET lease_token = gen_random_uuid() WHERE id = '" + id + "'");
      out.write(body, body.length / 2, body.length - body.length / 2);
      out.flush();
      String answer = answer(socket.getInputStream());
      assertThat(answer)
          .startsWith("HTTP/1.1 409")
          .containsIgnoringCase("Retry-After: " + config.lease().toSeconds() + "\r\n")
          .contains("upload-busy")
          .contains("the upload was taken over by another request");
    }
  }

  @Test
  void a_file_within_one_part_is_stored_with_one_put_which_a_retried_completion_reuses()
      throws Exception {
    long size = 3L * MIB + 5; // below the part size
    String sha = UploadTest.sha256Hex(12, size);
    // every byte arrives and is committed, storing the file fails: the completion is retried
    String location = everyByteWhileTheStoreIsAway(sha, 12, size);
    String id = location.substring(location.lastIndexOf('/') + 1);
    String key = text("SELECT object_key FROM upload_session WHERE id = '" + id + "'");
    assertThat(count("SELECT count(*) FROM evidence WHERE object_key = '" + key + "'")).isZero();
    // as if the PUT had reached the store just before a crash: the object is there, no record
    java.nio.file.Path copy = java.nio.file.Files.createTempFile("custodia-", ".bin");
    java.nio.file.Files.write(copy, UploadTest.bytes(12, 0, (int) size));
    var earlier = store.put(BucketRole.EVIDENCE, key, copy, "video/mp4");
    java.nio.file.Files.delete(copy);
    Thread.sleep(1_100); // a second PUT would leave a later modification time
    // HEAD finishes an upload whose bytes are all in
    tus(f.stationToken)
        .head(location)
        .then()
        .statusCode(200)
        .header("Upload-Offset", String.valueOf(size))
        .header("Custodia-SHA256", sha)
        .header("Custodia-Evidence-Id", notNullValue());
    var stored = store.stat(BucketRole.EVIDENCE, key, null).orElseThrow();
    assertThat(stored.lastModified()).isEqualTo(earlier.lastModified());
    assertThat(stored.size()).isEqualTo(size);

    // without a crash: one PUT, not a multipart upload (whose ETag ends in "-<parts>")
    String sha2 = UploadTest.sha256Hex(13, size);
    String second =
        tus(f.stationToken)
            .header("Upload-Length", size)
            .header("Upload-Metadata", UnitFixture.tusMetadata(f.metadata(sha2)))
            .contentType("application/offset+octet-stream")
            .body(UploadTest.bytes(13, 0, (int) size))
            .post("/api/v1/uploads")
            .then()
            .statusCode(201)
            .header("Custodia-SHA256", sha2)
            .extract()
            .header("Location");
    String key2 =
        text(
            "SELECT object_key FROM upload_session WHERE id = '"
                + second.substring(second.lastIndexOf('/') + 1)
                + "'");
    assertThat(store.stat(BucketRole.EVIDENCE, key2, null).orElseThrow().etag())
        .doesNotContain("-");
  }

  @Test
  void an_officer_uploads_a_document_with_their_own_token() {
    String officerUser = Api.unique("off");
    Api.createUser(f.admin, officerUser, "OFFICER", f.unit);
    String token = Api.login(officerUser, Api.PASSWORD);
    byte[] pdf = "%PDF-1.7 处罚决定书".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Map<String, String> m = new HashMap<>();
    m.put("filename", "处罚决定书.pdf");
    m.put("contentType", "application/pdf");
    m.put("officerId", f.officer.toString());
    m.put("sha256", UploadTest.sha256Hex(pdf));
    tus(token)
        .header("Upload-Length", pdf.length)
        .header("Upload-Metadata", UnitFixture.tusMetadata(m))
        .contentType("application/offset+octet-stream")
        .body(pdf)
        .post("/api/v1/uploads")
        .then()
        .statusCode(201)
        .header("Upload-Offset", String.valueOf(pdf.length))
        .header("Custodia-SHA256", UploadTest.sha256Hex(pdf))
        .header("Custodia-Evidence-Id", notNullValue());
  }

  @Test
  void an_object_no_record_accounts_for_is_reported_as_orphan_and_not_indexed() {
    String key = "originals/2026/11/27/" + UUID.randomUUID();
    store.put(
        BucketRole.EVIDENCE,
        key,
        new ByteArrayInputStream(new byte[] {1, 2, 3}),
        3,
        "video/mp4",
        Map.of());
    var found = reconciler.reconcile(Duration.ZERO);
    assertThat(found).extracting(OrphanReconciler.Orphan::objectKey).contains(key);
    assertThat(reconciler.unresolved())
        .extracting(OrphanReconciler.Orphan::objectKey)
        .contains(key);
    assertThat(count("SELECT count(*) FROM evidence WHERE object_key = '" + key + "'")).isZero();
    Api.as(f.admin)
        .get("/api/v1/admin/ingest/orphans")
        .then()
        .statusCode(200)
        .body("objectKey", org.hamcrest.Matchers.hasItem(key));
  }

  /**
   * Creates an upload and sends every byte of it while the object store is away, so that its
   * completion fails (503) after every byte was committed; returns the upload's path.
   */
  private String everyByteWhileTheStoreIsAway(String sha, long seed, long size) {
    String location =
        create(f.metadata(sha), size)
            .statusCode(201)
            .extract()
            .header("Location")
            .replaceFirst("^https?://[^/]+", "");
    EmbeddedServicesResource.s3().stop();
    try {
      tus(f.stationToken)
          .header("Upload-Offset", 0)
          .contentType("application/offset+octet-stream")
          .body(UploadTest.bytes(seed, 0, (int) size))
          .patch(location)
          .then()
          .statusCode(503);
    } finally {
      EmbeddedServicesResource.s3().start();
    }
    return location;
  }

  private long audit(String type, String uploadId) {
    return count(
        "SELECT count(*) FROM audit_entry WHERE event_type = '"
            + type
            + "' AND target_id = '"
            + uploadId
            + "'");
  }

  /** The head and body of one HTTP answer. */
  private static String answer(java.io.InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      assertThat(c).as("answer so far: %s", head).isNotNegative();
      head.append((char) c);
    }
    var length = java.util.regex.Pattern.compile("(?im)^content-length: *(\\d+)").matcher(head);
    int n = length.find() ? Integer.parseInt(length.group(1)) : 0;
    return head + new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }

  private void sql(String statement) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(statement)) {
      ps.executeUpdate();
    }
  }

  private String text(String query) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(query);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getString(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private long count(String query) {
    return Long.parseLong(text(query));
  }
}
