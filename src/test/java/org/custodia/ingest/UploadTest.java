package org.custodia.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tus.java.client.ProtocolException;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.testing.Api;
import org.custodia.testing.EmbeddedServicesResource;
import org.custodia.testing.SyntheticStream;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UploadTest {
  private static final int MIB = 1024 * 1024;

  @Inject ObjectStore store;
  @Inject AgroalDataSource db;
  @Inject io.micrometer.core.instrument.MeterRegistry metrics;

  private UnitFixture f;

  @BeforeEach
  void setUp() {
    f = new UnitFixture();
  }

  private ExtractableResponse<Response> head(String token, String path) {
    return given()
        .header("Authorization", "Bearer " + token)
        .header("Tus-Resumable", "1.0.0")
        .head(path)
        .then()
        .extract();
  }

  @Test
  void a_multi_part_upload_is_archived_and_acknowledged_with_the_hashes_the_server_computed()
      throws Exception {
    long seed = 1, size = 20L * MIB + 777;
    String sha = UnitFixture.sha256(seed, size);
    URL url =
        UnitFixture.upload(
            UnitFixture.client(f.stationToken), seed, size, f.metadata(sha), 3 * MIB);

    var head = head(f.stationToken, url.getPath());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.header("Upload-Offset")).isEqualTo(String.valueOf(size));
    assertThat(head.header("Custodia-SHA256")).isEqualTo(sha);
    assertThat(head.header("Custodia-SM3")).isEqualTo(UnitFixture.sm3(seed, size));
    String evidenceId = head.header("Custodia-Evidence-Id");

    var evidence =
        Api.as(f.admin).get("/api/v1/evidence/" + evidenceId).then().statusCode(200).extract();
    assertThat(evidence.<String>path("sha256")).isEqualTo(sha);
    assertThat(((Number) evidence.path("size")).longValue()).isEqualTo(size);
    String key = objectKey(evidenceId);
    MessageDigest stored = MessageDigest.getInstance("SHA-256");
    try (var in =
        new java.security.DigestInputStream(
            store.get(BucketRole.EVIDENCE, key, null, null), stored)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    assertThat(HexFormat.of().formatHex(stored.digest())).isEqualTo(sha);
    assertThat(auditCount("evidence.ingested", "evidence", evidenceId)).isEqualTo(1);
  }

  @Test
  void an_interrupted_upload_resumes_without_resending_acknowledged_bytes() throws Exception {
    long seed = 2, size = 12L * MIB + 5;
    String sha = UnitFixture.sha256(seed, size);
    String location = create(f.stationToken, size, f.metadata(sha));
    patch(f.stationToken, location, 0, 9 * MIB, seed)
        .then()
        .statusCode(204)
        .header("Upload-Offset", String.valueOf(9 * MIB));
    // a PATCH that breaks off after 1 MiB of a promised 3 MiB: what arrived is kept
    int status = brokenPatch(location, 9 * MIB, 3 * MIB, MIB, seed);
    assertThat(status).isIn(-1, 400);
    long offset = Long.parseLong(awaitOffsetAtLeast(location, 9L * MIB));
    assertThat(offset).isBetween(9L * MIB, 10L * MIB);

    patch(f.stationToken, location, offset, size - offset, seed)
        .then()
        .statusCode(204)
        .header("Upload-Offset", String.valueOf(size))
        .header("Custodia-SHA256", sha);
  }

  @Test
  void the_tus_client_resumes_from_the_servers_offset_and_sends_only_the_rest() throws Exception {
    long seed = 3, size = 10L * MIB + 3;
    String sha = UnitFixture.sha256(seed, size);
    var client = UnitFixture.client(f.stationToken);
    io.tus.java.client.TusUpload upload = new io.tus.java.client.TusUpload();
    upload.setInputStream(new SyntheticStream(seed, size));
    upload.setSize(size);
    upload.setFingerprint("resume-" + java.util.UUID.randomUUID());
    upload.setMetadata(f.metadata(sha));
    var uploader = client.resumeOrCreateUpload(upload);
    uploader.setChunkSize(256 * 1024);
    uploader.setRequestPayloadSize(4 * MIB);
    for (int i = 0; i < 20; i++) {
      uploader.uploadChunk(); // 20 × 256 KiB, then the "station" goes offline
    }
    uploader.finish();
    long acknowledged =
        Long.parseLong(
            head(f.stationToken, uploader.getUploadURL().getPath()).header("Upload-Offset"));
    assertThat(acknowledged).isGreaterThan(MIB).isLessThan(size);

    upload.setInputStream(new SyntheticStream(seed, size));
    double before = metrics.counter("custodia.ingest.bytes.received").count();
    // the same client (and its URL store) resumes: it asks the server for the offset first
    var again = client.resumeUpload(upload);
    again.setChunkSize(256 * 1024);
    again.setRequestPayloadSize(4 * MIB);
    while (again.uploadChunk() > -1) {}
    again.finish();
    // the server received only what it had not acknowledged
    assertThat(metrics.counter("custodia.ingest.bytes.received").count() - before)
        .isEqualTo((double) (size - acknowledged));
    assertThat(head(f.stationToken, again.getUploadURL().getPath()).header("Custodia-SHA256"))
        .isEqualTo(sha);
  }

  @Test
  void a_chunk_with_a_wrong_checksum_is_discarded_and_the_offset_stays() throws Exception {
    long seed = 4, size = 3L * MIB;
    String location = create(f.stationToken, size, f.metadata(UnitFixture.sha256(seed, size)));
    byte[] chunk = bytes(seed, 0, MIB);
    given()
        .header("Authorization", "Bearer " + f.stationToken)
        .header("Tus-Resumable", "1.0.0")
        .header("Upload-Offset", "0")
        .header(
            "Upload-Checksum",
            "sha256 "
                + Base64.getEncoder()
                    .encodeToString(
                        MessageDigest.getInstance("SHA-256")
                            .digest("other".getBytes(StandardCharsets.US_ASCII))))
        .contentType("application/offset+octet-stream")
        .body(chunk)
        .patch(location)
        .then()
        .statusCode(460)
        .header("Tus-Resumable", "1.0.0")
        .body("type", equalTo("https://custodia.example/problems/checksum-mismatch"));
    assertThat(head(f.stationToken, location).header("Upload-Offset")).isEqualTo("0");
    given()
        .header("Authorization", "Bearer " + f.stationToken)
        .header("Tus-Resumable", "1.0.0")
        .header("Upload-Offset", "0")
        .header(
            "Upload-Checksum",
            "sha1 "
                + Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-1").digest(chunk)))
        .contentType("application/offset+octet-stream")
        .body(chunk)
        .patch(location)
        .then()
        .statusCode(204)
        .header("Upload-Offset", String.valueOf(MIB));
  }

  @Test
  void bytes_that_do_not_match_the_claimed_hash_are_quarantined_and_not_indexed() throws Exception {
    long seed = 5, size = 2L * MIB;
    String claimed = UnitFixture.sha256(seed + 1, size);
    URL created;
    var client = UnitFixture.client(f.stationToken);
    assertThatThrownBy(() -> UnitFixture.upload(client, seed, size, f.metadata(claimed), MIB))
        .isInstanceOf(ProtocolException.class);
    String location = lastUpload(f.station);
    head(f.stationToken, location);
    given()
        .header("Authorization", "Bearer " + f.stationToken)
        .header("Tus-Resumable", "1.0.0")
        .head(location)
        .then()
        .statusCode(410);
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT state, object_key, encode(sha256,'hex') FROM upload_session WHERE id = ?::uuid")) {
      ps.setString(1, location.substring(location.lastIndexOf('/') + 1));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("QUARANTINED");
        assertThat(rs.getString(3)).isEqualTo(UnitFixture.sha256(seed, size));
        assertThat(store.stat(BucketRole.EVIDENCE, rs.getString(2), null)).isPresent();
        assertThat(
                count("SELECT count(*) FROM evidence WHERE object_key = '" + rs.getString(2) + "'"))
            .isZero();
      }
    }
    created = null;
    assertThat(created).isNull();
  }

  @Test
  void a_resent_file_gets_the_existing_evidence_back() throws Exception {
    long seed = 6, size = MIB + 1;
    String sha = UnitFixture.sha256(seed, size);
    URL first =
        UnitFixture.upload(UnitFixture.client(f.stationToken), seed, size, f.metadata(sha), MIB);
    URL second =
        UnitFixture.upload(UnitFixture.client(f.stationToken), seed, size, f.metadata(sha), MIB);
    assertThat(second).isNotEqualTo(first);
    var a = head(f.stationToken, first.getPath());
    var b = head(f.stationToken, second.getPath());
    assertThat(b.header("Custodia-Evidence-Id")).isEqualTo(a.header("Custodia-Evidence-Id"));
    assertThat(count("SELECT count(*) FROM evidence WHERE sha256 = decode('" + sha + "','hex')"))
        .isEqualTo(1);
    assertThat(b.header("Custodia-SHA256")).isEqualTo(sha);
    // the second copy of the bytes stays (WORM: a version in the evidence bucket is never
    // deleted within its retention), named by its upload session
    String secondId = second.getPath().substring(second.getPath().lastIndexOf('/') + 1);
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT object_key FROM upload_session WHERE id = ?::uuid")) {
      ps.setString(1, secondId);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        String key = rs.getString(1);
        assertThat(store.stat(BucketRole.EVIDENCE, key, null)).isPresent();
        assertThat(store.protection(BucketRole.EVIDENCE, key, null).retainUntil())
            .isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(182)));
      }
    }
  }

  @Test
  void twenty_concurrent_uploads_from_several_stations_all_verify() throws Exception {
    List<String> tokens = List.of(f.stationToken, f.newStation(), f.newStation(), f.newStation());
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<Future<String[]>> results = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        long seed = 100 + i;
        long size = MIB + 4096L * i;
        String token = tokens.get(i % tokens.size());
        results.add(
            pool.submit(
                () -> {
                  String sha = UnitFixture.sha256(seed, size);
                  URL url =
                      UnitFixture.upload(
                          UnitFixture.client(token), seed, size, f.metadata(sha), 512 * 1024);
                  return new String[] {sha, head(token, url.getPath()).header("Custodia-SHA256")};
                }));
      }
      for (Future<String[]> r : results) {
        String[] pair = r.get();
        assertThat(pair[1]).isEqualTo(pair[0]);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ helpers

  String create(String token, long size, Map<String, String> metadata) {
    return given()
        .header("Authorization", "Bearer " + token)
        .header("Tus-Resumable", "1.0.0")
        .header("Upload-Length", size)
        .header("Upload-Metadata", UnitFixture.tusMetadata(metadata))
        .post("/api/v1/uploads")
        .then()
        .statusCode(201)
        .extract()
        .header("Location")
        .replaceFirst("^https?://[^/]+", "");
  }

  Response patch(String token, String location, long offset, long length, long seed) {
    return given()
        .header("Authorization", "Bearer " + token)
        .header("Tus-Resumable", "1.0.0")
        .header("Upload-Offset", offset)
        .contentType("application/offset+octet-stream")
        .body(bytes(seed, offset, (int) length))
        .patch(location);
  }

  static String sha256Hex(long seed, long size) {
    try {
      return UnitFixture.sha256(seed, size);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes(long seed, long from, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) SyntheticStream.byteAt(seed, from + i);
    }
    return out;
  }

  @Test
  void a_keep_alive_connection_serves_the_next_request_after_a_patch_refused_or_accepted()
      throws Exception {
    long size = 3 * 64 * 1024;
    String location = create(f.stationToken, size, f.metadata(UnitFixture.sha256(31, size)));
    try (java.net.Socket socket =
        new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
      socket.setSoTimeout(20_000);
      // refused before a byte of the body is read: wrong offset
      assertThat(onSocket(socket, patchRequest(location, 5, 64 * 1024), bytes(31, 0, 64 * 1024)))
          .startsWith("HTTP/1.1 409");
      // the same connection still answers, and still takes bytes
      assertThat(onSocket(socket, headRequest(location), new byte[0]))
          .startsWith("HTTP/1.1 200")
          .contains("Upload-Offset: 0");
      assertThat(onSocket(socket, patchRequest(location, 0, 64 * 1024), bytes(31, 0, 64 * 1024)))
          .startsWith("HTTP/1.1 204");
      // refused midway: a checksum that does not match, checked after the whole body
      String bad =
          "Upload-Checksum: sha256 "
              + java.util.Base64.getEncoder().encodeToString(new byte[32])
              + "\r\n";
      assertThat(
              onSocket(
                  socket,
                  patchRequest(location, 64 * 1024, 64 * 1024)
                      .replace("\r\n\r\n", "\r\n" + bad + "\r\n"),
                  bytes(31, 64 * 1024, 64 * 1024)))
          .startsWith("HTTP/1.1 460");
      assertThat(onSocket(socket, headRequest(location), new byte[0]))
          .startsWith("HTTP/1.1 200")
          .contains("Upload-Offset: 65536");
    }
  }

  private String patchRequest(String location, long offset, int length) {
    return "PATCH "
        + location
        + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + f.stationToken
        + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: "
        + offset
        + "\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: "
        + length
        + "\r\n\r\n";
  }

  private String headRequest(String location) {
    return "HEAD "
        + location
        + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + f.stationToken
        + "\r\nTus-Resumable: 1.0.0\r\n\r\n";
  }

  /** Sends one request on a kept-alive socket; returns the response's head (its body is read). */
  private static String onSocket(java.net.Socket socket, String head, byte[] body)
      throws Exception {
    var out = socket.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    var in = socket.getInputStream();
    StringBuilder response = new StringBuilder();
    while (!response.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new java.io.EOFException("connection closed after: " + response);
      }
      response.append((char) c);
    }
    var length = java.util.regex.Pattern.compile("(?im)^content-length: *(\\d+)").matcher(response);
    if (length.find() && !head.startsWith("HEAD")) {
      in.readNBytes(Integer.parseInt(length.group(1)));
    }
    return response.toString();
  }

  /**
   * Sends a PATCH promising {@code promised} bytes, sends {@code sent}, and drops the connection.
   */
  int brokenPatch(String location, long offset, int promised, int sent, long seed)
      throws Exception {
    try (java.net.Socket socket =
        new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
      var out = socket.getOutputStream();
      out.write(patchRequest(location, offset, promised).getBytes(StandardCharsets.US_ASCII));
      out.write(bytes(seed, offset, sent));
      out.flush();
      Thread.sleep(300);
    }
    return -1;
  }

  String awaitOffsetAtLeast(String location, long min) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    String offset = head(f.stationToken, location).header("Upload-Offset");
    while (Long.parseLong(offset) < min && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      offset = head(f.stationToken, location).header("Upload-Offset");
    }
    // the server notices the broken connection asynchronously: wait for its lease to clear
    long until = System.currentTimeMillis() + 10_000;
    while (count(
                "SELECT count(*) FROM upload_session WHERE id = '"
                    + location.substring(location.lastIndexOf('/') + 1)
                    + "'::uuid AND lease_token IS NOT NULL")
            > 0
        && System.currentTimeMillis() < until) {
      Thread.sleep(100);
    }
    return head(f.stationToken, location).header("Upload-Offset");
  }

  String lastUpload(java.util.UUID station) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id FROM upload_session WHERE owner_id = ? ORDER BY created_at DESC LIMIT 1")) {
      ps.setObject(1, station);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return "/api/v1/uploads/" + rs.getString(1);
      }
    }
  }

  String objectKey(String evidenceId) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT object_key FROM evidence WHERE id = ?::uuid")) {
      ps.setString(1, evidenceId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  long auditCount(String type, String targetType, String targetId) {
    return count(
        "SELECT count(*) FROM audit_entry WHERE event_type = '"
            + type
            + "' AND target_type = '"
            + targetType
            + "' AND target_id = '"
            + targetId
            + "'");
  }

  long count(String sql) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unused")
  private static final Object UNUSED = EmbeddedServicesResource.class;
}
