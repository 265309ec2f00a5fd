package org.custodia.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.custodia.dossier.Codes;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.custodia.testing.Clips;
import org.custodia.testing.UnitFixture;

/**
 * The records of unit A and unit B whose endpoints the access matrix calls, built through the real
 * API as the admin (and the docking stations): per unit a processed video with a signed receipt,
 * two certified officers, a device, subjects and a case; unit A's station also holds open uploads,
 * and a spare station waits to be revoked. {@link #placeholder()} fills the same fields with random
 * ids, for comparing the matrix with the OpenAPI document without building anything.
 */
final class MatrixWorld {
  /** Processed videos (media job done, receipt signed), one per unit. */
  final UUID videoA;

  final UUID videoB;

  /** Certified (GREEN) officers: two per unit, so that a case action has two responsible. */
  final UUID officerA;

  final UUID officerA2;
  final UUID officerB;
  final UUID officerB2;

  final UUID deviceA;
  final UUID deviceB;

  /** Two subjects of unit A (so that two callers' links both change the link), one of unit B. */
  final UUID subjectA;

  final UUID subjectA2;
  final UUID subjectB;

  final UUID caseA;
  final UUID caseB;

  /** Open uploads of unit A's station: one to HEAD, one to PATCH, one to DELETE. */
  final UUID uploadToHead;

  final UUID uploadToPatch;
  final UUID uploadToDelete;

  /** The tus metadata of a recording by device A's station, as sent on creation. */
  final String uploadMetadata;

  /** A station of unit A nothing else uses, for the revocation row. */
  final UUID spareStation;

  /** Leaf indexes of audit entries whose unit is A, and B. */
  final long entryA;

  final long entryB;

  /** A reviewer of unit A the login row signs in as. */
  final String loginUser;

  /** Exports of case A and case B, requested by the admin, pending approval. */
  final UUID exportA;

  final UUID exportB;

  /** Four-property checks of case A and case B, started by the admin. */
  final UUID checkA;

  final UUID checkB;

  /** An action of case A and one of case B, each with the unit's two officers. */
  final UUID actionA;

  final UUID actionB;

  private MatrixWorld(
      UUID videoA,
      UUID videoB,
      UUID officerA,
      UUID officerA2,
      UUID officerB,
      UUID officerB2,
      UUID deviceA,
      UUID deviceB,
      UUID subjectA,
      UUID subjectA2,
      UUID subjectB,
      UUID caseA,
      UUID caseB,
      UUID uploadToHead,
      UUID uploadToPatch,
      UUID uploadToDelete,
      String uploadMetadata,
      UUID spareStation,
      long entryA,
      long entryB,
      String loginUser,
      UUID exportA,
      UUID exportB,
      UUID checkA,
      UUID checkB,
      UUID actionA,
      UUID actionB) {
    this.videoA = videoA;
    this.videoB = videoB;
    this.officerA = officerA;
    this.officerA2 = officerA2;
    this.officerB = officerB;
    this.officerB2 = officerB2;
    this.deviceA = deviceA;
    this.deviceB = deviceB;
    this.subjectA = subjectA;
    this.subjectA2 = subjectA2;
    this.subjectB = subjectB;
    this.caseA = caseA;
    this.caseB = caseB;
    this.uploadToHead = uploadToHead;
    this.uploadToPatch = uploadToPatch;
    this.uploadToDelete = uploadToDelete;
    this.uploadMetadata = uploadMetadata;
    this.spareStation = spareStation;
    this.entryA = entryA;
    this.entryB = entryB;
    this.loginUser = loginUser;
    this.exportA = exportA;
    this.exportB = exportB;
    this.checkA = checkA;
    this.checkB = checkB;
    this.actionA = actionA;
    this.actionB = actionB;
  }

  /** Random ids everywhere: the shape of the matrix, for the OpenAPI comparison. */
  static MatrixWorld placeholder() {
    return new MatrixWorld(
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        "",
        UUID.randomUUID(),
        0,
        0,
        "nobody",
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID());
  }

  /** Builds the records of both units; takes a minute (two media jobs and two receipts). */
  static MatrixWorld build(
      DataSource db,
      String admin,
      UUID unitA,
      UUID stationA,
      String stationAToken,
      UUID unitB,
      UUID stationB,
      String stationBToken)
      throws Exception {
    UnitFixture a = UnitFixture.inUnit(admin, unitA, stationA, stationAToken);
    UnitFixture b = UnitFixture.inUnit(admin, unitB, stationB, stationBToken);
    UUID videoA = processedVideo(admin, a);
    UUID videoB = processedVideo(admin, b);
    awaitSignedReceipt(admin, videoA);
    awaitSignedReceipt(admin, videoB);
    UUID subjectA = subject(admin, unitA, "甲公司");
    UUID subjectB = subject(admin, unitB, "乙公司");
    String metadata = encode(a.metadata("ab".repeat(32)));
    String loginUser = Api.unique("matrix-login");
    Api.createUser(admin, loginUser, "REVIEWER", unitA);
    Api.as(admin).post("/api/v1/audit/checkpoint").then().statusCode(200);
    UUID caseA = openCase(admin, unitA, subjectA);
    UUID caseB = openCase(admin, unitB, subjectB);
    UUID officerA2 = officer(admin, unitA, "执法员李四");
    UUID officerB2 = officer(admin, unitB, "执法员赵六");
    return new MatrixWorld(
        videoA,
        videoB,
        a.officer,
        officerA2,
        b.officer,
        officerB2,
        a.device,
        b.device,
        subjectA,
        subject(admin, unitA, "甲二公司"),
        subjectB,
        caseA,
        caseB,
        upload(stationAToken, metadata),
        upload(stationAToken, metadata),
        upload(stationAToken, metadata),
        metadata,
        UUID.fromString(
            Api.as(admin)
                .body(Map.of("unitId", unitA.toString(), "name", "备用采集站"))
                .post("/api/v1/stations")
                .then()
                .statusCode(201)
                .extract()
                .path("station.id")),
        entryOf(db, unitA),
        entryOf(db, unitB),
        loginUser,
        export(admin, caseA),
        export(admin, caseB),
        fourPropertyCheck(admin, caseA),
        fourPropertyCheck(admin, caseB),
        action(admin, caseA, a.officer, officerA2),
        action(admin, caseB, b.officer, officerB2));
  }

  /** An on-site action of {@code caseId} two hours ago, added by {@code token}. */
  static UUID action(String token, UUID caseId, UUID... officers) {
    Instant from = Instant.now().minus(2, java.time.temporal.ChronoUnit.HOURS);
    return UUID.fromString(
        Api.as(token)
            .body(
                Map.of(
                    "type",
                    "ON_SITE",
                    "from",
                    from.toString(),
                    "to",
                    from.plusSeconds(1800).toString(),
                    "officerIds",
                    java.util.Arrays.stream(officers).map(UUID::toString).toList()))
            .post("/api/v1/cases/" + caseId + "/actions")
            .then()
            .statusCode(201)
            .extract()
            .path("id"));
  }

  /** A four-property check of {@code caseId} started by {@code token}. */
  static UUID fourPropertyCheck(String token, UUID caseId) {
    return UUID.fromString(
        Api.as(token)
            .post("/api/v1/cases/" + caseId + "/four-property-checks")
            .then()
            .statusCode(202)
            .extract()
            .path("id"));
  }

  /** An export of {@code caseId} requested by {@code token}, pending approval. */
  static UUID export(String token, UUID caseId) {
    return UUID.fromString(
        Api.as(token)
            .body(Map.of("purpose", "权限矩阵", "recipient", "某某区人民法院"))
            .post("/api/v1/cases/" + caseId + "/exports")
            .then()
            .statusCode(202)
            .extract()
            .path("id"));
  }

  /** A 2 s H.264/AAC clip made with the ffmpeg CLI, once per run. */
  private static Path clip;

  /**
   * A video uploaded by the fixture's station, once its media job has made the review copy, poster
   * and sprite sheet.
   */
  private static UUID processedVideo(String admin, UnitFixture unit) throws Exception {
    if (clip == null) {
      Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "matrix-");
      Path out = dir.resolve("clip.mp4");
      Clips.ffmpeg(
          out,
          "-f",
          "lavfi",
          "-i",
          "testsrc2=size=320x240:rate=25:duration=2",
          "-f",
          "lavfi",
          "-i",
          "sine=frequency=440:sample_rate=48000:duration=2",
          "-c:v",
          "libx264",
          "-pix_fmt",
          "yuv420p",
          "-c:a",
          "aac");
      clip = out;
    }
    UUID id = unit.uploadFile(clip, "video/mp4");
    long deadline = System.currentTimeMillis() + 90_000;
    while (true) {
      String state =
          Api.as(admin)
              .get("/api/v1/evidence/" + id)
              .then()
              .statusCode(200)
              .extract()
              .path("jobs[0].state");
      if ("SUCCEEDED".equals(state)) {
        return id;
      }
      assertThat(state).as("media job of the matrix clip").isIn(null, "QUEUED", "RUNNING");
      assertThat(System.currentTimeMillis()).as("media job still " + state).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /** Waits for the receipt to be signed (as ReceiptTest does): its files answer 404 until then. */
  private static void awaitSignedReceipt(String admin, UUID evidence) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    String state;
    do {
      state =
          Api.as(admin)
              .get("/api/v1/evidence/" + evidence + "/receipt")
              .then()
              .statusCode(200)
              .extract()
              .path("state");
      if (!"SIGNED".equals(state)) {
        Thread.sleep(100);
      }
    } while (!"SIGNED".equals(state) && System.currentTimeMillis() < deadline);
    assertThat(state).as("receipt of " + evidence).isEqualTo("SIGNED");
  }

  private static UUID officer(String admin, UUID unit, String name) {
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", unit.toString());
    body.put("name", name);
    body.put("certificateNo", Api.unique("C"));
    body.put("certificateStatus", "GREEN");
    body.put("certificateValidFrom", LocalDate.now().minusYears(1).toString());
    body.put("certificateValidUntil", LocalDate.now().plusYears(2).toString());
    return id(Api.as(admin).body(body).post("/api/v1/officers"));
  }

  /** The body that registers a company in {@code unit}; each call has a new credit code. */
  static Map<String, Object> subjectBody(UUID unit, String name) {
    return Map.of(
        "unitId",
        unit.toString(),
        "kind",
        "ORGANISATION",
        "name",
        name,
        "identifier",
        Codes.uscc());
  }

  private static UUID subject(String admin, UUID unit, String name) {
    return id(Api.as(admin).body(subjectBody(unit, name)).post("/api/v1/subjects"));
  }

  /** The body that opens a case of {@code unit} against {@code subject}, without actions. */
  static Map<String, Object> caseBody(UUID unit, UUID subject) {
    return Map.of(
        "unitId",
        unit.toString(),
        "caseNo",
        Api.unique("MX-"),
        "type",
        "COERCIVE_MEASURE",
        "title",
        "权限矩阵案件",
        "subjectIds",
        List.of(subject.toString()),
        "actions",
        List.of());
  }

  private static UUID openCase(String admin, UUID unit, UUID subject) {
    return id(Api.as(admin).body(caseBody(unit, subject)).post("/api/v1/cases"));
  }

  /** Creates a 100-byte upload as the station and sends nothing; returns its id. */
  private static UUID upload(String stationToken, String metadata) {
    String location =
        RestAssured.given()
            .header("Authorization", "Bearer " + stationToken)
            .header("Tus-Resumable", "1.0.0")
            .header("Upload-Length", 100)
            .header("Upload-Metadata", metadata)
            .post("/api/v1/uploads")
            .then()
            .statusCode(201)
            .extract()
            .header("Location");
    return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
  }

  /** tus {@code Upload-Metadata}: comma-separated keys with base64 values. */
  static String encode(Map<String, String> metadata) {
    List<String> pairs = new ArrayList<>();
    metadata.forEach(
        (k, v) ->
            pairs.add(
                k + " " + Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return String.join(",", pairs);
  }

  /** The leaf index of an integrated audit entry recorded by a caller of {@code unit}. */
  private static long entryOf(DataSource db, UUID unit) {
    return Jdbc.one(
            db,
            "SELECT leaf_index FROM audit_entry WHERE unit_id = ? AND leaf_index IS NOT NULL"
                + " ORDER BY leaf_index LIMIT 1",
            rs -> rs.getLong(1),
            unit)
        .orElseThrow();
  }

  private static UUID id(io.restassured.response.Response created) {
    return UUID.fromString(created.then().statusCode(201).extract().path("id"));
  }

  /** Audit events of {@code type} (access.denied, access.unauthenticated) for a request path. */
  static long auditCount(javax.sql.DataSource db, String type, String path) {
    return org.custodia.support.Jdbc.one(
            db,
            "SELECT count(*) FROM audit_entry WHERE event_type = ? AND target_id = ?",
            rs -> rs.getLong(1),
            type,
            path)
        .orElseThrow();
  }
}
