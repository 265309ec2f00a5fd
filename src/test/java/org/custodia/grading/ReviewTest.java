package org.custodia.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.grading.GradingWorld.audited;
import static org.custodia.grading.GradingWorld.directly;
import static org.custodia.testing.Api.as;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.Api;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReviewTest {
  static String admin;
  static UnitFixture a;
  static UnitFixture b;
  static GradingWorld.Account reviewerA;
  static GradingWorld.Account reviewerA2;
  static GradingWorld.Account reviewerB;
  static GradingWorld.Account supervisor;
  static GradingWorld.Account officerA;
  static GradingWorld.Account auditorA;
  static UUID subjectA;
  static UUID caseA;
  static UUID caseB;
  static UUID evidenceA;
  static UUID evidenceB;

  @Inject AgroalDataSource db;

  @BeforeEach
  void world() throws Exception {
    if (admin != null) {
      return;
    }
    admin = Api.adminToken();
    a = new UnitFixture();
    b = new UnitFixture();
    reviewerA = GradingWorld.account(admin, "REVIEWER", a.unit);
    reviewerA2 = GradingWorld.account(admin, "REVIEWER", a.unit);
    reviewerB = GradingWorld.account(admin, "REVIEWER", b.unit);
    supervisor = GradingWorld.account(admin, "SUPERVISOR", null);
    officerA = GradingWorld.account(admin, "OFFICER", a.unit);
    auditorA = GradingWorld.account(admin, "AUDITOR", a.unit);
    subjectA = GradingWorld.company(admin, a.unit, "甲建筑公司");
    UUID subjectB = GradingWorld.company(admin, b.unit, "乙建筑公司");
    caseA = GradingWorld.decidedCase(admin, a.unit, subjectA, "PENALTY", LocalDate.now());
    caseB = GradingWorld.decidedCase(admin, b.unit, subjectB, "PENALTY", LocalDate.now());
    evidenceA = a.uploadSynthetic(1501, 4096, "application/octet-stream");
    evidenceB = b.uploadSynthetic(1502, 4096, "application/octet-stream");
  }

  private static Map<String, Object> entry(String criterion, String comment, UUID... evidence) {
    Map<String, Object> e = new HashMap<>();
    e.put("criterion", criterion);
    e.put("comment", comment);
    e.put("evidenceIds", List.of(evidence).stream().map(UUID::toString).toList());
    return e;
  }

  private static Map<String, Object> content(String grade, String finding, Object... entries) {
    Map<String, Object> c = new HashMap<>();
    c.put("grade", grade);
    c.put("finding", finding);
    c.put("entries", List.of(entries));
    return c;
  }

  private static UUID draft(String token, UUID caseId, Map<String, Object> body) {
    return UUID.fromString(
        as(token)
            .body(body)
            .post("/api/v1/cases/" + caseId + "/reviews")
            .then()
            .statusCode(201)
            .extract()
            .path("id"));
  }

  private static UUID submitted(String token, UUID caseId, String grade) {
    UUID id = draft(token, caseId, content(grade, "案卷整体" + grade));
    as(token).post("/api/v1/reviews/" + id + "/submission").then().statusCode(200);
    return id;
  }

  @Test
  void a_review_goes_from_draft_to_submitted_and_stays_read_only() {
    as(reviewerA.token())
        .get("/api/v1/review-criteria")
        .then()
        .statusCode(200)
        .body("version", equalTo("2026.1"))
        .body("criteria.key", org.hamcrest.Matchers.hasItems("legal-basis", "evidence"))
        .body("criteria[0].label.zh-CN", notNullValue());
    var created =
        as(reviewerA.token())
            .body(Map.of())
            .post("/api/v1/cases/" + caseA + "/reviews")
            .then()
            .statusCode(201)
            .body("state", equalTo("DRAFT"))
            .body("reviewerId", equalTo(reviewerA.id().toString()))
            .body("caseId", equalTo(caseA.toString()))
            .body("unitId", equalTo(a.unit.toString()))
            .body("criteriaVersion", equalTo("2026.1"))
            .body("grade", nullValue())
            .extract();
    UUID id = UUID.fromString(created.path("id"));
    assertThat(created.header("Location")).endsWith("/api/v1/reviews/" + id);

    String comment = "  询问笔录缺少当事人签字；见 00:05 处录像  ";
    as(reviewerA.token())
        .body(
            content(
                "GOOD",
                "证据基本充分，程序合法。",
                entry("evidence", comment, evidenceA),
                entry("procedure", "告知程序完整")))
        .put("/api/v1/reviews/" + id)
        .then()
        .statusCode(200)
        .body("grade", equalTo("GOOD"))
        .body("entries[0].comment", equalTo(comment))
        .body("entries[0].evidenceIds[0]", equalTo(evidenceA.toString()));

    // a draft is its author's: another reviewer of the unit neither sees nor edits it
    as(reviewerA2.token()).get("/api/v1/reviews/" + id).then().statusCode(404);
    as(reviewerA2.token())
        .body(content("FAIL", "x"))
        .put("/api/v1/reviews/" + id)
        .then()
        .statusCode(404);
    as(reviewerA2.token()).post("/api/v1/reviews/" + id + "/submission").then().statusCode(404);

    as(reviewerA.token())
        .post("/api/v1/reviews/" + id + "/submission")
        .then()
        .statusCode(200)
        .body("state", equalTo("SUBMITTED"))
        .body("submittedAt", notNullValue())
        .body("grade", equalTo("GOOD"));

    as(reviewerA.token())
        .body(content("EXCELLENT", "改一下"))
        .put("/api/v1/reviews/" + id)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", endsWith("/review-submitted"));
    as(reviewerA.token())
        .post("/api/v1/reviews/" + id + "/submission")
        .then()
        .statusCode(409)
        .body("type", endsWith("/review-submitted"));
    as(reviewerA2.token())
        .body(content("EXCELLENT", "改一下"))
        .put("/api/v1/reviews/" + id)
        .then()
        .statusCode(409);

    // submitted: the unit's readers see it, unchanged
    for (String token : List.of(reviewerA2.token(), auditorA.token(), supervisor.token(), admin)) {
      as(token)
          .get("/api/v1/reviews/" + id)
          .then()
          .statusCode(200)
          .body("grade", equalTo("GOOD"))
          .body("entries[0].comment", equalTo(comment));
    }
    List<String> ofCase =
        as(reviewerA2.token())
            .get("/api/v1/cases/" + caseA + "/reviews")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    assertThat(ofCase).contains(id.toString());
    List<String> listed =
        as(reviewerA2.token())
            .get(
                "/api/v1/reviews?state=SUBMITTED&grade=GOOD&reviewerId="
                    + reviewerA.id()
                    + "&unitId="
                    + a.unit)
            .then()
            .statusCode(200)
            .extract()
            .path("items.id");
    assertThat(listed).contains(id.toString());

    assertThat(audited(db, "review.draft-created", id)).isEqualTo(1);
    assertThat(audited(db, "review.draft-updated", id)).isEqualTo(1);
    assertThat(audited(db, "review.submitted", id)).isEqualTo(1);
    // ids, not words: the comments and the finding stay in the review
    List<String> events =
        org.custodia.support.Jdbc.list(
            db,
            "SELECT convert_from(entry, 'UTF8') FROM audit_entry WHERE target_id = ? ORDER BY id",
            rs -> rs.getString(1),
            id.toString());
    assertThat(events).hasSize(3);
    assertThat(events.get(2))
        .contains("\"grade\":\"GOOD\"", evidenceA.toString(), caseA.toString())
        .doesNotContain("询问笔录", "证据基本充分");
  }

  @Test
  void the_database_refuses_to_change_or_delete_a_submitted_review() {
    UUID id = submitted(reviewerA.token(), caseA, "PASS");
    SQLException update =
        directly(db, "UPDATE case_review SET grade = 'EXCELLENT' WHERE id = ?", id);
    assertThat(message(update)).contains("read-only");
    SQLException delete = directly(db, "DELETE FROM case_review WHERE id = ?", id);
    assertThat(message(delete)).contains("read-only");
    as(reviewerA.token())
        .get("/api/v1/reviews/" + id)
        .then()
        .statusCode(200)
        .body("grade", equalTo("PASS"));
    // a draft is not frozen
    UUID draft = draft(reviewerA.token(), caseA, Map.of());
    assertThat(message(directly(db, "UPDATE case_review SET finding = 'x' WHERE id = ?", draft)))
        .isNull();
  }

  static String message(SQLException e) {
    return e == null ? null : e.getMessage();
  }

  @Test
  void submission_needs_grade_and_finding_and_known_criteria() {
    UUID id = draft(reviewerA.token(), caseA, Map.of("finding", "尚未评定等次"));
    as(reviewerA.token())
        .post("/api/v1/reviews/" + id + "/submission")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo("grade"));
    as(reviewerA.token())
        .body(Map.of("grade", "FAIL"))
        .put("/api/v1/reviews/" + id)
        .then()
        .statusCode(200);
    as(reviewerA.token())
        .post("/api/v1/reviews/" + id + "/submission")
        .then()
        .statusCode(400)
        .body("field", equalTo("finding"));
    as(reviewerA.token())
        .body(content("FAIL", "x", entry("legal-basis", "ok"), entry("vibes", "?")))
        .put("/api/v1/reviews/" + id)
        .then()
        .statusCode(400)
        .body("field", equalTo("entries[1].criterion"));
    as(reviewerA.token())
        .body(content("FAIL", "x", entry("evidence", "ok"), entry("evidence", "again")))
        .put("/api/v1/reviews/" + id)
        .then()
        .statusCode(400)
        .body("field", equalTo("entries[1].criterion"));
    as(reviewerA.token())
        .body(Map.of("grade", "SUPERB"))
        .put("/api/v1/reviews/" + id)
        .then()
        .statusCode(400)
        .body("field", equalTo("grade"));
    as(reviewerA.token())
        .body(content("FAIL", "x", entry("evidence", "另一单位的录像", evidenceB)))
        .put("/api/v1/reviews/" + id)
        .then()
        .statusCode(400)
        .body("field", equalTo("entries[0].evidenceIds[0]"));
    as(reviewerA.token())
        .body(content("FAIL", "bad \u0000 text"))
        .put("/api/v1/reviews/" + id)
        .then()
        .statusCode(400)
        .body("field", equalTo("finding"));
    as(reviewerA.token())
        .body(content("FAIL", "x".repeat(20001)))
        .put("/api/v1/reviews/" + id)
        .then()
        .statusCode(400)
        .body("field", equalTo("finding"));
    // nothing of the refused edits was kept
    as(reviewerA.token())
        .get("/api/v1/reviews/" + id)
        .then()
        .statusCode(200)
        .body("grade", equalTo("FAIL"))
        .body("finding", nullValue());
  }

  @Test
  void a_correction_is_a_new_review_that_the_corrected_one_points_to() {
    UUID original = submitted(reviewerA.token(), caseA, "GOOD");
    UUID correction =
        draft(
            reviewerA2.token(),
            caseA,
            Map.of("corrects", original.toString(), "grade", "FAIL", "finding", "复核：证据不足"));
    as(reviewerA.token())
        .get("/api/v1/reviews/" + original)
        .then()
        .body("correctedBy", nullValue());
    as(reviewerA2.token())
        .post("/api/v1/reviews/" + correction + "/submission")
        .then()
        .statusCode(200)
        .body("corrects", equalTo(original.toString()));
    as(reviewerA.token())
        .get("/api/v1/reviews/" + original)
        .then()
        .statusCode(200)
        .body("correctedBy", equalTo(correction.toString()))
        .body("grade", equalTo("GOOD"));
    // corrected once; a later correction corrects the correction
    as(reviewerA.token())
        .body(Map.of("corrects", original.toString()))
        .post("/api/v1/cases/" + caseA + "/reviews")
        .then()
        .statusCode(409)
        .body("type", endsWith("/already-corrected"))
        .body("field", equalTo("corrects"));
    UUID second = draft(reviewerA.token(), caseA, Map.of("corrects", correction.toString()));
    assertThat(second).isNotNull();

    UUID aDraft = draft(reviewerA.token(), caseA, Map.of());
    as(reviewerA.token())
        .body(Map.of("corrects", aDraft.toString()))
        .post("/api/v1/cases/" + caseA + "/reviews")
        .then()
        .statusCode(400)
        .body("field", equalTo("corrects"));
    UUID ofB = submitted(reviewerB.token(), caseB, "PASS");
    as(supervisor.token())
        .body(Map.of("corrects", ofB.toString()))
        .post("/api/v1/cases/" + caseA + "/reviews")
        .then()
        .statusCode(400)
        .body("field", equalTo("corrects"));

    assertThat(audited(db, "review.correction-created", correction)).isEqualTo(1);
    assertThat(audited(db, "review.corrected", original)).isEqualTo(1);
  }

  @Test
  void two_drafts_correcting_one_review_cannot_both_be_submitted() {
    UUID original = submitted(reviewerA.token(), caseA, "GOOD");
    UUID one = draft(reviewerA.token(), caseA, content("PASS", "一", new Object[0]));
    UUID two = draft(reviewerA2.token(), caseA, content("FAIL", "二", new Object[0]));
    for (UUID d : List.of(one, two)) {
      directly(db, "UPDATE case_review SET corrects = ? WHERE id = ?", original, d);
    }
    as(reviewerA.token()).post("/api/v1/reviews/" + one + "/submission").then().statusCode(200);
    as(reviewerA2.token())
        .post("/api/v1/reviews/" + two + "/submission")
        .then()
        .statusCode(409)
        .body("type", endsWith("/already-corrected"));
  }

  @Test
  void another_units_reviewer_is_told_nothing_exists_and_supervisors_see_every_unit() {
    UUID id = submitted(reviewerA.token(), caseA, "EXCELLENT");
    as(reviewerB.token()).get("/api/v1/reviews/" + id).then().statusCode(404);
    as(reviewerB.token()).get("/api/v1/cases/" + caseA + "/reviews").then().statusCode(404);
    as(reviewerB.token())
        .body(Map.of())
        .post("/api/v1/cases/" + caseA + "/reviews")
        .then()
        .statusCode(404);
    List<String> listed =
        as(reviewerB.token())
            .get("/api/v1/reviews?unitId=" + a.unit)
            .then()
            .statusCode(200)
            .extract()
            .path("items.id");
    assertThat(listed).isEmpty();
    List<String> own =
        as(reviewerB.token())
            .get("/api/v1/reviews?limit=500")
            .then()
            .statusCode(200)
            .extract()
            .path("items.unitId");
    assertThat(own).allMatch(b.unit.toString()::equals);
    List<Map<String, Object>> distribution =
        as(reviewerB.token())
            .get("/api/v1/reviews/distribution?unitId=" + a.unit)
            .then()
            .statusCode(200)
            .extract()
            .path("");
    assertThat(distribution).isEmpty();

    as(supervisor.token()).get("/api/v1/reviews/" + id).then().statusCode(200);
    UUID bySupervisor = submitted(supervisor.token(), caseB, "PASS");
    List<String> units =
        as(supervisor.token())
            .get("/api/v1/reviews?limit=500")
            .then()
            .statusCode(200)
            .extract()
            .path("items.unitId");
    assertThat(units).contains(a.unit.toString(), b.unit.toString());
    as(reviewerB.token()).get("/api/v1/reviews/" + bySupervisor).then().statusCode(200);
  }

  @Test
  void only_reviewers_and_supervisors_write_reviews() {
    as(officerA.token())
        .body(Map.of())
        .post("/api/v1/cases/" + caseA + "/reviews")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as(auditorA.token())
        .body(Map.of())
        .post("/api/v1/cases/" + caseA + "/reviews")
        .then()
        .statusCode(403);
    as(admin).body(Map.of()).post("/api/v1/cases/" + caseA + "/reviews").then().statusCode(403);
    as(officerA.token()).get("/api/v1/reviews").then().statusCode(403);
  }

  @Test
  void the_list_pages_by_cursor_and_filters_by_time() {
    UUID unit = a.unit;
    List<UUID> mine = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      mine.add(submitted(reviewerA2.token(), caseA, "PASS"));
    }
    String base = "/api/v1/reviews?reviewerId=" + reviewerA2.id() + "&unitId=" + unit;
    var first = as(reviewerA.token()).get(base + "&limit=2").then().statusCode(200).extract();
    List<String> page1 = first.path("items.id");
    String cursor = first.path("nextCursor");
    assertThat(page1).hasSize(2);
    assertThat(cursor).isNotNull();
    List<String> page2 =
        as(reviewerA.token())
            .get(base + "&limit=2&cursor=" + cursor)
            .then()
            .statusCode(200)
            .extract()
            .path("items.id");
    List<String> all = new java.util.ArrayList<>(page1);
    all.addAll(page2);
    assertThat(all).containsAll(mine.stream().map(UUID::toString).toList());
    List<String> future =
        as(reviewerA.token())
            .get(base + "&from=2199-01-01T00:00:00Z")
            .then()
            .statusCode(200)
            .extract()
            .path("items.id");
    assertThat(future).isEmpty();
    as(reviewerA.token())
        .get("/api/v1/reviews?from=yesterday")
        .then()
        .statusCode(400)
        .body("field", equalTo("from"));
    as(reviewerA.token())
        .get("/api/v1/reviews?grade=SUPERB")
        .then()
        .statusCode(400)
        .body("field", equalTo("grade"));
  }
}
