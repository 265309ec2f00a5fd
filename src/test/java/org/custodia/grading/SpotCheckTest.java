package org.custodia.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.grading.GradingWorld.audited;
import static org.custodia.testing.Api.as;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SpotCheckTest {
  static final LocalDate FROM = LocalDate.parse("2026-03-01");
  static final LocalDate TO = LocalDate.parse("2026-03-31");

  static String admin;
  static UUID unit;
  static UUID otherUnit;
  static GradingWorld.Account supervisor;
  static GradingWorld.Account reviewer1;
  static GradingWorld.Account reviewer2;
  static GradingWorld.Account outsider;
  static GradingWorld.Account officer;

  /** Cases decided in March: 10 penalties and 2 inspections. */
  static final List<UUID> inPeriod = new ArrayList<>();

  static final List<UUID> penalties = new ArrayList<>();
  static final Map<UUID, String> caseNos = new HashMap<>();

  @Inject AgroalDataSource db;

  @BeforeEach
  void world() {
    if (admin != null) {
      return;
    }
    admin = Api.adminToken();
    unit = Api.createUnit(admin, Api.unique("SC"), "抽查测试执法局");
    otherUnit = Api.createUnit(admin, Api.unique("SO"), "其他执法局");
    supervisor = GradingWorld.account(admin, "SUPERVISOR", null);
    reviewer1 = GradingWorld.account(admin, "REVIEWER", unit);
    reviewer2 = GradingWorld.account(admin, "REVIEWER", unit);
    outsider = GradingWorld.account(admin, "REVIEWER", otherUnit);
    officer = GradingWorld.account(admin, "OFFICER", unit);
    UUID subject = GradingWorld.company(admin, unit, "抽查对象公司");
    for (int i = 0; i < 12; i++) {
      String type = i < 10 ? "PENALTY" : "INSPECTION";
      UUID id =
          GradingWorld.decidedCase(
              admin, unit, subject, type, FROM.plusDays(i * 2 + (i == 11 ? 8 : 0)));
      inPeriod.add(id);
      if (i < 10) {
        penalties.add(id);
      }
      caseNos.put(
          id, as(admin).get("/api/v1/cases/" + id).then().statusCode(200).extract().path("caseNo"));
    }
    // decided outside the period: never candidates
    GradingWorld.decidedCase(admin, unit, subject, "PENALTY", FROM.minusDays(1));
    GradingWorld.decidedCase(admin, unit, subject, "PENALTY", TO.plusDays(1));
  }

  private static Map<String, Object> request(int size, String seed) {
    Map<String, Object> r = new HashMap<>();
    r.put("unitId", unit.toString());
    r.put("from", FROM.toString());
    r.put("to", TO.toString());
    r.put("size", size);
    if (seed != null) {
      r.put("seed", seed);
    }
    return r;
  }

  private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> draw(
      Map<String, Object> body) {
    return as(supervisor.token())
        .body(body)
        .post("/api/v1/spot-checks")
        .then()
        .statusCode(201)
        .extract();
  }

  /** The documented algorithm, redone here: order by SHA-256(seed ‖ id), take the first n. */
  private static List<String> expected(String seed, List<UUID> candidates, int n) {
    return candidates.stream()
        .map(id -> Map.entry(GradingCheck.sha256Hex(seed + id), id.toString()))
        .sorted(Map.Entry.comparingByKey())
        .limit(n)
        .map(Map.Entry::getValue)
        .toList();
  }

  @Test
  void the_draw_is_reproducible_from_the_seed_and_follows_the_documented_algorithm() {
    String seed = "2026年上半年抽查-甲";
    var one = draw(request(5, seed));
    List<String> drawn = one.path("items.caseId");
    assertThat(drawn).containsExactlyElementsOf(expected(seed, inPeriod, 5));
    assertThat(one.<String>path("seed")).isEqualTo(seed);
    assertThat(one.<Integer>path("candidateCount")).isEqualTo(12);
    assertThat(one.<Integer>path("drawnCount")).isEqualTo(5);
    assertThat(one.<Boolean>path("allCandidatesDrawn")).isFalse();
    assertThat(one.<List<String>>path("items.drawKey"))
        .containsExactlyElementsOf(
            drawn.stream().map(id -> GradingCheck.sha256Hex(seed + id)).toList());
    assertThat(one.<String>path("items[0].caseNo"))
        .isEqualTo(caseNos.get(UUID.fromString(drawn.get(0))));

    List<String> again = draw(request(5, seed)).path("items.caseId");
    assertThat(again).containsExactlyElementsOf(drawn);
    List<String> other = draw(request(5, "another seed")).path("items.caseId");
    assertThat(other).isNotEqualTo(drawn);
    assertThat(other).containsExactlyElementsOf(expected("another seed", inPeriod, 5));

    var generated = draw(request(3, null));
    String shown = generated.path("seed");
    assertThat(shown).matches("[0-9a-f]{32}");
    assertThat(generated.<List<String>>path("items.caseId"))
        .containsExactlyElementsOf(expected(shown, inPeriod, 3));

    UUID id = UUID.fromString(one.path("id"));
    assertThat(audited(db, "spot-check.drawn", id)).isEqualTo(1);
    as(supervisor.token())
        .get("/api/v1/spot-checks/" + id)
        .then()
        .statusCode(200)
        .body("seed", equalTo(seed))
        .body("items.caseId", equalTo(drawn));
    List<String> listed =
        as(supervisor.token())
            .get("/api/v1/spot-checks?unitId=" + unit)
            .then()
            .statusCode(200)
            .extract()
            .path("items.id");
    assertThat(listed).contains(id.toString());
  }

  @Test
  void fewer_candidates_than_asked_draws_all_and_says_so() {
    var all = draw(request(50, "x"));
    assertThat(all.<Integer>path("drawnCount")).isEqualTo(12);
    assertThat(all.<Boolean>path("allCandidatesDrawn")).isTrue();
    assertThat(all.<List<String>>path("items.caseId"))
        .containsExactlyInAnyOrderElementsOf(inPeriod.stream().map(UUID::toString).toList());
    Map<String, Object> penaltiesOnly = request(50, "x");
    penaltiesOnly.put("caseType", "PENALTY");
    var typed = draw(penaltiesOnly);
    assertThat(typed.<List<String>>path("items.caseId"))
        .containsExactlyElementsOf(expected("x", penalties, 50));
    Map<String, Object> empty = request(5, "x");
    empty.put("unitId", otherUnit.toString());
    var none = draw(empty);
    assertThat(none.<Integer>path("drawnCount")).isZero();
    assertThat(none.<Boolean>path("allCandidatesDrawn")).isTrue();
  }

  @Test
  void assignments_go_to_reviewers_who_can_see_the_unit_and_progress_shows_grades() {
    var check = draw(request(4, "assign"));
    UUID id = UUID.fromString(check.path("id"));
    List<String> drawn = check.path("items.caseId");
    String path = "/api/v1/spot-checks/" + id + "/assignments";

    as(supervisor.token())
        .body(
            Map.of(
                "assignments",
                List.of(Map.of("caseId", drawn.get(0), "reviewerId", outsider.id().toString()))))
        .put(path)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", endsWith("/reviewer-not-eligible"))
        .body("field", equalTo("assignments[0].reviewerId"));
    as(supervisor.token())
        .body(Map.of("roundRobin", List.of(reviewer1.id().toString(), officer.id().toString())))
        .put(path)
        .then()
        .statusCode(409)
        .body("field", equalTo("roundRobin[1]"));
    as(supervisor.token())
        .body(
            Map.of(
                "assignments",
                List.of(
                    Map.of(
                        "caseId",
                        UUID.randomUUID().toString(),
                        "reviewerId",
                        reviewer1.id().toString()))))
        .put(path)
        .then()
        .statusCode(400)
        .body("field", equalTo("assignments[0].caseId"));
    as(supervisor.token()).body(Map.of()).put(path).then().statusCode(400);

    var assigned =
        as(supervisor.token())
            .body(
                Map.of(
                    "assignments",
                    List.of(
                        Map.of("caseId", drawn.get(3), "reviewerId", supervisor.id().toString())),
                    "roundRobin",
                    List.of(reviewer1.id().toString(), reviewer2.id().toString())))
            .put(path)
            .then()
            .statusCode(200)
            .extract();
    assertThat(assigned.<List<String>>path("items.assigneeId"))
        .containsExactly(
            reviewer1.id().toString(),
            reviewer2.id().toString(),
            reviewer1.id().toString(),
            supervisor.id().toString());
    assertThat(assigned.<Integer>path("progress.assigned")).isEqualTo(4);
    assertThat(audited(db, "spot-check.assigned", id)).isEqualTo(1);

    List<Map<String, Object>> mine =
        as(reviewer1.token())
            .get("/api/v1/spot-checks/assigned")
            .then()
            .statusCode(200)
            .extract()
            .path("");
    assertThat(
            mine.stream()
                .filter(m -> m.get("spotCheckId").equals(id.toString()))
                .map(m -> m.get("caseId")))
        .containsExactly(drawn.get(0), drawn.get(2));

    UUID review =
        UUID.fromString(
            as(reviewer1.token())
                .body(Map.of("grade", "EXCELLENT", "finding", "案卷规范"))
                .post("/api/v1/cases/" + drawn.get(0) + "/reviews")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    as(reviewer1.token()).post("/api/v1/reviews/" + review + "/submission").then().statusCode(200);
    as(supervisor.token())
        .get("/api/v1/spot-checks/" + id)
        .then()
        .statusCode(200)
        .body("items[0].review.reviewId", equalTo(review.toString()))
        .body("items[0].review.grade", equalTo("EXCELLENT"))
        .body("items[1].review", org.hamcrest.Matchers.nullValue())
        .body("progress.reviewed", equalTo(1))
        .body("progress.excellent", equalTo(1));
    List<Map<String, Object>> distribution =
        as(supervisor.token())
            .get("/api/v1/reviews/distribution?unitId=" + unit)
            .then()
            .statusCode(200)
            .extract()
            .path("");
    assertThat(distribution).hasSize(1);
    assertThat(distribution.get(0)).containsEntry("unitId", unit.toString());
    assertThat((Integer) distribution.get(0).get("excellent")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void results_are_csv_with_bom_chinese_headers_rfc4180_quoting_and_no_formulas() {
    var check = draw(request(2, "csv"));
    UUID id = UUID.fromString(check.path("id"));
    List<String> drawn = check.path("items.caseId");
    as(supervisor.token())
        .body(Map.of("roundRobin", List.of(reviewer2.id().toString())))
        .put("/api/v1/spot-checks/" + id + "/assignments")
        .then()
        .statusCode(200);
    String finding = "=HYPERLINK(\"http://evil\"), 证据不足\n第二行：\"程序\"违法";
    UUID review =
        UUID.fromString(
            as(reviewer2.token())
                .body(Map.of("grade", "FAIL", "finding", finding))
                .post("/api/v1/cases/" + drawn.get(0) + "/reviews")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    as(reviewer2.token()).post("/api/v1/reviews/" + review + "/submission").then().statusCode(200);

    var response =
        as(supervisor.token())
            .get("/api/v1/spot-checks/" + id + "/results.csv")
            .then()
            .statusCode(200)
            .extract();
    assertThat(response.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
    byte[] bytes = response.asByteArray();
    assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    List<List<String>> rows = GradingCheck.parseCsv(text);
    assertThat(rows.get(0))
        .containsExactly("序号", "案件编号", "执法单位", "案件类型", "评查人", "评查等次", "评查意见", "评查时间");
    assertThat(rows).hasSize(3);
    List<String> first = rows.get(1);
    assertThat(first.get(0)).isEqualTo("1");
    assertThat(first.get(1)).isEqualTo(caseNos.get(UUID.fromString(drawn.get(0))));
    assertThat(first.get(2)).isEqualTo("抽查测试执法局");
    assertThat(first.get(3)).isIn("行政处罚", "行政检查");
    assertThat(first.get(4)).startsWith("reviewer");
    assertThat(first.get(5)).isEqualTo("不合格");
    assertThat(first.get(6)).isEqualTo("'" + finding);
    assertThat(first.get(7)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    assertThat(rows.get(2).get(5)).isEmpty();
    assertThat(audited(db, "spot-check.exported", id)).isEqualTo(1);
  }

  @Test
  void only_supervisors_and_admins_run_spot_checks_and_bad_input_names_the_field() {
    as(reviewer1.token()).body(request(1, "r")).post("/api/v1/spot-checks").then().statusCode(403);
    as(officer.token()).get("/api/v1/spot-checks").then().statusCode(403);
    as(admin).body(request(1, "admin")).post("/api/v1/spot-checks").then().statusCode(201);
    UUID id = UUID.fromString(draw(request(1, "scoped")).path("id"));
    as(reviewer1.token()).get("/api/v1/spot-checks/" + id).then().statusCode(403);
    as(supervisor.token()).get("/api/v1/spot-checks/" + UUID.randomUUID()).then().statusCode(404);

    Map<String, Object> zero = request(0, "s");
    as(supervisor.token())
        .body(zero)
        .post("/api/v1/spot-checks")
        .then()
        .statusCode(400)
        .body("field", equalTo("size"));
    Map<String, Object> backwards = request(1, "s");
    backwards.put("to", "2026-02-01");
    as(supervisor.token())
        .body(backwards)
        .post("/api/v1/spot-checks")
        .then()
        .statusCode(400)
        .body("field", equalTo("to"));
    Map<String, Object> noUnit = request(1, "s");
    noUnit.remove("unitId");
    as(supervisor.token())
        .body(noUnit)
        .post("/api/v1/spot-checks")
        .then()
        .statusCode(400)
        .body("field", equalTo("unitId"));
    Map<String, Object> unknownUnit = request(1, "s");
    unknownUnit.put("unitId", UUID.randomUUID().toString());
    as(supervisor.token())
        .body(unknownUnit)
        .post("/api/v1/spot-checks")
        .then()
        .statusCode(400)
        .body("field", equalTo("unitId"));
    Map<String, Object> longSeed = request(1, "种".repeat(129));
    as(supervisor.token())
        .body(longSeed)
        .post("/api/v1/spot-checks")
        .then()
        .statusCode(400)
        .body("field", equalTo("seed"));
    Map<String, Object> badType = request(1, "s");
    badType.put("caseType", "PARKING");
    as(supervisor.token())
        .body(badType)
        .post("/api/v1/spot-checks")
        .then()
        .statusCode(400)
        .body("field", equalTo("caseType"));
  }
}
