package org.custodia.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.custodia.testing.Clips;
import org.custodia.testing.SyntheticStream;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * A case with one action of ten seconds, two probed clips that overlap by a second, an audio file
 * that cannot be probed (its end comes from recordedTo) and a document, all from a device whose
 * clock runs 90 s ahead of the station: the timeline, its coverage, the player's facts, unit
 * scoping and the once-per-session audit of dossier views, through the real API.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CaseTimelineTest {
  private static final long OFFSET_MS = 90_000;

  @Inject AgroalDataSource db;

  static UnitFixture f;
  static UUID caseId;
  static UUID action;
  static Instant b;
  static UUID clip1;
  static UUID clip2;
  static UUID audio;
  static UUID document;
  static String clip1Sha256;
  static String officerName;

  @BeforeEach
  void setUp() throws Exception {
    if (f != null) {
      return;
    }
    UnitFixture fixture = new UnitFixture();
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "timeline-");
    officerName = "执法员" + Api.unique("李");
    UUID second = officer(fixture, officerName);
    UUID subject = Api.organisation(fixture.admin, fixture.unit, "某某餐饮有限公司");
    b = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
    Map<String, Object> act = new HashMap<>();
    act.put("type", "ON_SITE");
    act.put("from", b.toString());
    act.put("to", b.plusSeconds(10).toString());
    act.put("officerIds", List.of(fixture.officer.toString(), second.toString()));
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", fixture.unit.toString());
    body.put("caseNo", Api.unique("时间线"));
    body.put("type", "PENALTY");
    body.put("subjectIds", List.of(subject.toString()));
    body.put("actions", List.of(act));
    JsonPath created =
        as(fixture.admin)
            .body(body)
            .post("/api/v1/cases")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    caseId = UUID.fromString(created.getString("id"));
    action = UUID.fromString(created.getString("actions[0].id"));
    // the device's clock is 90 s ahead of the station's
    as(fixture.admin)
        .body(Map.of("clockOffsetMs", OFFSET_MS))
        .put("/api/v1/devices/" + fixture.device + "/clock-offset")
        .then()
        .statusCode(200);

    Path c1 = ffmpeg(dir, "one.mp4", "testsrc=size=160x120:rate=25:duration=2");
    Path c2 = ffmpeg(dir, "two.mp4", "testsrc2=size=160x120:rate=25:duration=3");
    Path doc = dir.resolve("notice.pdf");
    try (InputStream in = new SyntheticStream(15, 20_000)) {
      Files.write(doc, in.readAllBytes());
    }
    Path noise = dir.resolve("noise.mp3");
    try (InputStream in = new SyntheticStream(16, 30_000)) {
      Files.write(noise, in.readAllBytes());
    }
    // claimed times are the device's: 90 s ahead of the true ones
    clip1 =
        fixture.uploadRecording(
            c1, "video/mp4", device(b.plusSeconds(1)), device(b.plusSeconds(3)), caseId);
    clip2 =
        fixture.uploadRecording(
            c2, "video/mp4", device(b.plusSeconds(2)), device(b.plusSeconds(5)), caseId);
    audio =
        fixture.uploadRecording(
            noise, "audio/mpeg", device(b.plusMillis(7500)), device(b.plusMillis(8500)), caseId);
    document = fixture.uploadRecording(doc, "application/pdf", device(b), device(b), caseId);
    fixture.awaitMediaJob(clip1, Duration.ofSeconds(90));
    fixture.awaitMediaJob(clip2, Duration.ofSeconds(90));
    fixture.awaitMediaJob(audio, Duration.ofSeconds(90));
    clip1Sha256 = sha256(c1);
    f = fixture;
  }

  private static Instant device(Instant wallClock) {
    return wallClock.plusMillis(OFFSET_MS);
  }

  private static UUID officer(UnitFixture fixture, String name) {
    return Api.officer(fixture.admin, fixture.unit, name, "YELLOW");
  }

  private static Path ffmpeg(Path dir, String name, String source) throws Exception {
    return Clips.h264(dir.resolve(name), source);
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private static JsonPath timeline(String token, String query) {
    return as(token)
        .get("/api/v1/cases/" + caseId + "/timeline" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static Instant at(JsonPath j, String path) {
    return Instant.parse(j.getString(path));
  }

  private static String item(JsonPath j, UUID id) {
    List<String> ids = j.getList("records.id");
    assertThat(ids).contains(id.toString());
    return "records[" + ids.indexOf(id.toString()) + "]";
  }

  @Test
  void every_record_of_the_case_is_listed_with_its_facts_and_corrected_wall_clock()
      throws Exception {
    JsonPath t = timeline(f.user("REVIEWER"), "");
    assertThat(t.getString("caseId")).isEqualTo(caseId.toString());
    assertThat(t.getLong("gapToleranceMs")).isEqualTo(2000);
    // oldest first by corrected start; the document (claimed at the window's start) comes first
    assertThat(t.getList("records.id"))
        .containsExactly(document.toString(), clip1.toString(), clip2.toString(), audio.toString());

    String c1 = item(t, clip1);
    assertThat(t.getString(c1 + ".kind")).isEqualTo("VIDEO");
    assertThat(t.getString(c1 + ".filename")).isEqualTo("one.mp4");
    assertThat(t.getString(c1 + ".contentType")).isEqualTo("video/mp4");
    assertThat(t.getString(c1 + ".sha256")).isEqualTo(clip1Sha256);
    assertThat(t.getString(c1 + ".sm3")).hasSize(64);
    assertThat(t.getLong(c1 + ".size")).isPositive();
    assertThat(t.getString(c1 + ".device.id")).isEqualTo(f.device.toString());
    assertThat(t.getString(c1 + ".device.model")).isEqualTo("DSJ-V9");
    assertThat(t.getString(c1 + ".device.serial")).startsWith("CAM");
    assertThat(t.getLong(c1 + ".device.clockOffsetMs")).isEqualTo(OFFSET_MS);
    assertThat(t.getString(c1 + ".officer.id")).isEqualTo(f.officer.toString());
    assertThat(t.getString(c1 + ".officer.name")).isEqualTo("执法员张三");
    assertThat(t.getString(c1 + ".officer.certificateStatus")).isEqualTo("GREEN");
    // as claimed (device clock) and as corrected (station clock)
    assertThat(at(t, c1 + ".recordedFrom")).isEqualTo(device(b.plusSeconds(1)));
    assertThat(at(t, c1 + ".recordedTo")).isEqualTo(device(b.plusSeconds(3)));
    assertThat(t.getLong(c1 + ".clockOffsetMs")).isEqualTo(OFFSET_MS);
    long d1 = t.getLong(c1 + ".durationMs");
    assertThat(d1).isBetween(1900L, 2100L);
    assertThat(at(t, c1 + ".wallClock.from")).isEqualTo(b.plusSeconds(1));
    assertThat(at(t, c1 + ".wallClock.to")).isEqualTo(b.plusSeconds(1).plusMillis(d1));
    assertThat(t.getString(c1 + ".wallClock.endSource")).isEqualTo("duration");
    assertThat(t.getBoolean(c1 + ".wallClock.offsetKnown")).isTrue();
    assertThat(t.getBoolean(c1 + ".derived.poster")).isTrue();
    assertThat(t.getBoolean(c1 + ".derived.reviewCopy")).isTrue();
    assertThat(t.getBoolean(c1 + ".derived.sprite")).isTrue();
    assertThat(t.getList(c1 + ".actionIds")).containsExactly(action.toString());
    assertReceipt(t, c1, clip1);

    // not probed: the end is recordedTo corrected by the offset
    String a = item(t, audio);
    assertThat(t.getString(a + ".kind")).isEqualTo("AUDIO");
    assertThat(t.getString(a + ".durationMs")).isNull();
    assertThat(at(t, a + ".wallClock.from")).isEqualTo(b.plusMillis(7500));
    assertThat(at(t, a + ".wallClock.to")).isEqualTo(b.plusMillis(8500));
    assertThat(t.getString(a + ".wallClock.endSource")).isEqualTo("recordedTo");
    assertThat(t.getBoolean(a + ".derived.poster")).isFalse();

    String doc = item(t, document);
    assertThat(t.getString(doc + ".kind")).isEqualTo("DOCUMENT");
    assertThat(t.getString(doc + ".contentType")).isEqualTo("application/pdf");
    assertThat(t.getBoolean(doc + ".derived.reviewCopy")).isFalse();
    assertReceipt(t, doc, document);
  }

  /** The timeline's receipt state is the receipt endpoint's. */
  private void assertReceipt(JsonPath t, String item, UUID id) {
    JsonPath r =
        as(f.admin)
            .get("/api/v1/evidence/" + id + "/receipt")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    String state = t.getString(item + ".receipt.state");
    assertThat(state).isIn("SIGNED", "PENDING", "FAILED");
    if (state.equals(r.getString("state"))) {
      assertThat(t.getBoolean(item + ".receipt.signed")).isEqualTo(r.getBoolean("signed"));
    } else {
      // signed between the two reads: only PENDING/FAILED → SIGNED can happen
      assertThat(r.getString("state")).isEqualTo("SIGNED");
    }
    assertThat(t.getBoolean(item + ".receipt.timestamped"))
        .isEqualTo(t.getBoolean(item + ".receipt.signed"));
  }

  @Test
  void the_action_shows_its_officers_coverage_gaps_and_overlaps() {
    JsonPath t = timeline(f.user("SUPERVISOR"), "?gapToleranceMs=0");
    assertThat(t.getList("actions")).hasSize(1);
    assertThat(t.getString("actions[0].id")).isEqualTo(action.toString());
    assertThat(at(t, "actions[0].from")).isEqualTo(b);
    assertThat(at(t, "actions[0].to")).isEqualTo(b.plusSeconds(10));
    assertThat(t.getList("actions[0].officers.name"))
        .containsExactlyInAnyOrder("执法员张三", officerName);
    assertThat(t.getList("actions[0].officers.certificateStatus"))
        .containsExactlyInAnyOrder("GREEN", "YELLOW");

    JsonPath p = timeline(f.admin, "");
    long d1 = p.getLong(item(p, clip1) + ".durationMs");
    long d2 = p.getLong(item(p, clip2) + ".durationMs");
    Instant end1 = b.plusSeconds(1).plusMillis(d1);
    Instant end2 = b.plusSeconds(2).plusMillis(d2);
    assertThat(end2).isAfter(end1);

    // covered: the two clips (one span, they overlap) and the audio; the document covers nothing
    assertThat(at(t, "actions[0].covered[0].from")).isEqualTo(b.plusSeconds(1));
    assertThat(at(t, "actions[0].covered[0].to")).isEqualTo(end2);
    assertThat(t.getList("actions[0].covered[0].evidenceIds"))
        .containsExactly(clip1.toString(), clip2.toString());
    assertThat(at(t, "actions[0].covered[1].from")).isEqualTo(b.plusMillis(7500));
    assertThat(at(t, "actions[0].covered[1].to")).isEqualTo(b.plusMillis(8500));
    assertThat(t.getList("actions[0].covered[1].evidenceIds")).containsExactly(audio.toString());
    long covered = Duration.between(b.plusSeconds(1), end2).toMillis() + 1000;
    assertThat(t.getLong("actions[0].coveredMs")).isEqualTo(covered);
    assertThat(t.getLong("actions[0].uncoveredMs")).isEqualTo(10_000 - covered);
    assertThat(t.getLong("actions[0].windowMs")).isEqualTo(10_000);

    // overlap: from the second clip's start to the first one's end
    assertThat(t.getList("actions[0].overlaps")).hasSize(1);
    assertThat(at(t, "actions[0].overlaps[0].from")).isEqualTo(b.plusSeconds(2));
    assertThat(at(t, "actions[0].overlaps[0].to")).isEqualTo(end1);
    assertThat(t.getList("actions[0].overlaps[0].evidenceIds"))
        .containsExactly(clip1.toString(), clip2.toString());

    // without tolerance every uncovered stretch is a gap
    assertThat(t.getList("actions[0].gaps.from"))
        .containsExactly(b.toString(), end2.toString(), b.plusMillis(8500).toString());
    assertThat(t.getList("actions[0].gaps.to"))
        .containsExactly(
            b.plusSeconds(1).toString(),
            b.plusMillis(7500).toString(),
            b.plusSeconds(10).toString());
    // the default 2 s tolerates the 1 s at the start and the 1.5 s at the end, not the ~2.5 s
    assertThat(p.getLong("gapToleranceMs")).isEqualTo(2000);
    assertThat(p.getList("actions[0].gaps.from")).containsExactly(end2.toString());
    // 1 s: exactly 1 s at the start is tolerated, 1.5 s at the end is a gap
    JsonPath tight = timeline(f.admin, "?gapToleranceMs=1000");
    assertThat(tight.getList("actions[0].gaps.from"))
        .containsExactly(end2.toString(), b.plusMillis(8500).toString());
  }

  @Test
  void a_bad_gap_tolerance_is_400_naming_the_parameter() {
    for (String bad : new String[] {"-1", "3600001", "abc"}) {
      Response r = as(f.admin).get("/api/v1/cases/" + caseId + "/timeline?gapToleranceMs=" + bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.jsonPath().getString("field")).as(bad).isEqualTo("gapToleranceMs");
    }
  }

  @Test
  void another_units_case_and_record_are_not_found_exactly_as_the_dossier_read() {
    UUID other = Api.createUnit(f.admin, Api.unique("OTH"), "其他单位");
    String name = Api.unique("stranger");
    Api.createUser(f.admin, name, "REVIEWER", other);
    String stranger = Api.login(name, Api.PASSWORD);
    Response dossier = as(stranger).get("/api/v1/cases/" + caseId);
    Response timeline = as(stranger).get("/api/v1/cases/" + caseId + "/timeline");
    assertThat(dossier.statusCode()).isEqualTo(404);
    assertThat(timeline.statusCode()).isEqualTo(404);
    assertThat(timeline.jsonPath().getString("type"))
        .isEqualTo(dossier.jsonPath().getString("type"));
    assertThat(timeline.jsonPath().getString("detail"))
        .isEqualTo(dossier.jsonPath().getString("detail"));
    // an unknown case is the same 404
    Response unknown = as(f.admin).get("/api/v1/cases/" + UUID.randomUUID() + "/timeline");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.jsonPath().getString("type"))
        .isEqualTo(dossier.jsonPath().getString("type"));
    assertThat(as(stranger).get("/api/v1/evidence/" + clip1 + "/playback").statusCode())
        .isEqualTo(404);
    assertThat(given().get("/api/v1/cases/" + caseId + "/timeline").statusCode()).isEqualTo(401);
    assertThat(as(f.stationToken).get("/api/v1/cases/" + caseId + "/timeline").statusCode())
        .isEqualTo(403);
    // nothing was recorded as viewed by the stranger; both refusals are audited as denials
    String strangerId = me(stranger);
    assertThat(events("case.viewed", caseId, strangerId)).isZero();
    assertThat(events("access.denied", caseId, strangerId)).isEqualTo(2);
  }

  @Test
  void dossier_reads_and_timelines_are_one_case_viewed_event_per_viewing_session() {
    String reviewer = f.user("REVIEWER");
    String reviewerId = me(reviewer);
    assertThat(events("case.viewed", caseId, reviewerId)).isZero();
    as(reviewer).get("/api/v1/cases/" + caseId).then().statusCode(200);
    as(reviewer).get("/api/v1/cases/" + caseId).then().statusCode(200);
    timeline(reviewer, "");
    timeline(reviewer, "?gapToleranceMs=0");
    assertThat(events("case.viewed", caseId, reviewerId)).isEqualTo(1);
    String via =
        Jdbc.one(
                db,
                "SELECT convert_from(entry, 'UTF8')::jsonb->'details'->>'via' FROM audit_entry WHERE event_type = 'case.viewed'"
                    + " AND target_id = ? AND actor_id = ?",
                rs -> rs.getString(1),
                caseId.toString(),
                reviewerId)
            .orElseThrow();
    assertThat(via).isEqualTo("dossier");
    // another viewer has a session of their own, opened here by the timeline
    String auditor = f.user("AUDITOR");
    String auditorId = me(auditor);
    timeline(auditor, "");
    as(auditor).get("/api/v1/cases/" + caseId).then().statusCode(200);
    assertThat(events("case.viewed", caseId, auditorId)).isEqualTo(1);
    // the player's facts are metadata: no view of the case, no playback event
    as(auditor).get("/api/v1/evidence/" + clip1 + "/playback").then().statusCode(200);
    assertThat(events("evidence.streamed", clip1, auditorId)).isZero();
  }

  @Test
  void the_player_gets_everything_it_needs_in_one_read_and_its_urls_serve() {
    String reviewer = f.user("REVIEWER");
    JsonPath p =
        as(reviewer)
            .get("/api/v1/evidence/" + clip1 + "/playback")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    String base = "/api/v1/evidence/" + clip1;
    assertThat(p.getString("evidenceId")).isEqualTo(clip1.toString());
    assertThat(p.getString("kind")).isEqualTo("VIDEO");
    assertThat(p.getString("source")).isEqualTo("review-copy");
    assertThat(p.getString("sourceUrl")).isEqualTo(base + "/review");
    assertThat(p.getString("sourceContentType")).isEqualTo("video/mp4");
    assertThat(p.getString("posterUrl")).isEqualTo(base + "/thumbnail");
    assertThat(p.getString("spriteUrl")).isEqualTo(base + "/sprite");
    assertThat(p.getString("spriteTrackUrl")).isEqualTo(base + "/sprite.vtt");
    assertThat(p.getString("originalUrl")).isEqualTo(base + "/content");
    assertThat(p.getString("processing")).isEqualTo("SUCCEEDED");
    assertThat(p.getLong("durationMs")).isBetween(1900L, 2100L);
    assertThat(p.getDouble("frameRate")).isEqualTo(25.0);
    assertThat(p.getInt("width")).isEqualTo(160);
    assertThat(p.getInt("height")).isEqualTo(120);
    assertThat(p.getLong("clockOffsetMs")).isEqualTo(OFFSET_MS);
    assertThat(at(p, "recordedFrom")).isEqualTo(device(b.plusSeconds(1)));
    // media time t is wall-clock from + t
    assertThat(at(p, "wallClock.from")).isEqualTo(b.plusSeconds(1));
    assertThat(at(p, "wallClock.to"))
        .isEqualTo(b.plusSeconds(1).plusMillis(p.getLong("durationMs")));

    Response vtt = as(reviewer).get(p.getString("spriteTrackUrl"));
    assertThat(vtt.statusCode()).isEqualTo(200);
    assertThat(vtt.asString()).startsWith("WEBVTT");
    Response video = as(reviewer).header("Range", "bytes=0-99").get(p.getString("sourceUrl"));
    assertThat(video.statusCode()).isEqualTo(206);
    assertThat(as(reviewer).get(p.getString("posterUrl")).contentType()).isEqualTo("image/jpeg");

    // nothing playable: the document
    JsonPath doc =
        as(reviewer)
            .get("/api/v1/evidence/" + document + "/playback")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(doc.getString("kind")).isEqualTo("DOCUMENT");
    assertThat(doc.getString("source")).isNull();
    assertThat(doc.getString("sourceUrl")).isNull();
    assertThat(doc.getString("spriteTrackUrl")).isNull();
    assertThat(doc.getString("durationMs")).isNull();
    assertThat(doc.getString("originalUrl")).isEqualTo("/api/v1/evidence/" + document + "/content");
    assertThat(at(doc, "wallClock.from")).isEqualTo(b);
  }

  private static String me(String token) {
    return as(token).get("/api/v1/auth/me").then().statusCode(200).extract().path("id");
  }

  private long events(String type, UUID target, String actorId) {
    return Jdbc.one(
            db,
            "SELECT count(*) FROM audit_entry WHERE event_type = ? AND target_id = ? AND actor_id = ?",
            rs -> rs.getLong(1),
            type,
            target.toString(),
            actorId)
        .orElseThrow();
  }
}
