package org.custodia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.Api;
import org.custodia.testing.Clips;
import org.custodia.testing.UnitFixture;

/**
 * What the player and review page tests share, built through the real API: a unit with a reviewer,
 * a penalty case with an on-site action, and a real recording (made with the ffmpeg CLI) uploaded
 * through tus, linked to the case and processed (review copy, poster, sprite sheet).
 */
final class PlayerWorld {
  /** The device's clock runs this much ahead of the station's. */
  static final long OFFSET_MS = 90_000;

  final UnitFixture fixture;
  final String reviewer;
  final UUID reviewerId;
  final String caseNo;
  final UUID caseId;
  final Instant start;

  PlayerWorld(String casePrefix) throws Exception {
    fixture = new UnitFixture();
    reviewer = Api.unique("reviewer");
    reviewerId = Api.createUser(fixture.admin, reviewer, "REVIEWER", fixture.unit);
    UUID subject = Api.organisation(fixture.admin, fixture.unit, "某某餐饮有限公司");
    start = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
    Map<String, Object> act = new HashMap<>();
    act.put("type", "ON_SITE");
    act.put("from", start.toString());
    act.put("to", start.plusSeconds(600).toString());
    UUID second = secondOfficer();
    act.put("officerIds", List.of(fixture.officer.toString(), second.toString()));
    caseNo = Api.unique(casePrefix);
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", fixture.unit.toString());
    body.put("caseNo", caseNo);
    body.put("type", "PENALTY");
    body.put("title", "餐饮店现场检查");
    body.put("subjectIds", List.of(subject.toString()));
    body.put("actions", List.of(act));
    caseId =
        UUID.fromString(
            as(fixture.admin)
                .body(body)
                .post("/api/v1/cases")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    as(fixture.admin)
        .body(Map.of("clockOffsetMs", OFFSET_MS))
        .put("/api/v1/devices/" + fixture.device + "/clock-offset")
        .then()
        .statusCode(200);
  }

  private UUID secondOfficer() {
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", fixture.unit.toString());
    body.put("name", "执法员李四");
    body.put("auxiliary", false);
    body.put("certificateNo", Api.unique("C"));
    body.put("certificateStatus", "GREEN");
    body.put("certificateValidFrom", java.time.LocalDate.now().minusYears(1).toString());
    body.put("certificateValidUntil", java.time.LocalDate.now().plusYears(2).toString());
    return UUID.fromString(
        as(fixture.admin)
            .body(body)
            .post("/api/v1/officers")
            .then()
            .statusCode(201)
            .extract()
            .path("id"));
  }

  /**
   * A clip made by the ffmpeg CLI: {@code source} is a lavfi video source (with its size, rate and
   * duration), a sine tone is added when {@code audio}; H.264 ultrafast, moov atom first.
   */
  static Path clip(String name, String source, double seconds, boolean audio) throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "player-");
    Path out = dir.resolve(name);
    List<String> cmd = new ArrayList<>(List.of("-f", "lavfi", "-i", source));
    if (audio) {
      cmd.addAll(
          List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds));
    }
    cmd.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
    if (audio) {
      cmd.addAll(List.of("-c:a", "aac", "-b:a", "64k"));
    }
    cmd.addAll(List.of("-movflags", "+faststart"));
    Clips.ffmpeg(out, cmd.toArray(String[]::new));
    return out;
  }

  /**
   * Uploads {@code file} through tus as the unit's docking station, recorded (device clock) at
   * {@code offset} after the case's action started and linked to the case; returns the evidence id.
   */
  UUID upload(Path file, String contentType, Duration offset, Duration length) throws Exception {
    Instant from = start.plus(offset).plusMillis(OFFSET_MS);
    return fixture.uploadRecording(file, contentType, from, from.plus(length), caseId);
  }

  /** Waits (through the API) until the record's review copy can be played. */
  void awaitReviewCopy(UUID id, Duration atMost) throws Exception {
    long deadline = System.currentTimeMillis() + atMost.toMillis();
    while (true) {
      var p = as(fixture.admin).get("/api/v1/evidence/" + id + "/playback").then().extract();
      String processing = p.path("processing");
      if ("review-copy".equals(p.path("source")) && "SUCCEEDED".equals(processing)) {
        return;
      }
      assertThat(processing).as("media job of " + id).isIn(null, "QUEUED", "RUNNING", "SUCCEEDED");
      assertThat(System.currentTimeMillis())
          .as("review copy of " + id + " still not made (" + processing + ")")
          .isLessThan(deadline);
      Thread.sleep(250);
    }
  }
}
