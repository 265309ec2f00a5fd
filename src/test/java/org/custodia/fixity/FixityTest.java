package org.custodia.fixity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Fixity runs through the real API against the real store: bytes changed, deleted and added behind
 * the service's back, in S3Proxy's own files, are found, reported, alerted on and marked; a run
 * whose worker died is finished by another; who may start and see runs.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FixityTest {
  private static final Pattern FAILURES =
      Pattern.compile("(?m)^custodia_fixity_failures_total\\{kind=\"(\\w+)\",?\\} (\\S+)$");

  @Inject AgroalDataSource db;
  @Inject ObjectStore store;
  @Inject FixityJobs jobs;
  @Inject FixityChecker checker;
  @Inject FixityRepository runs;
  @Inject FixityWorkers workers;

  static UnitFixture f;
  static UUID video;
  static UUID flipped;
  static UUID deleted;
  static UUID intact;

  @BeforeEach
  void setUp() throws Exception {
    if (f != null) {
      return;
    }
    UnitFixture fixture = new UnitFixture();
    UUID caseId = ExportSteps.openCase(fixture, "FX", "固定性检查");
    Path dir = Clips.dir("fixity-");
    Path clip = Clips.h264(dir.resolve("clip.mp4"), "testsrc=size=160x120:rate=25:duration=2");
    Instant at = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    video = fixture.uploadRecording(clip, "video/mp4", at, at.plusSeconds(2), caseId);
    flipped = fixture.uploadSynthetic(1801, 700_000, "application/pdf");
    deleted = fixture.uploadSynthetic(1802, 300_000, "application/pdf");
    intact = fixture.uploadSynthetic(1803, 500_000, "application/pdf");
    assertThat(fixture.awaitMediaJob(video, Duration.ofSeconds(90))).isEqualTo("SUCCEEDED");
    f = fixture;
  }

  @Test
  @Order(1)
  void
      a_full_run_finds_a_flipped_byte_a_deleted_object_an_altered_derived_file_and_foreign_objects()
          throws Exception {
    Path flippedFile = file(BucketRole.EVIDENCE, originalKey(flipped));
    Path deletedFile = file(BucketRole.EVIDENCE, originalKey(deleted));
    String thumbnailKey =
        Jdbc.one(
                db,
                "SELECT object_key FROM evidence_derived WHERE evidence_id = ? AND kind = 'THUMBNAIL'",
                rs -> rs.getString(1),
                video)
            .orElseThrow();
    Path thumbnailFile = file(BucketRole.DERIVED, thumbnailKey);
    assertThat(flippedFile).isRegularFile();
    assertThat(deletedFile).isRegularFile();
    assertThat(thumbnailFile).isRegularFile();
    flip(flippedFile, 350_000);
    flip(thumbnailFile, 100);
    byte[] deletedBytes = Files.readAllBytes(deletedFile);
    Files.delete(deletedFile);
    String foreignOriginal = "originals/2026/12/01/planted-" + UUID.randomUUID();
    String foreignDerived = "derived/" + UUID.randomUUID() + "/poster.jpg";
    String foreignElsewhere = "stray/" + UUID.randomUUID() + ".bin";
    plant(BucketRole.EVIDENCE, foreignOriginal);
    plant(BucketRole.DERIVED, foreignDerived);
    plant(BucketRole.EVIDENCE, foreignElsewhere);
    Map<String, Double> before = failures();

    try {
      JsonPath started =
          as(f.admin)
              .body("{}")
              .post("/api/v1/fixity/runs")
              .then()
              .statusCode(202)
              .extract()
              .jsonPath();
      assertThat(started.getString("scope")).isEqualTo("ALL");
      assertThat(started.getString("state")).isEqualTo("PLANNING");
      UUID run = UUID.fromString(started.getString("id"));
      JsonPath done = awaitDone(run);

      assertThat(done.getLong("progress.objectsDone"))
          .isEqualTo(done.getLong("progress.objectsTotal"));
      assertThat(done.getLong("progress.bytesDone")).isEqualTo(done.getLong("progress.bytesTotal"));
      assertThat(done.getLong("progress.problems")).isGreaterThanOrEqualTo(6);

      Map<String, Object> flippedLine = line(done, "ORIGINAL", flipped);
      assertThat(flippedLine).containsEntry("result", "MISMATCH");
      assertThat((String) flippedLine.get("detail")).contains("sha256").contains("sm3");
      Map<String, Object> expected = cast(flippedLine.get("expected"));
      Map<String, Object> actual = cast(flippedLine.get("actual"));
      assertThat(expected.get("sha256")).isEqualTo(UnitFixture.sha256(1801, 700_000));
      assertThat(expected.get("sm3")).isEqualTo(UnitFixture.sm3(1801, 700_000));
      assertThat(actual.get("sha256")).isNotNull().isNotEqualTo(expected.get("sha256"));
      assertThat(actual.get("sm3")).isNotNull().isNotEqualTo(expected.get("sm3"));
      assertThat(actual.get("size")).isEqualTo(700_000);

      assertThat(line(done, "ORIGINAL", deleted)).containsEntry("result", "MISSING");
      assertThat(line(done, "THUMBNAIL", video))
          .containsEntry("result", "MISMATCH")
          .containsEntry("detail", "differs from the record: sha256");
      assertThat(line(done, "ORIGINAL", video)).containsEntry("result", "OK");
      assertThat(line(done, "REVIEW_COPY", video)).containsEntry("result", "OK");
      Map<String, Object> ok = line(done, "ORIGINAL", intact);
      assertThat(ok).containsEntry("result", "OK");
      assertThat(cast(ok.get("actual"))).isEqualTo(cast(ok.get("expected")));

      List<Map<String, Object>> report = done.getList("report");
      for (String key : List.of(foreignOriginal, foreignDerived, foreignElsewhere)) {
        assertThat(report)
            .as(key)
            .anySatisfy(
                l -> {
                  assertThat(l).containsEntry("objectKey", key);
                  assertThat(l).containsEntry("target", "FOREIGN");
                  assertThat(l).containsEntry("result", "FOREIGN");
                });
      }
      assertThat(report)
          .filteredOn(l -> "SCAN".equals(l.get("target")))
          .extracting(l -> l.get("bucket"))
          .containsExactlyInAnyOrder("EVIDENCE", "DERIVED", "RECEIPTS");

      // the mark on the items, in the evidence JSON
      JsonPath flippedRead = evidence(flipped);
      assertThat(flippedRead.getString("fixity.status")).isEqualTo("FAILED");
      assertThat(flippedRead.getString("fixity.runId")).isEqualTo(run.toString());
      assertThat(flippedRead.getString("fixity.checkedAt")).isNotNull();
      assertThat(evidence(deleted).getString("fixity.status")).isEqualTo("FAILED");
      JsonPath videoRead = evidence(video);
      assertThat(videoRead.getString("fixity.status")).isEqualTo("FAILED");
      assertThat(videoRead.getList("fixity.failed.object")).containsExactly("THUMBNAIL");
      assertThat(evidence(intact).getString("fixity.status")).isEqualTo("OK");

      // the alert: metric and audit events (the log line is the third)
      Map<String, Double> after = failures();
      assertThat(after.get("mismatch") - before.getOrDefault("mismatch", 0.0))
          .isGreaterThanOrEqualTo(2);
      assertThat(after.get("missing") - before.getOrDefault("missing", 0.0))
          .isGreaterThanOrEqualTo(1);
      assertThat(after.get("foreign") - before.getOrDefault("foreign", 0.0))
          .isGreaterThanOrEqualTo(3);
      List<String> kinds =
          Jdbc.list(
              db,
              "SELECT convert_from(entry, 'UTF8')::jsonb->'details'->>'kind' FROM audit_entry"
                  + " WHERE event_type = 'fixity.failure'"
                  + " AND convert_from(entry, 'UTF8')::jsonb->'details'->>'runId' = ?",
              rs -> rs.getString(1),
              run.toString());
      assertThat(kinds).contains("MISMATCH", "MISSING", "FOREIGN");
      assertThat(auditTypes(run))
          .contains(
              "fixity.run-requested",
              "fixity.run-planned",
              "fixity.run-finished",
              "fixity.report-viewed");
      String metrics = as(f.admin).get("/q/metrics").then().statusCode(200).extract().asString();
      assertThat(metrics).contains("custodia_fixity_last_full_scan_age_seconds ");
      assertThat(metrics).contains("custodia_fixity_behind ");
    } finally {
      // put the store back as it was, for the tests that run after this one
      flip(flippedFile, 350_000);
      flip(thumbnailFile, 100);
      Files.write(deletedFile, deletedBytes);
      // planted behind the service's back, removed the same way (the port refuses to delete
      // from a locked bucket within its default retention)
      Files.deleteIfExists(file(BucketRole.EVIDENCE, foreignOriginal));
      Files.deleteIfExists(file(BucketRole.DERIVED, foreignDerived));
      Files.deleteIfExists(file(BucketRole.EVIDENCE, foreignElsewhere));
    }
    // restored: the next check of the items finds them intact again
    UUID again = start(Map.of("scope", "evidence", "evidenceIds", List.of(flipped.toString())));
    assertThat(line(awaitDone(again), "ORIGINAL", flipped)).containsEntry("result", "OK");
    assertThat(evidence(flipped).getString("fixity.status")).isEqualTo("OK");
  }

  @Test
  @Order(2)
  void progress_is_reported_and_a_run_whose_worker_died_is_finished_by_another() throws Exception {
    // a record of the case never checked yet: its original is checked first
    UUID caseId = caseOf(video);
    Path doc = Clips.dir("fixity-new-").resolve("notice.pdf");
    try (InputStream in = new SyntheticStream(1804, 200_000)) {
      Files.write(doc, in.readAllBytes());
    }
    Instant at = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    UUID fresh = f.uploadRecording(doc, "application/pdf", at, at, caseId);
    workers.stop(null);
    FixityRepository.ItemClaim dead;
    UUID run;
    try {
      run = start(Map.of("scope", "case", "caseId", caseId.toString()));
      // this test plays the workers: plan, check one object, claim another and "die"
      FixityJobs.Work plan = jobs.claim("test-planner", true).orElseThrow();
      assertThat(plan).isInstanceOf(FixityJobs.Plan.class);
      assertThat(jobs.plan(((FixityJobs.Plan) plan).claim(), "test-planner")).isTrue();
      JsonPath planned =
          as(f.admin).get("/api/v1/fixity/runs/" + run).then().statusCode(200).extract().jsonPath();
      assertThat(planned.getString("state")).isEqualTo("RUNNING");
      assertThat(planned.getLong("progress.objectsTotal")).isGreaterThanOrEqualTo(3);
      assertThat(planned.getLong("progress.objectsDone")).isZero();
      assertThat(planned.getString("report")).isNull();

      FixityJobs.Check first = (FixityJobs.Check) jobs.claim("test-live", true).orElseThrow();
      assertThat(first.claim().runId()).isEqualTo(run);
      assertThat(first.claim().evidenceId()).isEqualTo(fresh);
      assertThat(first.claim().target()).isEqualTo(FixityItem.Target.ORIGINAL);
      assertThat(jobs.complete(first.claim(), "test-live", checker.check(first.claim(), n -> true)))
          .isTrue();
      JsonPath oneDone =
          as(f.admin).get("/api/v1/fixity/runs/" + run).then().statusCode(200).extract().jsonPath();
      assertThat(oneDone.getLong("progress.objectsDone")).isEqualTo(1);
      assertThat(oneDone.getLong("progress.bytesDone")).isEqualTo(first.claim().size());
      assertThat(oneDone.getString("state")).isEqualTo("RUNNING");

      dead = ((FixityJobs.Check) jobs.claim("test-dead", true).orElseThrow()).claim();
      // then the one checked longest ago (never checked first: the new record's receipt files)
      assertThat(
              Jdbc.one(
                  db,
                  "SELECT count(*) FROM fixity_item i, fixity_item d WHERE d.id = ?"
                      + " AND i.run_id = ? AND i.id NOT IN (?, ?)"
                      + " AND ((i.prior_checked_at IS NULL AND d.prior_checked_at IS NOT NULL)"
                      + " OR i.prior_checked_at < d.prior_checked_at)",
                  rs -> rs.getLong(1),
                  dead.id(),
                  run,
                  dead.id(),
                  first.claim().id()))
          .contains(0L);
      assertThat(runs.lapse(dead.id())).isEqualTo(1);
    } finally {
      workers.start(null);
    }
    JsonPath done = awaitDone(run);
    assertThat(done.getLong("progress.objectsDone"))
        .isEqualTo(done.getLong("progress.objectsTotal"));
    assertThat(done.getList("report.result")).containsOnly("OK");
    assertThat(
            Jdbc.one(
                db, "SELECT attempts FROM fixity_item WHERE id = ?", rs -> rs.getInt(1), dead.id()))
        .contains(2);
    // the dead worker, back too late, cannot overwrite the result
    assertThat(
            jobs.complete(
                dead,
                "test-dead",
                new FixityChecker.Outcome(FixityItem.Result.MISSING, null, null, null, "late")))
        .isFalse();
    assertThat(evidence(video).getString("fixity.runId")).isEqualTo(run.toString());
    assertThat(evidence(fresh).getString("fixity.status")).isEqualTo("OK");
    // the pace is in the readiness details (no scheduled scan in the tests: nothing required)
    JsonPath ready =
        io.restassured.RestAssured.given().get("/q/health/ready").then().extract().jsonPath();
    assertThat(ready.getList("checks.name")).contains("fixity");
    assertThat(ready.getBoolean("checks.find { it.name == 'fixity' }.data.behind")).isFalse();
  }

  @Test
  @Order(3)
  void a_units_auditor_checks_its_unit_only_and_sees_its_runs_only() throws Exception {
    String auditor = f.user("AUDITOR");
    as(auditor)
        .body(Map.of("scope", "all"))
        .post("/api/v1/fixity/runs")
        .then()
        .statusCode(403)
        .body("field", org.hamcrest.Matchers.equalTo("scope"));
    UUID other = Api.createUnit(f.admin, Api.unique("FXO"), "其他单位");
    as(auditor)
        .body(Map.of("scope", "unit", "unitId", other.toString()))
        .post("/api/v1/fixity/runs")
        .then()
        .statusCode(404);
    as(auditor)
        .body(Map.of("scope", "everything"))
        .post("/api/v1/fixity/runs")
        .then()
        .statusCode(400);
    as(auditor)
        .body(Map.of("scope", "case"))
        .post("/api/v1/fixity/runs")
        .then()
        .statusCode(400)
        .body("field", org.hamcrest.Matchers.equalTo("caseId"));
    as(auditor)
        .body(Map.of("scope", "unit", "evidenceIds", List.of(intact.toString())))
        .post("/api/v1/fixity/runs")
        .then()
        .statusCode(400)
        .body("field", org.hamcrest.Matchers.equalTo("evidenceIds"));
    // the default for a unit's auditor: its unit
    JsonPath mine =
        as(auditor)
            .body("{}")
            .post("/api/v1/fixity/runs")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath();
    assertThat(mine.getString("scope")).isEqualTo("UNIT");
    assertThat(mine.getString("unitId")).isEqualTo(f.unit.toString());
    UUID foreignRun = start(Map.of("scope", "unit", "unitId", other.toString()));
    as(auditor).get("/api/v1/fixity/runs/" + foreignRun).then().statusCode(404);
    List<String> listed =
        as(auditor)
            .get("/api/v1/fixity/runs?limit=500")
            .then()
            .statusCode(200)
            .extract()
            .path("items.id");
    assertThat(listed).contains(mine.getString("id")).doesNotContain(foreignRun.toString());
    assertThat(
            as(auditor)
                .get("/api/v1/fixity/runs?limit=500")
                .then()
                .extract()
                .<List<String>>path("items.unitId"))
        .containsOnly(f.unit.toString());
    awaitDone(UUID.fromString(mine.getString("id")));
  }

  @Test
  @Order(4)
  void a_full_run_re_hashes_the_receipts_and_lists_the_receipts_bucket() throws Exception {
    awaitSigned(intact);
    awaitSigned(deleted);
    Path flippedReceipt = file(BucketRole.RECEIPTS, "receipts/" + intact + "/receipt.p7s");
    Path deletedReceipt = file(BucketRole.RECEIPTS, "receipts/" + deleted + "/receipt.tsr");
    assertThat(flippedReceipt).isRegularFile();
    assertThat(deletedReceipt).isRegularFile();
    flip(flippedReceipt, 10);
    byte[] deletedBytes = Files.readAllBytes(deletedReceipt);
    Files.delete(deletedReceipt);
    String ofNoRecord = "receipts/" + UUID.randomUUID() + "/receipt.json";
    String notOfTheReceipt = "receipts/" + intact + "/receipt.extra";
    String outside = "stray/" + UUID.randomUUID() + ".bin";
    for (String key : List.of(ofNoRecord, notOfTheReceipt, outside)) {
      plant(BucketRole.RECEIPTS, key);
    }
    Map<String, Double> before = failures();
    JsonPath done;
    try {
      done = awaitDone(start(Map.of("scope", "all")));
    } finally {
      flip(flippedReceipt, 10);
      Files.write(deletedReceipt, deletedBytes);
      for (String key : List.of(ofNoRecord, notOfTheReceipt, outside)) {
        Files.deleteIfExists(file(BucketRole.RECEIPTS, key));
      }
    }
    Map<String, Object> flippedLine = lineOf(done, "receipts/" + intact + "/receipt.p7s");
    assertThat(flippedLine)
        .containsEntry("target", "RECEIPT")
        .containsEntry("bucket", "RECEIPTS")
        .containsEntry("evidenceId", intact.toString())
        .containsEntry("result", "MISMATCH")
        .containsEntry("detail", "differs from the record: sha256");
    assertThat(lineOf(done, "receipts/" + deleted + "/receipt.tsr"))
        .containsEntry("target", "RECEIPT")
        .containsEntry("result", "MISSING");
    assertThat(lineOf(done, "receipts/" + intact + "/receipt.json")).containsEntry("result", "OK");
    assertThat(lineOf(done, ofNoRecord))
        .containsEntry("result", "FOREIGN")
        .containsEntry("bucket", "RECEIPTS")
        .containsEntry("detail", "a receipt of no evidence record");
    assertThat(lineOf(done, notOfTheReceipt))
        .containsEntry("result", "FOREIGN")
        .containsEntry("detail", "no file of the record's signed receipt");
    assertThat(lineOf(done, outside)).containsEntry("result", "FOREIGN");
    List<Map<String, Object>> report = done.getList("report");
    assertThat(report)
        .filteredOn(l -> "SCAN".equals(l.get("target")))
        .extracting(l -> l.get("bucket"))
        .containsExactlyInAnyOrder("EVIDENCE", "DERIVED", "RECEIPTS");
    // the same alert as for an original: metric, audit event, the mark on the item
    Map<String, Double> after = failures();
    assertThat(after.get("mismatch") - before.getOrDefault("mismatch", 0.0))
        .isGreaterThanOrEqualTo(1);
    assertThat(after.get("missing") - before.getOrDefault("missing", 0.0))
        .isGreaterThanOrEqualTo(1);
    assertThat(after.get("foreign") - before.getOrDefault("foreign", 0.0))
        .isGreaterThanOrEqualTo(3);
    assertThat(
            Jdbc.list(
                db,
                "SELECT convert_from(entry, 'UTF8')::jsonb->'details'->>'kind' FROM audit_entry"
                    + " WHERE event_type = 'fixity.failure' AND target_id = ?",
                rs -> rs.getString(1),
                "RECEIPTS/receipts/" + intact + "/receipt.p7s"))
        .contains("MISMATCH");
    JsonPath marked = evidence(intact);
    assertThat(marked.getString("fixity.status")).isEqualTo("FAILED");
    assertThat(marked.getList("fixity.failed.object")).containsExactly("RECEIPT");
    assertThat(evidence(deleted).getList("fixity.failed.object")).containsExactly("RECEIPT");
    // put right: the next check finds the receipts intact
    UUID again =
        start(
            Map.of(
                "scope",
                "evidence",
                "evidenceIds",
                List.of(intact.toString(), deleted.toString())));
    assertThat(awaitDone(again).getList("report.result")).containsOnly("OK");
    assertThat(evidence(intact).getString("fixity.status")).isEqualTo("OK");
  }

  // --- helpers

  private static UUID start(Map<String, Object> body) {
    return UUID.fromString(
        as(f.admin)
            .body(body)
            .post("/api/v1/fixity/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id"));
  }

  private static JsonPath awaitDone(UUID run) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      JsonPath r =
          as(f.admin).get("/api/v1/fixity/runs/" + run).then().statusCode(200).extract().jsonPath();
      if ("DONE".equals(r.getString("state"))) {
        return r;
      }
      assertThat(System.nanoTime())
          .as("fixity run " + run + " still " + r.getString("state"))
          .isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static Map<String, Object> line(JsonPath run, String target, UUID evidence) {
    List<Map<String, Object>> report = run.getList("report");
    Optional<Map<String, Object>> l =
        report.stream()
            .filter(
                x ->
                    target.equals(x.get("target"))
                        && evidence.toString().equals(x.get("evidenceId")))
            .findFirst();
    assertThat(l).as(target + " of " + evidence).isPresent();
    return l.get();
  }

  private static Map<String, Object> lineOf(JsonPath run, String key) {
    List<Map<String, Object>> report = run.getList("report");
    Optional<Map<String, Object>> l =
        report.stream().filter(x -> key.equals(x.get("objectKey"))).findFirst();
    assertThat(l).as(key).isPresent();
    return l.get();
  }

  private void awaitSigned(UUID id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Jdbc.one(
            db,
            "SELECT state FROM evidence_receipt WHERE evidence_id = ?",
            rs -> rs.getString(1),
            id)
        .orElse("")
        .equals("SIGNED")) {
      assertThat(System.nanoTime()).as("receipt of " + id + " signed").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }

  private static JsonPath evidence(UUID id) {
    return as(f.admin).get("/api/v1/evidence/" + id).then().statusCode(200).extract().jsonPath();
  }

  private UUID caseOf(UUID evidence) {
    return UUID.fromString(
        as(f.admin)
            .get("/api/v1/evidence/" + evidence)
            .then()
            .statusCode(200)
            .extract()
            .path("link.caseId"));
  }

  private String originalKey(UUID id) {
    return Jdbc.one(db, "SELECT object_key FROM evidence WHERE id = ?", rs -> rs.getString(1), id)
        .orElseThrow();
  }

  private List<String> auditTypes(UUID run) {
    return Jdbc.list(
        db,
        "SELECT event_type FROM audit_entry WHERE target_type = 'fixity-run' AND target_id = ?",
        rs -> rs.getString(1),
        run.toString());
  }

  private Path file(BucketRole bucket, String key) {
    return RawS3.file(store, bucket, key);
  }

  private void plant(BucketRole bucket, String key) throws Exception {
    Path p = file(bucket, key);
    Files.createDirectories(p.getParent());
    try (InputStream in = new SyntheticStream(1899, 4096)) {
      Files.write(p, in.readAllBytes());
    }
  }

  private static void flip(Path file, long position) throws Exception {
    RawS3.flip(file, position);
  }

  private static Map<String, Double> failures() {
    String text =
        as(Api.adminToken()).get("/q/metrics").then().statusCode(200).extract().asString();
    Map<String, Double> out = new java.util.HashMap<>();
    Matcher m = FAILURES.matcher(text);
    while (m.find()) {
      out.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return out;
  }
}
