package org.custodia.ingest;

import static org.custodia.testing.Api.as;

import io.restassured.RestAssured;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.InputStream;
import java.net.URL;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.custodia.testing.Api;
import org.custodia.testing.SyntheticStream;

/**
 * A unit with an officer, a device and a docking station, and helpers to upload with the real tus
 * client.
 */
final class IngestFixture {
  final String admin;
  final UUID unit;
  final UUID officer;
  final UUID auxiliary;
  final UUID device;
  final String stationToken;
  final UUID station;

  IngestFixture() {
    this(org.custodia.testing.EmbeddedServicesResource.ADMIN_PASSWORD);
  }

  IngestFixture(String adminPassword) {
    admin = Api.login("admin", adminPassword);
    unit = Api.createUnit(admin, Api.unique("ING"), "采集测试单位");
    officer = officer(false);
    auxiliary = officer(true);
    device =
        UUID.fromString(
            as(admin)
                .body(
                    Map.of(
                        "unitId",
                        unit.toString(),
                        "serial",
                        Api.unique("CAM"),
                        "model",
                        "DSJ-V9",
                        "custodianOfficerId",
                        officer.toString()))
                .post("/api/v1/devices")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    var issued =
        as(admin)
            .body(Map.of("unitId", unit.toString(), "name", "一号采集站"))
            .post("/api/v1/stations")
            .then()
            .statusCode(201)
            .extract();
    stationToken = issued.path("token");
    station = UUID.fromString(issued.path("station.id"));
  }

  String newStation() {
    return as(admin)
        .body(Map.of("unitId", unit.toString(), "name", Api.unique("站")))
        .post("/api/v1/stations")
        .then()
        .statusCode(201)
        .extract()
        .path("token");
  }

  private UUID officer(boolean auxiliary) {
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", unit.toString());
    body.put("name", auxiliary ? "辅警王五" : "执法员张三");
    body.put("auxiliary", auxiliary);
    if (!auxiliary) {
      body.put("certificateNo", Api.unique("C"));
      body.put("certificateStatus", "GREEN");
      body.put("certificateValidFrom", LocalDate.now().minusYears(1).toString());
      body.put("certificateValidUntil", LocalDate.now().plusYears(2).toString());
    }
    return UUID.fromString(
        as(admin).body(body).post("/api/v1/officers").then().statusCode(201).extract().path("id"));
  }

  /** Metadata of a bodycam recording whose claimed hash is {@code sha256}. */
  Map<String, String> metadata(String sha256) {
    Map<String, String> m = new HashMap<>();
    m.put("filename", "DSJ_20261127_0930.mp4");
    m.put("contentType", "video/mp4");
    m.put("deviceId", device.toString());
    m.put("officerId", officer.toString());
    m.put("recordedFrom", "2026-11-27T09:30:00Z");
    m.put("recordedTo", "2026-11-27T09:45:00Z");
    m.put("sha256", sha256);
    return m;
  }

  static TusClient client(String token) throws Exception {
    TusClient client = new TusClient();
    client.setUploadCreationURL(
        new URL(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/uploads"));
    client.setHeaders(Map.of("Authorization", "Bearer " + token));
    client.enableResuming(new TusURLMemoryStore());
    return client;
  }

  /** Uploads {@code size} synthetic bytes with the tus client; returns the upload URL. */
  static URL upload(
      TusClient client, long seed, long size, Map<String, String> metadata, int payloadSize)
      throws Exception {
    TusUpload upload = new TusUpload();
    upload.setInputStream(new SyntheticStream(seed, size));
    upload.setSize(size);
    upload.setFingerprint("seed-" + seed + "-" + size + "-" + UUID.randomUUID());
    upload.setMetadata(metadata);
    TusUploader uploader = client.resumeOrCreateUpload(upload);
    uploader.setChunkSize(256 * 1024);
    uploader.setRequestPayloadSize(payloadSize);
    while (uploader.uploadChunk() > -1) {
      // the client sends PATCH after PATCH until the upload is complete
    }
    uploader.finish();
    return uploader.getUploadURL();
  }

  static String sha256(long seed, long size) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    feed(seed, size, digest::update);
    return HexFormat.of().formatHex(digest.digest());
  }

  static String sm3(long seed, long size) throws Exception {
    SM3Digest digest = new SM3Digest();
    feed(seed, size, digest::update);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return HexFormat.of().formatHex(out);
  }

  interface Sink {
    void update(byte[] b, int off, int len);
  }

  static void feed(long seed, long size, Sink sink) throws Exception {
    try (InputStream in = new SyntheticStream(seed, size)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sink.update(buffer, 0, n);
      }
    }
  }

  static String path(URL url) {
    return url.getPath();
  }
}
