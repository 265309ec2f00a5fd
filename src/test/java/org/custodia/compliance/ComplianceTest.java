package org.custodia.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.action;
import static org.custodia.testing.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.custodia.testing.Clips;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The recording-compliance rules on seeded dossiers with real clips (probed durations), through the
 * real API: a compliant dossier, each kind of breach with the exact finding (rule, action, records,
 * span), a clock offset that clears a gap, acknowledgement and its audit, unit scoping.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ComplianceTest {
  @Inject AgroalDataSource db;

  static Path dir;
  static Instant b;

  @BeforeEach
  void setUp() throws Exception {
    if (dir == null) {
      dir = Clips.dir("compliance-");
      // an hour ago: recent enough not to be uploaded late
      b = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    }
  }

  // ---- seeding ----

  /** A case of the fixture's unit with these actions; returns its dossier. */
  private static JsonPath createCase(UnitFixture f, List<Map<String, Object>> actions) {
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", f.unit.toString());
    body.put("caseNo", Api.unique("合规"));
    body.put("type", "PENALTY");
    body.put("subjectIds", List.of(Api.organisation(f.admin, f.unit, "某某建材有限公司").toString()));
    body.put("actions", actions);
    return as(f.admin).body(body).post("/api/v1/cases").then().statusCode(201).extract().jsonPath();
  }

  private static UUID id(JsonPath j, String path) {
    return UUID.fromString(j.getString(path));
  }

  private static int clips;

  /**
   * A real H.264 clip of {@code seconds} uploaded from {@code device} by {@code officer}, claimed
   * (device clock) from {@code from}, linked to {@code caseId}; waits for its probe.
   */
  private static UUID clip(
      UnitFixture f, UUID device, UUID officer, Instant from, int seconds, UUID caseId)
      throws Exception {
    String[] sources = {"testsrc", "testsrc2", "smptebars", "rgbtestsrc", "smptehdbars"};
    int n = clips++;
    Path file =
        Clips.h264(
            dir.resolve("clip" + n + ".mp4"),
            sources[n % sources.length] + "=size=160x120:rate=25:duration=" + seconds);
    UUID id =
        f.uploadRecording(
            file, "video/mp4", from, from.plusSeconds(seconds), caseId, device, officer);
    assertThat(f.awaitMediaJob(id, Duration.ofSeconds(120))).isEqualTo("SUCCEEDED");
    return id;
  }

  private static JsonPath evidence(UnitFixture f, UUID id) {
    return as(f.admin).get("/api/v1/evidence/" + id).then().statusCode(200).extract().jsonPath();
  }

  private static long durationMs(UnitFixture f, UUID id) {
    return evidence(f, id).getLong("media.durationMs");
  }

  private static JsonPath compliance(String token, UUID caseId) {
    return as(token)
        .get("/api/v1/cases/" + caseId + "/compliance")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The open findings as "rule|action|records|from|to", in the report's order. */
  private static List<String> open(JsonPath report) {
    List<String> out = new ArrayList<>();
    List<Map<String, Object>> findings = report.getList("findings");
    for (Map<String, Object> f : findings) {
      if (f.get("resolvedAt") == null) {
        out.add(line(f));
      }
    }
    return out;
  }

  /** The detail of the open finding of {@code rule}. */
  private static String openDetail(JsonPath report, String rule) {
    return report.getString(
        "findings.find { it.rule == '" + rule + "' && it.resolvedAt == null }.detail");
  }

  private static List<String> resolved(JsonPath report) {
    List<String> out = new ArrayList<>();
    List<Map<String, Object>> findings = report.getList("findings");
    for (Map<String, Object> f : findings) {
      if (f.get("resolvedAt") != null) {
        out.add(line(f));
      }
    }
    return out;
  }

  private static String line(Map<String, Object> f) {
    return f.get("rule")
        + "|"
        + f.get("actionId")
        + "|"
        + f.get("evidenceIds")
        + "|"
        + Instant.parse((String) f.get("from"))
        + "|"
        + Instant.parse((String) f.get("to"));
  }

  private static String expect(
      String rule, UUID action, List<UUID> records, Instant from, Instant to) {
    return rule
        + "|"
        + action
        + "|"
        + records.stream().map(UUID::toString).toList()
        + "|"
        + from
        + "|"
        + to;
  }

  private static UUID device(UnitFixture f, UUID custodian) {
    return UUID.fromString(
        as(f.admin)
            .body(
                Map.of(
                    "unitId", f.unit.toString(),
                    "serial", Api.unique("CAM"),
                    "model", "DSJ-V9",
                    "custodianOfficerId", custodian.toString()))
            .post("/api/v1/devices")
            .then()
            .statusCode(201)
            .extract()
            .path("id"));
  }

  private long events(String type, UUID target) {
    return UnitFixture.audited(db, type, target);
  }

  // ---- the rules ----

  @Test
  void a_fully_recorded_seizure_by_two_certified_officers_is_compliant() throws Exception {
    UnitFixture f = new UnitFixture();
    UUID second = Api.officer(f.admin, f.unit, "执法员李四", "YELLOW");
    JsonPath c = createCase(f, List.of(action("SEIZURE", b, 10, f.officer, second)));
    UUID caseId = id(c, "id");
    clip(f, f.device, f.officer, b, 2, caseId);
    clip(f, f.device, second, b.plusSeconds(1), 3, caseId);

    JsonPath r = compliance(f.user("REVIEWER"), caseId);
    assertThat(r.getString("status")).isEqualTo("COMPLIANT");
    assertThat(r.getInt("violations")).isZero();
    assertThat(r.getInt("warnings")).isZero();
    assertThat(r.getString("rulesVersion")).isEqualTo("2026.1");
    // the job may have evaluated the case between the two uploads: only open findings count
    assertThat(open(r)).isEmpty();
  }

  @Test
  void missing_mandatory_and_recommended_recordings_and_a_lone_officer_are_found_exactly()
      throws Exception {
    UnitFixture f = new UnitFixture();
    UUID second = Api.officer(f.admin, f.unit, "执法员李四", "GREEN");
    JsonPath c =
        createCase(
            f,
            List.of(
                action("DEMOLITION", b, 10, f.officer, second),
                action("HEARING", b.plusSeconds(20), 10, f.officer, second),
                action("ON_SITE", b.plusSeconds(40), 10, f.officer, second),
                action("OTHER", b.plusSeconds(60), 10, f.officer, second)));
    UUID caseId = id(c, "id");
    UUID demolition = id(c, "actions.find { it.type == 'DEMOLITION' }.id");
    UUID hearing = id(c, "actions.find { it.type == 'HEARING' }.id");
    UUID onSite = id(c, "actions.find { it.type == 'ON_SITE' }.id");
    UUID lone = clip(f, f.device, f.officer, b.plusSeconds(40), 2, caseId);

    JsonPath r = compliance(f.user("OFFICER"), caseId);
    assertThat(open(r))
        .containsExactlyInAnyOrder(
            expect("mandatory-recording", demolition, List.of(), b, b.plusSeconds(10)),
            expect(
                "recommended-recording", hearing, List.of(), b.plusSeconds(20), b.plusSeconds(30)),
            expect("two-officers", onSite, List.of(lone), b.plusSeconds(40), b.plusSeconds(50)));
    assertThat(r.getString("status")).isEqualTo("VIOLATIONS");
    assertThat(r.getInt("violations")).isEqualTo(2);
    assertThat(r.getInt("warnings")).isEqualTo(1);
    String mandatory = "findings.find { it.rule == 'mandatory-recording' }";
    assertThat(r.getString(mandatory + ".severity")).isEqualTo("VIOLATION");
    assertThat(r.getString(mandatory + ".clause")).startsWith("一(二)").contains("强制拆除");
    assertThat(r.getInt(mandatory + ".ruleVersion")).isEqualTo(1);
    assertThat(r.getLong(mandatory + ".durationMs")).isEqualTo(10_000);
    assertThat(r.getString("findings.find { it.rule == 'recommended-recording' }.severity"))
        .isEqualTo("WARNING");

    // a second read recomputes nothing: the same findings, first seen once
    JsonPath again = compliance(f.admin, caseId);
    assertThat(again.getList("findings.id")).isEqualTo(r.getList("findings.id"));
    assertThat(again.getList("findings.firstSeenAt")).isEqualTo(r.getList("findings.firstSeenAt"));

    // relinked to another case: the on-site action has no recording left, the lone officer's
    // finding is resolved, kept in the history
    UUID elsewhere = id(createCase(f, List.of()), "id");
    as(f.admin)
        .body(Map.of("caseId", elsewhere.toString(), "reason", "误关联，改挂正确案件"))
        .post("/api/v1/evidence/" + lone + "/links")
        .then()
        .statusCode(org.hamcrest.Matchers.lessThan(300));
    JsonPath moved = compliance(f.admin, caseId);
    assertThat(open(moved))
        .containsExactlyInAnyOrder(
            expect("mandatory-recording", demolition, List.of(), b, b.plusSeconds(10)),
            expect(
                "recommended-recording", hearing, List.of(), b.plusSeconds(20), b.plusSeconds(30)),
            expect(
                "recommended-recording", onSite, List.of(), b.plusSeconds(40), b.plusSeconds(50)));
    assertThat(resolved(moved))
        .contains(
            expect("two-officers", onSite, List.of(lone), b.plusSeconds(40), b.plusSeconds(50)));
    assertThat(moved.getInt("warnings")).isEqualTo(2);
  }

  @Test
  void an_upload_more_than_24_hours_after_the_recording_ended_is_late() throws Exception {
    UnitFixture f = new UnitFixture();
    UUID caseId = id(createCase(f, List.of()), "id");
    Instant claimed = Instant.now().minus(Duration.ofHours(30)).truncatedTo(ChronoUnit.SECONDS);
    UUID late = clip(f, f.device, f.officer, claimed, 2, caseId);
    Instant ended = claimed.plusMillis(durationMs(f, late));
    Instant uploaded = Instant.parse(evidence(f, late).getString("ingestedAt"));

    JsonPath r = compliance(f.admin, caseId);
    assertThat(open(r))
        .containsExactlyInAnyOrder(expect("late-upload", null, List.of(late), ended, uploaded));
    long minutes = Duration.between(ended, uploaded).toMinutes();
    assertThat(openDetail(r, "late-upload"))
        .isEqualTo(
            "uploaded " + minutes / 60 + " h " + minutes % 60 + " min after the recording ended");
  }

  @Test
  void a_recording_by_an_officer_whose_certificate_was_red_at_recording_time_is_found()
      throws Exception {
    UnitFixture f = new UnitFixture();
    UUID suspended = Api.officer(f.admin, f.unit, "执法员赵六", "GREEN");
    UUID caseId = id(createCase(f, List.of()), "id");
    UUID fine = clip(f, f.device, suspended, b, 2, caseId);
    // the certificate is RED for a moment; a recording starts in that moment. Registration
    // checks the certificate as it is at upload, GREEN again: only its history tells.
    certificate(f, suspended, "RED", "年度审查未通过");
    Thread.sleep(300);
    Instant red = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Thread.sleep(300);
    certificate(f, suspended, "GREEN", "复核通过");
    UUID byRed = clip(f, f.device, suspended, red, 2, caseId);

    JsonPath r = compliance(f.admin, caseId);
    assertThat(open(r))
        .containsExactlyInAnyOrder(
            expect(
                "officer-not-certified",
                null,
                List.of(byRed),
                red,
                red.plusMillis(durationMs(f, byRed))));
    assertThat(openDetail(r, "officer-not-certified"))
        .isEqualTo("the certificate was RED at recording time");
    assertThat(fine).isNotEqualTo(byRed);
  }

  private static void certificate(UnitFixture f, UUID officer, String status, String reason) {
    as(f.admin)
        .body(Map.of("status", status, "reason", reason))
        .put("/api/v1/officers/" + officer + "/certificate")
        .then()
        .statusCode(200);
  }

  @Test
  void a_clock_offset_that_moves_a_recording_into_the_window_clears_the_gap() throws Exception {
    UnitFixture f = new UnitFixture();
    UUID second = Api.officer(f.admin, f.unit, "执法员李四", "GREEN");
    UUID otherDevice = device(f, second);
    JsonPath c = createCase(f, List.of(action("SEIZURE", b, 100, f.officer, second)));
    UUID caseId = id(c, "id");
    UUID seizure = id(c, "actions[0].id");
    UUID first = clip(f, f.device, f.officer, b, 2, caseId);
    // the other device's clock is 200 s ahead: it claims b+250s for what ran at b+50s
    UUID ahead = clip(f, otherDevice, second, b.plusSeconds(250), 3, caseId);
    Instant firstEnd = b.plusMillis(durationMs(f, first));

    JsonPath before = compliance(f.admin, caseId);
    List<String> found =
        List.of(
            expect("two-officers", seizure, List.of(first), b, b.plusSeconds(100)),
            expect("coverage-gap", seizure, List.of(), firstEnd, b.plusSeconds(100)));
    assertThat(open(before)).containsExactlyInAnyOrderElementsOf(found);
    assertThat(openDetail(before, "coverage-gap"))
        .isEqualTo(
            "no recording for "
                + Duration.between(firstEnd, b.plusSeconds(100)).toSeconds()
                + " s (tolerance 60 s)");

    as(f.stationToken)
        .body(Map.of("clockOffsetMs", 200_000))
        .put("/api/v1/devices/" + otherDevice + "/clock-offset")
        .then()
        .statusCode(200);

    JsonPath after = compliance(f.admin, caseId);
    assertThat(open(after)).isEmpty();
    assertThat(after.getString("status")).isEqualTo("COMPLIANT");
    // the history keeps what was found, resolved
    assertThat(resolved(after)).containsAll(found);
    assertThat(ahead).isNotNull();
  }

  @Test
  void an_action_corrected_to_its_real_window_clears_the_gap_it_had() throws Exception {
    UnitFixture f = new UnitFixture();
    UUID second = Api.officer(f.admin, f.unit, "执法员李四", "GREEN");
    // typed as 100 s; the seizure really took 30 s
    JsonPath c = createCase(f, List.of(action("SEIZURE", b, 100, f.officer, second)));
    UUID caseId = id(c, "id");
    UUID seizure = id(c, "actions[0].id");
    UUID first = clip(f, f.device, f.officer, b, 2, caseId);
    UUID other = clip(f, device(f, second), second, b.plusSeconds(1), 3, caseId);
    Instant end = b.plusSeconds(1).plusMillis(durationMs(f, other));
    List<String> gap = List.of(expect("coverage-gap", seizure, List.of(), end, b.plusSeconds(100)));
    assertThat(open(compliance(f.admin, caseId))).containsExactlyElementsOf(gap);

    as(f.admin)
        .body(
            Map.of(
                "action",
                action("SEIZURE", b, 30, f.officer, second),
                "reason",
                "结束时间录入错误，按现场笔录更正"))
        .put("/api/v1/cases/" + caseId + "/actions/" + seizure)
        .then()
        .statusCode(200)
        .body("to", org.hamcrest.Matchers.equalTo(b.plusSeconds(30).toString()));

    JsonPath after = compliance(f.admin, caseId);
    assertThat(open(after)).isEmpty();
    assertThat(after.getString("status")).isEqualTo("COMPLIANT");
    assertThat(resolved(after)).containsAll(gap);
    assertThat(first).isNotNull();
  }

  // ---- acknowledgement, listing, access ----

  @Test
  void a_supervisor_acknowledges_a_finding_in_writing_audited_and_the_finding_still_counts()
      throws Exception {
    UnitFixture f = new UnitFixture();
    UUID second = Api.officer(f.admin, f.unit, "执法员李四", "GREEN");
    UUID caseId = id(createCase(f, List.of(action("SEIZURE", b, 10, f.officer, second))), "id");
    JsonPath r = compliance(f.admin, caseId);
    String findingId = r.getString("findings[0].id");
    String path =
        "/api/v1/cases/" + caseId + "/compliance/findings/" + findingId + "/acknowledgements";
    String supervisor = supervisor(f);
    String explanation = "  执法记录仪电池故障，未能录像；已报修（工单 42）。\nDevice failure.  ";

    // bad input: nothing stored
    problem(as(supervisor).body(Map.of("explanation", "   ")).post(path), 400, "explanation");
    problem(as(supervisor).body(Map.of()).post(path), 400, "explanation");
    problem(as(supervisor).body(Map.of("explanation", "坏\u0000字")).post(path), 400, "explanation");
    problem(
        as(supervisor)
            .body(Map.of("explanation", "x"))
            .post(
                "/api/v1/cases/"
                    + caseId
                    + "/compliance/findings/"
                    + UUID.randomUUID()
                    + "/acknowledgements"),
        404,
        null);
    assertThat(as(f.user("OFFICER")).body(Map.of("explanation", "x")).post(path).statusCode())
        .isEqualTo(403);
    assertThat(as(f.admin).body(Map.of("explanation", "x")).post(path).statusCode()).isEqualTo(403);
    assertThat(events(ComplianceService.EVENT_ACKNOWLEDGED, caseId)).isZero();

    JsonPath ack =
        as(supervisor)
            .body(Map.of("explanation", explanation))
            .post(path)
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    assertThat(ack.getString("explanation")).isEqualTo(explanation);
    assertThat(ack.getString("findingId")).isEqualTo(findingId);

    JsonPath shown = compliance(f.user("AUDITOR"), caseId);
    assertThat(shown.getString("status")).isEqualTo("VIOLATIONS");
    assertThat(shown.getInt("violations")).isEqualTo(1);
    assertThat(shown.getString("findings[0].id")).isEqualTo(findingId);
    assertThat(shown.getString("findings[0].acknowledgements[0].explanation"))
        .isEqualTo(explanation);
    assertThat(events(ComplianceService.EVENT_ACKNOWLEDGED, caseId)).isEqualTo(1);
    String sha =
        Jdbc.one(
                db,
                "SELECT convert_from(entry, 'UTF8')::jsonb->'details'->>'explanationSha256'"
                    + " FROM audit_entry WHERE event_type = ? AND target_id = ?",
                rs -> rs.getString(1),
                ComplianceService.EVENT_ACKNOWLEDGED,
                caseId.toString())
            .orElseThrow();
    assertThat(sha)
        .isEqualTo(
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(explanation.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  private static String supervisor(UnitFixture f) {
    String name = Api.unique("supervisor");
    Api.createUser(f.admin, name, "SUPERVISOR", null);
    return Api.login(name, Api.PASSWORD);
  }

  private static void problem(Response r, int status, String field) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    if (field != null) {
      assertThat(r.asString()).contains(field);
    }
  }

  @Test
  void non_compliant_dossiers_are_listed_by_unit_period_and_status_and_other_units_are_refused()
      throws Exception {
    UnitFixture f = new UnitFixture();
    UnitFixture other = new UnitFixture();
    UUID second = Api.officer(f.admin, f.unit, "执法员李四", "GREEN");
    UUID violating =
        id(createCase(f, List.of(action("DEMOLITION", b, 10, f.officer, second))), "id");
    UUID warned =
        id(
            createCase(f, List.of(action("HEARING", b.plusSeconds(30), 10, f.officer, second))),
            "id");
    String auditor = f.user("AUDITOR");

    JsonPath all = list(auditor, "?unitId=" + f.unit, 200);
    assertThat(all.getList("items.caseId"))
        .containsExactlyInAnyOrder(violating.toString(), warned.toString());
    assertThat(all.getString("items.find { it.caseId == '" + violating + "' }.status"))
        .isEqualTo("VIOLATIONS");
    assertThat(list(auditor, "", 200).getList("items.caseId")).hasSize(2);
    // one at a time: the cursor walks both, each once, then ends
    JsonPath first = list(auditor, "?unitId=" + f.unit + "&limit=1", 200);
    assertThat(first.getList("items")).hasSize(1);
    String cursor = first.getString("nextCursor");
    assertThat(cursor).isNotNull();
    JsonPath next = list(auditor, "?unitId=" + f.unit + "&limit=1&cursor=" + cursor, 200);
    assertThat(List.of(first.getString("items[0].caseId"), next.getString("items[0].caseId")))
        .containsExactlyInAnyOrder(violating.toString(), warned.toString());
    assertThat(next.getString("nextCursor")).isNull();
    assertThat(list(auditor, "?status=WARNINGS", 200).getList("items.caseId"))
        .containsExactly(warned.toString());
    assertThat(
            list(supervisor(f), "?unitId=" + f.unit + "&status=VIOLATIONS", 200)
                .getList("items.caseId"))
        .containsExactly(violating.toString());
    // the period: actions running during [from, to)
    assertThat(
            list(auditor, "?from=" + b.plusSeconds(20) + "&to=" + b.plusSeconds(60), 200)
                .getList("items.caseId"))
        .containsExactly(warned.toString());
    assertThat(list(auditor, "?from=" + b.plus(Duration.ofDays(1)), 200).getList("items"))
        .isEmpty();
    // bad input
    problem(as(auditor).get("/api/v1/compliance?status=COMPLIANT"), 400, "status");
    problem(as(auditor).get("/api/v1/compliance?status=BAD"), 400, null);
    problem(as(auditor).get("/api/v1/compliance?from=" + b + "&to=" + b), 400, "to");
    // roles and units
    assertThat(as(f.user("REVIEWER")).get("/api/v1/compliance").statusCode()).isEqualTo(403);
    String stranger = other.user("AUDITOR");
    problem(as(stranger).get("/api/v1/compliance?unitId=" + f.unit), 404, null);
    problem(as(stranger).get("/api/v1/cases/" + violating + "/compliance"), 404, null);
    assertThat(events("access.denied", violating)).isEqualTo(1);
    assertThat(events("access.denied", f.unit)).isEqualTo(1);
  }

  private static JsonPath list(String token, String query, int status) {
    return as(token)
        .get("/api/v1/compliance" + query)
        .then()
        .statusCode(status)
        .extract()
        .jsonPath();
  }
}
