package org.custodia.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.Api;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * An action of an open case is corrected with a reason under the rules of a new action; it keeps
 * its id, what it said before is kept as a revision, and the correction is audited with both.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ActionCorrectionTest {
  static final Instant T = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

  @Inject AgroalDataSource db;

  String admin;
  UUID unit;
  UUID a;
  UUID b;
  UUID c;
  UUID caseId;
  UUID actionId;

  @BeforeEach
  void setUp() {
    admin = Api.adminToken();
    unit = Api.createUnit(admin, Api.unique("COR"), "更正测试单位");
    a = Registry.officer(admin, unit, "张三");
    b = Registry.officer(admin, unit, "李四");
    c = Registry.officer(admin, unit, "王五");
    UUID subject = Registry.organisation(admin, unit, "某某公司");
    caseId = Registry.createCase(admin, unit, Api.unique("COR-"), "扣押案", List.of(subject), a, b);
    actionId =
        UUID.fromString(
            as(admin).get("/api/v1/cases/" + caseId).then().extract().path("actions[0].id"));
  }

  private io.restassured.response.Response correct(
      String token, UUID kase, UUID action, Map<String, Object> values, String reason) {
    return as(token)
        .body(Map.of("action", values, "reason", reason))
        .put("/api/v1/cases/" + kase + "/actions/" + action);
  }

  @Test
  void a_correction_keeps_the_earlier_values_with_its_reason_and_is_audited() {
    Map<String, Object> before =
        as(admin).get("/api/v1/cases/" + caseId).then().extract().path("actions[0]");
    String reason = " 时间录入错误\n按笔录更正 ";
    correct(
            admin,
            caseId,
            actionId,
            Registry.action("DEMOLITION", T, T.plusSeconds(900), a, c),
            reason)
        .then()
        .statusCode(200)
        .body("id", equalTo(actionId.toString()))
        .body("type", equalTo("DEMOLITION"))
        .body("to", equalTo(T.plusSeconds(900).toString()));
    JsonPath dossier =
        as(admin).get("/api/v1/cases/" + caseId).then().statusCode(200).extract().jsonPath();
    assertThat(dossier.getList("actions")).hasSize(1);
    assertThat(dossier.getString("actions[0].type")).isEqualTo("DEMOLITION");
    assertThat(dossier.getList("actions[0].officerIds", String.class))
        .containsExactlyInAnyOrder(a.toString(), c.toString());
    // the newly responsible officer joins the case; the one no longer responsible stays on it
    assertThat(dossier.getList("officers.id", String.class))
        .contains(a.toString(), b.toString(), c.toString());

    JsonPath revisions =
        as(admin)
            .get("/api/v1/cases/" + caseId + "/actions/" + actionId + "/revisions")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(revisions.getList("")).hasSize(1);
    assertThat(revisions.getInt("[0].revision")).isEqualTo(1);
    assertThat(revisions.getString("[0].type")).isEqualTo(before.get("type"));
    assertThat(revisions.getString("[0].from")).isEqualTo(before.get("from"));
    assertThat(revisions.getString("[0].to")).isEqualTo(before.get("to"));
    assertThat(revisions.getList("[0].officerIds", String.class))
        .containsExactlyInAnyOrderElementsOf((List<String>) before.get("officerIds"));
    assertThat(revisions.getString("[0].reason")).isEqualTo(reason);
    assertThat(revisions.getString("[0].correctedBy")).isNotNull();
    assertThat(UnitFixture.audited(db, "case.action-corrected", caseId)).isEqualTo(1);

    // the same values again change nothing: no revision, no audit event
    correct(
            admin,
            caseId,
            actionId,
            Registry.action("DEMOLITION", T, T.plusSeconds(900), c, a),
            "再次提交")
        .then()
        .statusCode(200);
    as(admin)
        .get("/api/v1/cases/" + caseId + "/actions/" + actionId + "/revisions")
        .then()
        .body("size()", equalTo(1));
    assertThat(UnitFixture.audited(db, "case.action-corrected", caseId)).isEqualTo(1);
  }

  @Test
  void a_correction_obeys_the_rules_of_a_new_action_and_needs_a_reason() {
    Map<String, Object> good = Registry.action("SEIZURE", T, T.plusSeconds(60), a, b);
    // one responsible officer
    correct(admin, caseId, actionId, Registry.action("SEIZURE", T, T.plusSeconds(60), a), "更正")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("https://custodia.example/problems/too-few-responsible-officers"));
    // ends before it starts
    correct(admin, caseId, actionId, Registry.action("SEIZURE", T, T, a, b), "更正")
        .then()
        .statusCode(400)
        .body("field", equalTo("action.to"));
    // no reason
    correct(admin, caseId, actionId, good, " ")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    // an action of another case, or none
    UUID other =
        Registry.createCase(
            admin,
            unit,
            Api.unique("COR-"),
            "另一案",
            List.of(Registry.organisation(admin, unit, "乙公司")),
            a,
            b);
    correct(admin, other, actionId, good, "更正").then().statusCode(404);
    correct(admin, caseId, UUID.randomUUID(), good, "更正").then().statusCode(404);
    as(admin)
        .get("/api/v1/cases/" + other + "/actions/" + actionId + "/revisions")
        .then()
        .statusCode(404);
    // nothing of it was kept
    as(admin)
        .get("/api/v1/cases/" + caseId + "/actions/" + actionId + "/revisions")
        .then()
        .body("size()", equalTo(0));
    assertThat(UnitFixture.audited(db, "case.action-corrected", caseId)).isZero();

    // a closed case's actions are what the file says
    as(admin)
        .body(Map.of("status", "CLOSED", "decisionDate", "2026-01-05"))
        .patch("/api/v1/cases/" + caseId)
        .then()
        .statusCode(200);
    correct(admin, caseId, actionId, good, "更正")
        .then()
        .statusCode(422)
        .body("type", equalTo("https://custodia.example/problems/invalid-status-transition"));
    // the status change is kept with the values before and after, for the year-end statistics
    assertThat(
            org.custodia.support.Jdbc.list(
                db,
                "SELECT from_status || '>' || to_status || ' ' || coalesce(to_decision_date::text,"
                    + " '-') FROM case_status_event WHERE case_id = ?",
                rs -> rs.getString(1),
                caseId))
        .containsExactly("OPEN>CLOSED 2026-01-05");
  }
}
