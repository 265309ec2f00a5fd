package org.custodia.review;

import static org.custodia.testing.Api.as;

import io.restassured.RestAssured;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.Api;
import org.custodia.testing.SyntheticStream;

/** A unit with an officer, a device, a station and users, and uploads through the tus client. */
final class ReviewFixture {
  final String admin;
  final UUID unit;
  final UUID officer;
  final UUID device;
  final String stationToken;

  ReviewFixture() {
    admin = Api.adminToken();
    unit = Api.createUnit(admin, Api.unique("REV"), "回放测试单位");
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", unit.toString());
    body.put("name", "执法员李四");
    body.put("auxiliary", false);
    body.put("certificateNo", Api.unique("C"));
    body.put("certificateStatus", "GREEN");
    body.put("certificateValidFrom", LocalDate.now().minusYears(1).toString());
    body.put("certificateValidUntil", LocalDate.now().plusYears(2).toString());
    officer =
        UUID.fromString(
            as(admin)
                .body(body)
                .post("/api/v1/officers")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
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
    stationToken =
        as(admin)
            .body(Map.of("unitId", unit.toString(), "name", Api.unique("站")))
            .post("/api/v1/stations")
            .then()
            .statusCode(201)
            .extract()
            .path("token");
  }

  /** A user of this unit (or of no unit), logged in. */
  String user(String role) {
    String name = Api.unique(role.toLowerCase());
    Api.createUser(admin, name, role, unit);
    return Api.login(name, Api.PASSWORD);
  }

  /** Uploads synthetic bytes through tus as the station; returns the evidence id. */
  UUID uploadSynthetic(long seed, long size, String contentType) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new SyntheticStream(seed, size)) {
      byte[] b = new byte[64 * 1024];
      int n;
      while ((n = in.read(b)) > 0) {
        sha.update(b, 0, n);
      }
    }
    TusUpload upload = new TusUpload();
    upload.setInputStream(new SyntheticStream(seed, size));
    upload.setSize(size);
    upload.setFingerprint(UUID.randomUUID().toString());
    return upload(upload, HexFormat.of().formatHex(sha.digest()), contentType, "clip.bin");
  }

  /** Uploads a file through tus as the station; returns the evidence id. */
  UUID uploadFile(Path file, String contentType) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(Files.readAllBytes(file));
    TusUpload upload = new TusUpload(file.toFile());
    upload.setFingerprint(UUID.randomUUID().toString());
    return upload(
        upload, HexFormat.of().formatHex(sha.digest()), contentType, file.getFileName().toString());
  }

  private UUID upload(TusUpload upload, String sha256, String contentType, String filename)
      throws Exception {
    Map<String, String> m = new HashMap<>();
    m.put("filename", filename);
    m.put("contentType", contentType);
    m.put("deviceId", device.toString());
    m.put("officerId", officer.toString());
    // unique recording times: identical bytes would otherwise be archived once
    java.time.Instant from = java.time.Instant.now().minusSeconds(600);
    m.put("recordedFrom", from.toString());
    m.put("recordedTo", from.plusSeconds(60).toString());
    m.put("sha256", sha256);
    upload.setMetadata(m);
    TusClient client = new TusClient();
    client.setUploadCreationURL(
        new URL(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/uploads"));
    client.setHeaders(Map.of("Authorization", "Bearer " + stationToken));
    client.enableResuming(new TusURLMemoryStore());
    TusUploader uploader = client.resumeOrCreateUpload(upload);
    uploader.setChunkSize(256 * 1024);
    uploader.setRequestPayloadSize(8 * 1024 * 1024);
    while (uploader.uploadChunk() > -1) {
      // PATCH until complete
    }
    uploader.finish();
    HttpURLConnection head = (HttpURLConnection) uploader.getUploadURL().openConnection();
    head.setRequestMethod("HEAD");
    head.setRequestProperty("Authorization", "Bearer " + stationToken);
    head.setRequestProperty("Tus-Resumable", "1.0.0");
    String id = head.getHeaderField("Custodia-Evidence-Id");
    head.disconnect();
    return UUID.fromString(id);
  }
}
