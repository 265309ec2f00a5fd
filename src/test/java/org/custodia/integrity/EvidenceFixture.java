package org.custodia.integrity;

import static org.custodia.testing.Api.as;

import io.restassured.RestAssured;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.Api;
import org.custodia.testing.SyntheticStream;

/** A unit with an officer, a device and a docking station that uploads with the real tus client. */
final class EvidenceFixture {
  final String admin;
  final UUID unit;
  final UUID officer;
  final UUID device;
  final String stationToken;

  EvidenceFixture() {
    admin = Api.adminToken();
    unit = Api.createUnit(admin, Api.unique("SIG"), "签名测试单位");
    Map<String, Object> o = new HashMap<>();
    o.put("unitId", unit.toString());
    o.put("name", "执法员李四");
    o.put("auxiliary", false);
    o.put("certificateNo", Api.unique("C"));
    o.put("certificateStatus", "GREEN");
    o.put("certificateValidFrom", LocalDate.now().minusYears(1).toString());
    o.put("certificateValidUntil", LocalDate.now().plusYears(2).toString());
    officer =
        UUID.fromString(
            as(admin).body(o).post("/api/v1/officers").then().statusCode(201).extract().path("id"));
    device =
        UUID.fromString(
            as(admin)
                .body(
                    Map.of(
                        "unitId", unit.toString(),
                        "serial", Api.unique("CAM"),
                        "model", "DSJ-V9",
                        "custodianOfficerId", officer.toString()))
                .post("/api/v1/devices")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    stationToken =
        as(admin)
            .body(Map.of("unitId", unit.toString(), "name", "签名采集站"))
            .post("/api/v1/stations")
            .then()
            .statusCode(201)
            .extract()
            .path("token");
  }

  /** Uploads {@code size} synthetic bytes; returns the evidence id the server acknowledged. */
  UUID upload(long seed, long size) throws Exception {
    String sha256 = sha256(seed, size);
    Map<String, String> m = new HashMap<>();
    m.put("filename", "DSJ_" + seed + ".mp4");
    m.put("contentType", "video/mp4");
    m.put("deviceId", device.toString());
    m.put("officerId", officer.toString());
    m.put("recordedFrom", "2026-11-27T09:30:00Z");
    m.put("recordedTo", "2026-11-27T09:45:00Z");
    m.put("sha256", sha256);
    TusClient client = new TusClient();
    client.setUploadCreationURL(
        new URL(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/uploads"));
    client.setHeaders(Map.of("Authorization", "Bearer " + stationToken));
    client.enableResuming(new TusURLMemoryStore());
    TusUpload upload = new TusUpload();
    upload.setInputStream(new SyntheticStream(seed, size));
    upload.setSize(size);
    upload.setFingerprint("sig-" + seed + "-" + UUID.randomUUID());
    upload.setMetadata(m);
    TusUploader uploader = client.resumeOrCreateUpload(upload);
    uploader.setChunkSize(256 * 1024);
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

  static String sha256(long seed, long size) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new SyntheticStream(seed, size)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
