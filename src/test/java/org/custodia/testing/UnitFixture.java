package org.custodia.testing;

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

/**
 * A unit with an officer (and an auxiliary), a device and a docking station, built through the real
 * API, and helpers that upload with the real tus client. Shared by the feature tests.
 */
public final class UnitFixture {
  public final String admin;
  public final UUID unit;
  public final UUID officer;
  public final UUID auxiliary;
  public final UUID device;
  public final String stationToken;
  public final UUID station;

  public UnitFixture() {
    this(org.custodia.testing.EmbeddedServicesResource.ADMIN_PASSWORD);
  }

  public UnitFixture(String adminPassword) {
    this(Api.login("admin", adminPassword), null, null, null);
  }

  /**
   * A fixture in an existing unit that uploads through an existing docking station of it; an
   * officer, an auxiliary and a device are added to the unit.
   */
  public static UnitFixture inUnit(String admin, UUID unit, UUID station, String stationToken) {
    return new UnitFixture(admin, unit, station, stationToken);
  }

  private UnitFixture(
      String admin, UUID existingUnit, UUID existingStation, String existingStationToken) {
    this.admin = admin;
    this.unit =
        existingUnit != null ? existingUnit : Api.createUnit(admin, Api.unique("ING"), "采集测试单位");
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
    if (existingStation != null) {
      station = existingStation;
      stationToken = existingStationToken;
      return;
    }
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

  public String newStation() {
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
  public Map<String, String> metadata(String sha256) {
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

  public static TusClient client(String token) throws Exception {
    TusClient client = new TusClient();
    client.setUploadCreationURL(
        new URL(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/uploads"));
    client.setHeaders(Map.of("Authorization", "Bearer " + token));
    client.enableResuming(new TusURLMemoryStore());
    return client;
  }

  /** Uploads {@code size} synthetic bytes with the tus client; returns the upload URL. */
  public static URL upload(
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

  public static String sha256(long seed, long size) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    feed(seed, size, digest::update);
    return HexFormat.of().formatHex(digest.digest());
  }

  public static String sm3(long seed, long size) throws Exception {
    SM3Digest digest = new SM3Digest();
    feed(seed, size, digest::update);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return HexFormat.of().formatHex(out);
  }

  public interface Sink {
    void update(byte[] b, int off, int len);
  }

  public static void feed(long seed, long size, Sink sink) throws Exception {
    try (InputStream in = new SyntheticStream(seed, size)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sink.update(buffer, 0, n);
      }
    }
  }

  public static String path(URL url) {
    return url.getPath();
  }

  /** How many audit events of {@code type} name {@code target}. */
  public static long audited(javax.sql.DataSource db, String type, Object target) {
    return org.custodia.support.Jdbc.one(
            db,
            "SELECT count(*) FROM audit_entry WHERE event_type = ? AND target_id = ?",
            rs -> rs.getLong(1),
            type,
            target.toString())
        .orElseThrow();
  }

  /** A user of this unit with {@code role}, logged in; returns the access token. */
  public String user(String role) {
    String name = Api.unique(role.toLowerCase(java.util.Locale.ROOT));
    Api.createUser(admin, name, role, unit);
    return Api.login(name, Api.PASSWORD);
  }

  /** Uploads synthetic bytes as the station; returns the evidence id the server acknowledged. */
  /**
   * A station upload of 20 000 synthetic bytes from {@code device}, naming {@code officer},
   * recorded for a minute from {@code from}, sent by the tus client in 256 KiB PATCHes.
   */
  public UUID uploadBy(UUID device, UUID officer, java.time.Instant from) throws Exception {
    long seed = new java.util.Random().nextLong();
    long size = 20_000;
    Map<String, String> m = metadata(sha256(seed, size));
    m.put("filename", "DSJ_" + Long.toHexString(seed) + ".mp4");
    m.put("deviceId", device.toString());
    m.put("officerId", officer.toString());
    m.put("recordedFrom", from.toString());
    m.put("recordedTo", from.plusSeconds(60).toString());
    io.tus.java.client.TusUpload upload = new io.tus.java.client.TusUpload();
    upload.setInputStream(new SyntheticStream(seed, size));
    upload.setSize(size);
    upload.setFingerprint(UUID.randomUUID().toString());
    upload.setMetadata(m);
    io.tus.java.client.TusUploader uploader = client(stationToken).resumeOrCreateUpload(upload);
    uploader.setChunkSize(256 * 1024);
    while (uploader.uploadChunk() > -1) {
      // PATCH until complete
    }
    uploader.finish();
    return evidenceOf(uploader.getUploadURL());
  }

  public UUID uploadSynthetic(long seed, long size, String contentType) throws Exception {
    TusUpload upload = new TusUpload();
    upload.setInputStream(new SyntheticStream(seed, size));
    upload.setSize(size);
    upload.setFingerprint(UUID.randomUUID().toString());
    return uploadAsStation(upload, sha256(seed, size), contentType, "DSJ_" + seed + ".bin");
  }

  /** Uploads a file as the station; returns the evidence id. */
  public UUID uploadFile(java.nio.file.Path file, String contentType) throws Exception {
    TusUpload upload = new TusUpload(file.toFile());
    upload.setFingerprint(UUID.randomUUID().toString());
    return uploadAsStation(upload, sha256(file), contentType, file.getFileName().toString());
  }

  /**
   * Uploads a file as the station, recorded (on the device's clock) from {@code from} to {@code to}
   * and linked to {@code caseId} when one is given; returns the evidence id.
   */
  public UUID uploadRecording(
      java.nio.file.Path file,
      String contentType,
      java.time.Instant from,
      java.time.Instant to,
      UUID caseId)
      throws Exception {
    return uploadRecording(file, contentType, from, to, caseId, device, officer);
  }

  /**
   * As {@link #uploadRecording(java.nio.file.Path, String, java.time.Instant, java.time.Instant,
   * UUID)}, from {@code deviceId} and naming {@code officerId}.
   */
  public UUID uploadRecording(
      java.nio.file.Path file,
      String contentType,
      java.time.Instant from,
      java.time.Instant to,
      UUID caseId,
      UUID deviceId,
      UUID officerId)
      throws Exception {
    Map<String, String> m = metadata(sha256(file));
    m.put("deviceId", deviceId.toString());
    m.put("officerId", officerId.toString());
    m.put("filename", file.getFileName().toString());
    m.put("contentType", contentType);
    m.put("recordedFrom", from.toString());
    m.put("recordedTo", to.toString());
    if (caseId != null) {
      m.put("caseId", caseId.toString());
    }
    TusUpload upload = new TusUpload(file.toFile());
    upload.setFingerprint(UUID.randomUUID().toString());
    upload.setMetadata(m);
    return send(upload);
  }

  /**
   * Waits until the record's media job has ended (neither queued nor running) and returns its final
   * state; fails when it has not ended within {@code atMost}.
   */
  public String awaitMediaJob(UUID id, java.time.Duration atMost) throws Exception {
    long deadline = System.currentTimeMillis() + atMost.toMillis();
    while (true) {
      String state = as(admin).get("/api/v1/evidence/" + id).then().extract().path("jobs[0].state");
      if (state != null && !state.equals("QUEUED") && !state.equals("RUNNING")) {
        return state;
      }
      org.assertj.core.api.Assertions.assertThat(System.currentTimeMillis())
          .as("media job of " + id + " still " + state)
          .isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  /** The SHA-256 of a file, read in pieces. */
  public static String sha256(java.nio.file.Path file) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private UUID uploadAsStation(TusUpload upload, String sha256, String contentType, String filename)
      throws Exception {
    Map<String, String> m = metadata(sha256);
    m.put("filename", filename);
    m.put("contentType", contentType);
    // unique recording times: identical bytes from one device would otherwise be archived once
    java.time.Instant from =
        java.time.Instant.now().minusSeconds(600).minusNanos(System.nanoTime() % 1_000_000_000L);
    m.put("recordedFrom", from.toString());
    m.put("recordedTo", from.plusSeconds(60).toString());
    upload.setMetadata(m);
    return send(upload);
  }

  private UUID send(TusUpload upload) throws Exception {
    TusUploader uploader = client(stationToken).resumeOrCreateUpload(upload);
    uploader.setChunkSize(256 * 1024);
    uploader.setRequestPayloadSize(8 * 1024 * 1024);
    while (uploader.uploadChunk() > -1) {
      // PATCH until complete
    }
    uploader.finish();
    return evidenceOf(uploader.getUploadURL());
  }

  /** The evidence id a completed upload answers with (HEAD repeats the completion headers). */
  public UUID evidenceOf(URL upload) throws Exception {
    java.net.HttpURLConnection head = (java.net.HttpURLConnection) upload.openConnection();
    head.setRequestMethod("HEAD");
    head.setRequestProperty("Authorization", "Bearer " + stationToken);
    head.setRequestProperty("Tus-Resumable", "1.0.0");
    try {
      return UUID.fromString(head.getHeaderField("Custodia-Evidence-Id"));
    } finally {
      head.disconnect();
    }
  }

  /** tus {@code Upload-Metadata}: comma-separated {@code key base64(value)} pairs. */
  public static String tusMetadata(Map<String, String> metadata) {
    java.util.List<String> pairs = new java.util.ArrayList<>();
    metadata.forEach(
        (k, v) ->
            pairs.add(
                k
                    + " "
                    + java.util.Base64.getEncoder()
                        .encodeToString(v.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    return String.join(",", pairs);
  }
}
