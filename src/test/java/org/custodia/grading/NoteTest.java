package org.custodia.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.grading.GradingWorld.audited;
import static org.custodia.grading.GradingWorld.directly;
import static org.custodia.testing.Api.as;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.Api;
import org.custodia.testing.Clips;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NoteTest {
  static String admin;
  static UnitFixture a;
  static UnitFixture b;
  static GradingWorld.Account reviewer;
  static GradingWorld.Account colleague;
  static GradingWorld.Account outsider;
  static GradingWorld.Account officer;
  static UUID recording;

  @Inject AgroalDataSource db;

  @BeforeEach
  void world() throws Exception {
    if (admin != null) {
      return;
    }
    admin = Api.adminToken();
    a = new UnitFixture();
    b = new UnitFixture();
    reviewer = GradingWorld.account(admin, "REVIEWER", a.unit);
    colleague = GradingWorld.account(admin, "REVIEWER", a.unit);
    outsider = GradingWorld.account(admin, "REVIEWER", b.unit);
    officer = GradingWorld.account(admin, "OFFICER", a.unit);
    recording = a.uploadSynthetic(1601, 8192, "application/octet-stream");
  }

  private static Map<String, Object> note(long atMs, String text) {
    Map<String, Object> n = new HashMap<>();
    n.put("atMs", atMs);
    n.put("text", text);
    return n;
  }

  private static UUID add(String token, UUID evidence, Map<String, Object> body) {
    return UUID.fromString(
        as(token)
            .body(body)
            .post("/api/v1/evidence/" + evidence + "/notes")
            .then()
            .statusCode(201)
            .extract()
            .path("id"));
  }

  @Test
  void notes_are_kept_exactly_with_author_and_time_in_media_time_order() throws Exception {
    UUID evidence = a.uploadSynthetic(1602, 4096, "application/octet-stream");
    String exact = "  00:05 当事人拒绝在笔录上签字 📹\n第二行  ";
    UUID late = add(reviewer.token(), evidence, note(5_000, exact));
    UUID early = add(colleague.token(), evidence, note(1_000, "开始录像"));
    var list =
        as(colleague.token())
            .get("/api/v1/evidence/" + evidence + "/notes")
            .then()
            .statusCode(200)
            .extract();
    assertThat(list.<List<String>>path("id")).containsExactly(early.toString(), late.toString());
    assertThat(list.<String>path("[1].text")).isEqualTo(exact);
    assertThat(list.<String>path("[1].authorId")).isEqualTo(reviewer.id().toString());
    assertThat(list.<String>path("[1].createdAt")).isNotNull();
    assertThat(list.<Integer>path("[1].atMs")).isEqualTo(5000);
    assertThat(audited(db, "review.note-added", evidence)).isEqualTo(2);

    // the evidence record itself is untouched by notes
    as(reviewer.token())
        .get("/api/v1/evidence/" + evidence)
        .then()
        .statusCode(200)
        .body("notes", org.hamcrest.Matchers.nullValue());
  }

  @Test
  void a_note_is_never_changed_but_its_author_may_supersede_it() {
    UUID first = add(reviewer.token(), recording, note(2_000, "车辆号牌看不清"));
    Map<String, Object> other = note(2_000, "不是我的");
    other.put("supersedes", first.toString());
    as(colleague.token())
        .body(other)
        .post("/api/v1/evidence/" + recording + "/notes")
        .then()
        .statusCode(400)
        .body("field", equalTo("supersedes"));
    Map<String, Object> better = note(2_100, "车辆号牌：京A·12345");
    better.put("supersedes", first.toString());
    UUID second = add(reviewer.token(), recording, better);
    List<Map<String, Object>> notes =
        as(reviewer.token())
            .get("/api/v1/evidence/" + recording + "/notes")
            .then()
            .statusCode(200)
            .extract()
            .path("");
    Map<String, Object> old =
        notes.stream().filter(n -> n.get("id").equals(first.toString())).findFirst().orElseThrow();
    assertThat(old.get("supersededBy")).isEqualTo(second.toString());
    assertThat(old.get("text")).isEqualTo("车辆号牌看不清");
    as(reviewer.token())
        .body(better)
        .post("/api/v1/evidence/" + recording + "/notes")
        .then()
        .statusCode(409)
        .body("type", endsWith("/note-superseded"));

    assertThat(
            ReviewTest.message(
                directly(db, "UPDATE review_note SET text = 'changed' WHERE id = ?", first)))
        .contains("immutable");
    assertThat(ReviewTest.message(directly(db, "DELETE FROM review_note WHERE id = ?", first)))
        .contains("immutable");
  }

  @Test
  void bad_notes_are_refused_naming_the_field() {
    String path = "/api/v1/evidence/" + recording + "/notes";
    as(reviewer.token())
        .body(note(-1, "负数"))
        .post(path)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo("atMs"));
    as(reviewer.token())
        .body(Map.of("text", "没有时间"))
        .post(path)
        .then()
        .statusCode(400)
        .body("field", equalTo("atMs"));
    as(reviewer.token())
        .body(note(0, ""))
        .post(path)
        .then()
        .statusCode(400)
        .body("field", equalTo("text"));
    as(reviewer.token())
        .body(note(0, "   "))
        .post(path)
        .then()
        .statusCode(400)
        .body("field", equalTo("text"));
    as(reviewer.token())
        .body(note(0, "nul \u0000 here"))
        .post(path)
        .then()
        .statusCode(400)
        .body("field", equalTo("text"));
    as(reviewer.token())
        .body(note(0, "长".repeat(4001)))
        .post(path)
        .then()
        .statusCode(400)
        .body("field", equalTo("text"));
  }

  @Test
  void notes_follow_unit_scoping_and_roles() {
    as(outsider.token())
        .body(note(0, "越权"))
        .post("/api/v1/evidence/" + recording + "/notes")
        .then()
        .statusCode(404);
    as(outsider.token()).get("/api/v1/evidence/" + recording + "/notes").then().statusCode(404);
    as(officer.token())
        .body(note(0, "执法员不能评查"))
        .post("/api/v1/evidence/" + recording + "/notes")
        .then()
        .statusCode(403);
    as(reviewer.token())
        .body(note(0, "不存在"))
        .post("/api/v1/evidence/" + UUID.randomUUID() + "/notes")
        .then()
        .statusCode(404);
  }

  @Test
  void a_review_entry_can_point_at_a_note_of_its_unit() throws Exception {
    UUID subject = GradingWorld.company(admin, a.unit, "丙公司");
    UUID caseId = GradingWorld.decidedCase(admin, a.unit, subject, "PENALTY", LocalDate.now());
    UUID noteId = add(reviewer.token(), recording, note(3_000, "此处中断录像"));
    Map<String, Object> entry = new HashMap<>();
    entry.put("criterion", "recording-completeness");
    entry.put("comment", "录像中断");
    entry.put("evidenceIds", List.of(recording.toString()));
    entry.put("noteIds", List.of(noteId.toString()));
    as(reviewer.token())
        .body(Map.of("grade", "PASS", "finding", "录像不完整", "entries", List.of(entry)))
        .post("/api/v1/cases/" + caseId + "/reviews")
        .then()
        .statusCode(201)
        .body("entries[0].noteIds[0]", equalTo(noteId.toString()));
    UUID foreign =
        add(
            outsider.token(),
            b.uploadSynthetic(1603, 2048, "application/octet-stream"),
            note(0, "乙"));
    entry.put("noteIds", List.of(foreign.toString()));
    as(reviewer.token())
        .body(Map.of("entries", List.of(entry)))
        .post("/api/v1/cases/" + caseId + "/reviews")
        .then()
        .statusCode(400)
        .body("field", equalTo("entries[0].noteIds[0]"));
  }

  @Test
  void a_note_cannot_lie_beyond_the_end_of_a_probed_recording() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "notes-");
    Path clip = dir.resolve("clip.mp4");
    Clips.h264(clip, "testsrc2=size=160x120:rate=25:duration=2");
    UUID video = a.uploadFile(clip, "video/mp4");
    long deadline = System.currentTimeMillis() + 90_000;
    Integer duration = null;
    while (duration == null) {
      var facts = as(admin).get("/api/v1/evidence/" + video).then().statusCode(200).extract();
      duration = facts.path("media.durationMs");
      String state = facts.path("jobs[0].state");
      assertThat(state).as("media job").isNotEqualTo("FAILED");
      assertThat(System.currentTimeMillis()).as("probe still pending").isLessThan(deadline);
      if (duration == null) {
        Thread.sleep(200);
      }
    }
    as(reviewer.token())
        .body(note(duration + 1, "片尾之后"))
        .post("/api/v1/evidence/" + video + "/notes")
        .then()
        .statusCode(400)
        .body("field", equalTo("atMs"));
    as(reviewer.token())
        .body(note(duration, "片尾"))
        .post("/api/v1/evidence/" + video + "/notes")
        .then()
        .statusCode(201)
        .body("id", notNullValue());
  }
}
