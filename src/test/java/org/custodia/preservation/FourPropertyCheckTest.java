package org.custodia.preservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.custodia.testing.Clips;
import org.custodia.testing.ExportSteps;
import org.custodia.testing.RawS3;
import org.custodia.testing.SyntheticStream;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The four-property check through the real API against the real store and audit log: a clean
 * dossier (a video clip and a PDF) passes every property; one defect seeded behind the service's
 * back per property fails exactly that property, and the report names the item and the record;
 * closing a case queues a check that is kept and audited; another unit cannot see or start one.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FourPropertyCheckTest {
  static final List<String> PROPERTIES =
      List.of("AUTHENTICITY", "INTEGRITY", "USABILITY", "SECURITY");

  @Inject AgroalDataSource db;
  @Inject ObjectStore store;
  @Inject CheckTriggers triggers;
  @Inject PreservationConfig config;

  static UnitFixture f;
  static UUID clean;
  static UUID video;
  static UUID document;
  static Instant at;
  static UUID unusable;

  @BeforeEach
  void setUp() throws Exception {
    if (f != null) {
      return;
    }
    UnitFixture fixture = new UnitFixture();
    at = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    clean = ExportSteps.openCase(fixture, "FP", "四性检测");
    Path dir = Clips.dir("fourprop-");
    Path clip = Clips.h264(dir.resolve("clip.mp4"), "testsrc=size=160x120:rate=25:duration=2");
    video = fixture.uploadRecording(clip, "video/mp4", at, at.plusSeconds(2), clean);
    document = uploadPdf(fixture, clean, "clean");
    assertThat(fixture.awaitMediaJob(video, Duration.ofSeconds(90))).isEqualTo("SUCCEEDED");
    ExportSteps.awaitReceipt(fixture.admin, video, Duration.ofSeconds(30));
    ExportSteps.awaitReceipt(fixture.admin, document, Duration.ofSeconds(30));
    f = fixture;
  }

  @Test
  @Order(1)
  void a_clean_dossier_passes_every_property() throws Exception {
    JsonPath done = check(clean);
    assertThat(done.getString("trigger")).isEqualTo("MANUAL");
    assertThat(done.getInt("progress.recordsDone")).isEqualTo(2);
    assertThat(done.getInt("progress.recordsTotal")).isEqualTo(2);
    for (String p : PROPERTIES) {
      assertThat(failing(done, p)).as(p).isEmpty();
      assertThat(property(done, p).get("result")).as(p).isEqualTo("PASS");
    }
    assertThat(done.getString("result")).isEqualTo("PASS");
    assertThat(done.getString("report.result")).isEqualTo("PASS");
    assertThat(done.getString("report.worm")).isIn("store", "service");
    for (UUID record : List.of(video, document)) {
      for (String code :
          List.of(
              "authenticity.sha256",
              "authenticity.sm3",
              "authenticity.signature",
              "authenticity.timestamp",
              "authenticity.file-properties",
              "authenticity.location",
              "authenticity.metadata",
              "integrity.content-present",
              "integrity.required-metadata",
              "integrity.processing-history",
              "usability.format-allowed",
              "usability.opens",
              "security.protection",
              "security.foreign-objects",
              "security.access-log")) {
        assertThat(item(done, code, record))
            .as(code + " of " + record)
            .containsEntry("result", "PASS");
      }
    }
    assertThat((String) item(done, "usability.opens", video).get("detail"))
        .contains("FFmpeg probes it")
        .contains("h264");
    assertThat((String) item(done, "usability.opens", document).get("detail")).contains("PDF 1.4");
    assertThat((String) item(done, "integrity.count", null).get("detail"))
        .startsWith("2 records linked to the case");
    assertThat(auditResult(UUID.fromString(done.getString("id")))).isEqualTo("PASS");
  }

  @Test
  @Order(2)
  void a_byte_flipped_in_the_store_fails_authenticity_naming_the_record() throws Exception {
    UUID caseId = ExportSteps.openCase(f, "FPA", "真实性");
    UUID doc = uploadPdf(f, caseId, "flipped");
    ExportSteps.awaitReceipt(f.admin, doc, Duration.ofSeconds(30));
    flip(file(BucketRole.EVIDENCE, originalKey(doc)), 60);

    JsonPath done = check(caseId);
    assertThat(done.getString("result")).isEqualTo("FAIL");
    assertOnlyFails(done, "AUTHENTICITY");
    assertThat(failing(done, "AUTHENTICITY"))
        .containsExactlyInAnyOrder("authenticity.sha256", "authenticity.sm3");
    assertThat(item(done, "authenticity.sha256", doc).get("detail").toString())
        .contains("the stored original hashes to");
  }

  @Test
  @Order(3)
  void content_deleted_from_the_store_fails_integrity_naming_the_record() throws Exception {
    UUID caseId = ExportSteps.openCase(f, "FPI", "完整性");
    UUID doc = uploadPdf(f, caseId, "deleted");
    ExportSteps.awaitReceipt(f.admin, doc, Duration.ofSeconds(30));
    Files.delete(file(BucketRole.EVIDENCE, originalKey(doc)));

    JsonPath done = check(caseId);
    assertOnlyFails(done, "INTEGRITY");
    assertThat(failing(done, "INTEGRITY"))
        .containsExactlyInAnyOrder("integrity.content-present", "integrity.count");
    assertThat(item(done, "integrity.content-present", doc)).containsEntry("result", "FAIL");
    assertThat((String) item(done, "integrity.count", null).get("detail"))
        .isEqualTo(
            "1 records linked to the case, 1 in the index, 0 with their original in the store");
    // what cannot be read is not checked, and says so, rather than failing twice
    assertThat(item(done, "authenticity.sha256", doc)).containsEntry("result", "WARN");
  }

  @Test
  @Order(4)
  void content_that_does_not_open_or_is_not_an_allowed_format_fails_usability() throws Exception {
    UUID caseId = ExportSteps.openCase(f, "FPU", "可用性");
    unusable = caseId;
    Path dir = Clips.dir("fourprop-u-");
    Path garbage = dir.resolve("broken.pdf");
    try (InputStream in = new SyntheticStream(2301, 50_000)) {
      Files.write(garbage, in.readAllBytes());
    }
    UUID broken = f.uploadRecording(garbage, "application/pdf", at, at.plusSeconds(1), caseId);
    Path exe = dir.resolve("tool.exe");
    try (InputStream in = new SyntheticStream(2302, 20_000)) {
      Files.write(exe, in.readAllBytes());
    }
    UUID foreignFormat =
        f.uploadRecording(exe, "application/x-msdownload", at, at.plusSeconds(1), caseId);
    ExportSteps.awaitReceipt(f.admin, broken, Duration.ofSeconds(30));
    ExportSteps.awaitReceipt(f.admin, foreignFormat, Duration.ofSeconds(30));

    JsonPath done = check(caseId);
    assertOnlyFails(done, "USABILITY");
    assertThat(item(done, "usability.opens", broken))
        .containsEntry("result", "FAIL")
        .containsEntry("detail", "no %PDF- header: not a PDF");
    assertThat(item(done, "usability.format-allowed", broken)).containsEntry("result", "PASS");
    assertThat(item(done, "usability.format-allowed", foreignFormat))
        .containsEntry("result", "FAIL");
    assertThat((String) item(done, "usability.format-allowed", foreignFormat).get("detail"))
        .contains("application/x-msdownload is not on the allowed list for DOCUMENT");
  }

  @Test
  @Order(5)
  void a_foreign_object_or_a_missing_protection_fails_security() throws Exception {
    UUID caseId = ExportSteps.openCase(f, "FPS", "安全性");
    UUID planted = uploadPdf(f, caseId, "planted");
    UUID unprotected = uploadPdf(f, caseId, "unprotected");
    ExportSteps.awaitReceipt(f.admin, planted, Duration.ofSeconds(30));
    ExportSteps.awaitReceipt(f.admin, unprotected, Duration.ofSeconds(30));
    String foreignKey = "derived/" + planted + "/planted.bin";
    Path p = file(BucketRole.DERIVED, foreignKey);
    Files.createDirectories(p.getParent());
    Files.write(p, "not the archive's".getBytes(StandardCharsets.UTF_8));
    Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
    // the service's retention row gone, and the bucket's default retention (counted from the
    // version's write) long past: nothing protects the original any more
    assertThat(
            Jdbc.update(
                db,
                "DELETE FROM object_protection WHERE bucket = 'EVIDENCE' AND object_key = ?",
                originalKey(unprotected)))
        .isEqualTo(1);
    Files.setLastModifiedTime(
        file(BucketRole.EVIDENCE, originalKey(unprotected)),
        FileTime.from(Instant.now().minus(3 * 365, ChronoUnit.DAYS)));

    JsonPath done = check(caseId);
    assertOnlyFails(done, "SECURITY");
    assertThat(item(done, "security.foreign-objects", planted)).containsEntry("result", "FAIL");
    assertThat((String) item(done, "security.foreign-objects", planted).get("detail"))
        .contains("DERIVED/" + foreignKey);
    assertThat(item(done, "security.foreign-objects", unprotected)).containsEntry("result", "PASS");
    assertThat(item(done, "security.protection", unprotected)).containsEntry("result", "FAIL");
    assertThat(item(done, "security.protection", planted)).containsEntry("result", "PASS");
  }

  @Test
  @Order(6)
  void closing_a_case_queues_a_check_that_is_kept_and_audited() throws Exception {
    as(f.admin)
        .body(Map.of("status", "DECIDED", "decisionDate", "2026-03-02"))
        .patch("/api/v1/cases/" + clean)
        .then()
        .statusCode(200);
    as(f.admin)
        .body(Map.of("status", "CLOSED"))
        .patch("/api/v1/cases/" + clean)
        .then()
        .statusCode(200);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Map<String, Object> closed = null;
    while (closed == null || !"DONE".equals(closed.get("state"))) {
      assertThat(System.nanoTime()).as("the check at close").isLessThan(deadline);
      Thread.sleep(200);
      List<Map<String, Object>> items =
          as(f.admin)
              .get("/api/v1/cases/" + clean + "/four-property-checks")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("items");
      closed =
          items.stream().filter(i -> "CLOSED".equals(i.get("trigger"))).findFirst().orElse(null);
    }
    assertThat(closed).containsEntry("result", "PASS").doesNotContainKey("report");
    UUID id = UUID.fromString((String) closed.get("id"));
    assertThat(auditResult(id)).isEqualTo("PASS");
    assertThat(
            Jdbc.one(
                    db,
                    "SELECT convert_from(entry, 'UTF8')::jsonb->'details'->>'trigger' FROM"
                        + " audit_entry WHERE event_type = 'four-property-check.requested'"
                        + " AND target_id = ?",
                    rs -> rs.getString(1),
                    id.toString())
                .orElseThrow())
        .isEqualTo("CLOSED");
    JsonPath report =
        as(f.admin)
            .get("/api/v1/four-property-checks/" + id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(report.getString("report.caseId")).isEqualTo(clean.toString());
  }

  @Test
  @Order(7)
  void another_units_auditor_neither_sees_nor_starts_a_check_and_the_denial_is_audited()
      throws Exception {
    String admin = Api.adminToken();
    UUID unitB = Api.createUnit(admin, Api.unique("FPB"), "单位乙");
    String auditorB = Api.unique("auditor");
    UUID auditorId = Api.createUser(admin, auditorB, "AUDITOR", unitB);
    String tokenB = Api.login(auditorB, Api.PASSWORD);
    String auditorA = Api.unique("auditor");
    Api.createUser(admin, auditorA, "AUDITOR", f.unit);
    String tokenA = Api.login(auditorA, Api.PASSWORD);
    String officer = f.user("OFFICER");

    UUID id =
        UUID.fromString(
            as(tokenA)
                .post("/api/v1/cases/" + clean + "/four-property-checks")
                .then()
                .statusCode(202)
                .header(
                    "Location",
                    org.hamcrest.Matchers.containsString("/api/v1/four-property-checks/"))
                .extract()
                .path("id"));
    as(tokenB).get("/api/v1/four-property-checks/" + id).then().statusCode(404);
    as(tokenB).post("/api/v1/cases/" + clean + "/four-property-checks").then().statusCode(404);
    as(tokenB).get("/api/v1/cases/" + clean + "/four-property-checks").then().statusCode(404);
    as(officer).get("/api/v1/four-property-checks/" + id).then().statusCode(403);
    as(tokenA).get("/api/v1/four-property-checks/" + id).then().statusCode(200);

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<String> targets = new ArrayList<>();
    while (targets.size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      targets =
          Jdbc.list(
              db,
              "SELECT target_type || ':' || target_id FROM audit_entry WHERE event_type ="
                  + " 'access.denied' AND convert_from(entry, 'UTF8')::jsonb->'actor'->>'id' = ?",
              rs -> rs.getString(1),
              auditorId.toString());
    }
    assertThat(targets).contains("four-property check:" + id, "case:" + clean);
  }

  @Test
  @Order(8)
  void an_export_carries_the_report_of_a_check_run_before_it_even_a_failing_one() throws Exception {
    String supervisorName = Api.unique("supervisor");
    Api.createUser(f.admin, supervisorName, "SUPERVISOR", null);
    String supervisor = Api.login(supervisorName, Api.PASSWORD);
    UUID export =
        UUID.fromString(
            as(f.admin)
                .body(Map.of("purpose", "移送法院", "recipient", "某某区人民法院"))
                .post("/api/v1/cases/" + unusable + "/exports")
                .then()
                .statusCode(202)
                .extract()
                .path("id"));
    as(supervisor)
        .body(Map.of("approve", true, "reason", "同意"))
        .post("/api/v1/exports/" + export + "/approval")
        .then()
        .statusCode(200);
    JsonPath ready = ExportSteps.awaitExport(f.admin, export, "READY", Duration.ofMinutes(2));
    UUID checkId = UUID.fromString(ready.getString("fourPropertyCheckId"));
    JsonPath kept =
        as(f.admin)
            .get("/api/v1/four-property-checks/" + checkId)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(kept.getString("trigger")).isEqualTo("EXPORT");
    assertThat(kept.getString("caseId")).isEqualTo(unusable.toString());
    assertThat(kept.getString("result")).isEqualTo("FAIL");
    assertThat(auditResult(checkId)).isEqualTo("FAIL");

    byte[] zip =
        as(f.admin)
            .get("/api/v1/exports/" + export + "/package")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    Path dir =
        ExportSteps.unzip(
            new java.io.ByteArrayInputStream(zip),
            Files.createTempDirectory(Path.of("target").toAbsolutePath(), "fourprop-bag-"));
    Path bag = dir.resolve("custodia-export-" + export);
    JsonPath tag = JsonPath.from(Files.readString(bag.resolve("four-property-check.json")));
    assertThat(tag.getString("id")).isEqualTo(checkId.toString());
    assertThat(tag.getString("report.result")).isEqualTo("FAIL");
    assertThat(Files.readString(bag.resolve("tagmanifest-sha512.txt")))
        .contains("  four-property-check.json");
    List<Map<String, Object>> properties = tag.getList("report.properties");
    assertThat(properties)
        .filteredOn(p -> "USABILITY".equals(p.get("property")))
        .extracting(p -> p.get("result"))
        .containsExactly("FAIL");
  }

  @Test
  @Order(9)
  void the_schedule_queues_closed_cases_whose_last_check_is_older_than_the_period()
      throws Exception {
    // now: the clean case was checked at close, within the period: not due
    assertThat(triggers.periodic(Instant.now())).doesNotContain(clean);
    // a period later it is due; a few per run, oldest-checked (never checked) first
    Instant later = Instant.now().plus(config.period()).plus(1, ChronoUnit.DAYS);
    List<UUID> queued = new ArrayList<>();
    for (int i = 0; i < 200 && !queued.contains(clean); i++) {
      List<UUID> run = triggers.periodic(later);
      assertThat(run.size()).isLessThanOrEqualTo(config.perRun());
      if (run.isEmpty()) {
        Thread.sleep(200);
      }
      queued.addAll(run);
    }
    assertThat(queued).contains(clean);
    List<Map<String, Object>> items =
        as(f.admin)
            .get("/api/v1/cases/" + clean + "/four-property-checks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items");
    assertThat(items.get(0)).containsEntry("trigger", "PERIODIC");
  }

  // ------------------------------------------------------------------ helpers

  /** Starts a check as the admin, follows its Location until DONE. */
  private static JsonPath check(UUID caseId) throws InterruptedException {
    var started =
        as(f.admin)
            .post("/api/v1/cases/" + caseId + "/four-property-checks")
            .then()
            .statusCode(202)
            .extract();
    assertThat(started.jsonPath().getString("state")).isEqualTo("QUEUED");
    String location = started.header("Location");
    assertThat(location).endsWith("/api/v1/four-property-checks/" + started.path("id"));
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      JsonPath r =
          as(f.admin)
              .get("/api/v1/four-property-checks/" + started.path("id"))
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      if ("DONE".equals(r.getString("state"))) {
        return r;
      }
      assertThat(r.getString("state")).isIn("QUEUED", "RUNNING");
      assertThat(System.nanoTime()).as("check still " + r.getString("state")).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static Map<String, Object> property(JsonPath done, String p) {
    List<Map<String, Object>> properties = done.getList("report.properties");
    return properties.stream().filter(x -> p.equals(x.get("property"))).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(JsonPath done, String p) {
    return (List<Map<String, Object>>) property(done, p).get("items");
  }

  /** The codes of a property's failing items. */
  private static List<String> failing(JsonPath done, String p) {
    return items(done, p).stream()
        .filter(i -> "FAIL".equals(i.get("result")))
        .map(i -> (String) i.get("code"))
        .distinct()
        .toList();
  }

  /** Exactly {@code property} fails: the others pass or (what could not be checked) warn. */
  private static void assertOnlyFails(JsonPath done, String property) {
    assertThat(done.getString("result")).isEqualTo("FAIL");
    for (String p : PROPERTIES) {
      if (p.equals(property)) {
        assertThat(property(done, p).get("result")).as(p).isEqualTo("FAIL");
      } else {
        assertThat(failing(done, p)).as(p).isEmpty();
      }
    }
  }

  private static Map<String, Object> item(JsonPath done, String code, UUID record) {
    for (String p : PROPERTIES) {
      for (Map<String, Object> i : items(done, p)) {
        if (code.equals(i.get("code"))
            && (record == null
                ? i.get("evidenceId") == null
                : record.toString().equals(i.get("evidenceId")))) {
          return i;
        }
      }
    }
    throw new AssertionError("no item " + code + " of " + record + " in " + done.prettify());
  }

  private String auditResult(UUID check) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      var r =
          Jdbc.one(
              db,
              "SELECT convert_from(entry, 'UTF8')::jsonb->'details'->>'result' FROM audit_entry"
                  + " WHERE event_type = 'four-property-check.finished' AND target_id = ?",
              rs -> rs.getString(1),
              check.toString());
      if (r.isPresent() || System.nanoTime() > deadline) {
        return r.orElse(null);
      }
      Thread.sleep(100);
    }
  }

  private static UUID uploadPdf(UnitFixture fixture, UUID caseId, String text) throws Exception {
    Path dir = Clips.dir("fourprop-pdf-");
    Path pdf = dir.resolve(text + ".pdf");
    Files.write(pdf, pdf(text + " " + UUID.randomUUID()));
    return fixture.uploadRecording(pdf, "application/pdf", at, at.plusSeconds(1), caseId);
  }

  /** A small valid one-page PDF showing {@code text} (ASCII), with a correct xref table. */
  static byte[] pdf(String text) {
    String stream = "BT /F1 12 Tf 10 50 Td (" + text + ") Tj ET";
    String[] objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 100] /Contents 4 0 R"
          + " /Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    };
    StringBuilder b = new StringBuilder("%PDF-1.4\n");
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < objects.length; i++) {
      offsets.add(b.length());
      b.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
    }
    int xref = b.length();
    b.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
    for (int o : offsets) {
      b.append(String.format("%010d 00000 n \n", o));
    }
    b.append("trailer\n<< /Size ")
        .append(objects.length + 1)
        .append(" /Root 1 0 R >>\nstartxref\n")
        .append(xref)
        .append("\n%%EOF\n");
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private String originalKey(UUID id) {
    return Jdbc.one(db, "SELECT object_key FROM evidence WHERE id = ?", rs -> rs.getString(1), id)
        .orElseThrow();
  }

  private Path file(BucketRole bucket, String key) {
    return RawS3.file(store, bucket, key);
  }

  private static void flip(Path file, long position) throws Exception {
    RawS3.flip(file, position);
  }
}
