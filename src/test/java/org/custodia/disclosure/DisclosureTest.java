package org.custodia.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Disclosure deadlines of seeded decisions, counted by hand over the 2026 State Council notice (国庆节
 * 1–7 Oct off, Sun 20 Sep and Sat 10 Oct worked): a penalty decided Wed 30 Sep 2026 is due 7
 * working days later on Thu 15 Oct (8, 9, 10 调休, 12, 13, 14, 15); an inspection's enforcement
 * information, 20 working days later, on Tue 3 Nov.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DisclosureTest {
  @Inject AgroalDataSource db;

  private String admin;
  private UUID unitA;
  private UUID subjectA;
  private String officerA;
  private String supervisor;
  private String auditorA;
  private String officerB;
  private String auditorB;

  @BeforeEach
  void setUp() {
    admin = Api.adminToken();
    unitA = Api.createUnit(admin, Api.unique("DA"), "公示甲");
    UUID unitB = Api.createUnit(admin, Api.unique("DB"), "公示乙");
    subjectA = Api.organisation(admin, unitA, "某某建材有限公司");
    officerA = user("OFFICER", unitA);
    supervisor = user("SUPERVISOR", null);
    auditorA = user("AUDITOR", unitA);
    officerB = user("OFFICER", unitB);
    auditorB = user("AUDITOR", unitB);
  }

  private String user(String role, UUID unit) {
    String name = Api.unique(role.toLowerCase(java.util.Locale.ROOT));
    Api.createUser(admin, name, role, unit);
    return Api.login(name, Api.PASSWORD);
  }

  private UUID decided(String type, String status, String decisionDate) {
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", unitA.toString());
    body.put("caseNo", Api.unique("公示-"));
    body.put("type", type);
    body.put("status", status);
    body.put("title", "违法建设案");
    body.put("decisionDate", decisionDate);
    body.put("subjectIds", List.of(subjectA.toString()));
    return UUID.fromString(
        Api.as(admin).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id"));
  }

  private JsonPath record(UUID caseId, Map<String, Object> body) {
    return Api.as(officerA)
        .body(body)
        .put("/api/v1/cases/" + caseId + "/disclosure")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private JsonPath disclosure(UUID caseId, String asOf) {
    return Api.as(officerA)
        .get("/api/v1/cases/" + caseId + "/disclosure?asOf=" + asOf)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private String status(UUID caseId, String asOf) {
    return disclosure(caseId, asOf).getString("obligations[0].status");
  }

  @Test
  void penalty_decisions_are_on_time_late_overdue_or_due_soon() {
    UUID onTime = decided("PENALTY", "DECIDED", "2026-09-30");
    UUID late = decided("PENALTY", "DECIDED", "2026-09-30");
    UUID open = decided("PENALTY", "DECIDED", "2026-09-30");
    UUID inspection = decided("INSPECTION", "DECIDED", "2026-09-30");
    record(onTime, Map.of("disclosedOn", "2026-10-15"));
    record(late, Map.of("disclosedOn", "2026-10-16"));

    JsonPath d = disclosure(onTime, "2026-10-20");
    assertThat(d.getString("kind")).isEqualTo("PENALTY");
    assertThat(d.getBoolean("kindSet")).isFalse();
    assertThat(d.getString("obligations[0].action")).isEqualTo("DISCLOSE");
    assertThat(d.getInt("obligations[0].workingDays")).isEqualTo(7);
    assertThat(d.getString("obligations[0].due")).isEqualTo("2026-10-15");
    assertThat(d.getString("obligations[0].clause.zh-CN")).contains("7个工作日内公开");
    assertThat(d.getString("obligations[0].status")).isEqualTo("ON_TIME");
    assertThat(status(late, "2026-10-20")).isEqualTo("LATE");
    assertThat(status(open, "2026-10-16")).isEqualTo("OVERDUE");
    // due on the 15th: on Mon 12 Oct three working days are left (13, 14, 15) — due soon;
    // on Fri 9 Oct five (Sat 10 调休, 12, 13, 14, 15) — due
    JsonPath soon = disclosure(open, "2026-10-12");
    assertThat(soon.getString("obligations[0].status")).isEqualTo("DUE_SOON");
    assertThat(soon.getInt("obligations[0].workingDaysLeft")).isEqualTo(3);
    JsonPath due = disclosure(open, "2026-10-09");
    assertThat(due.getString("obligations[0].status")).isEqualTo("DUE");
    assertThat(due.getInt("obligations[0].workingDaysLeft")).isEqualTo(5);
    // a disclosure recorded for a later day was not done yet on asOf
    assertThat(status(onTime, "2026-10-12")).isEqualTo("DUE_SOON");

    JsonPath other = disclosure(inspection, "2026-10-16");
    assertThat(other.getString("kind")).isEqualTo("OTHER");
    assertThat(other.getString("obligations[0].due")).isEqualTo("2026-11-03");
    assertThat(other.getString("obligations[0].status")).isEqualTo("DUE");

    // the lists: overdue on 16 Oct is the one never disclosed; due soon on 12 Oct, all three
    assertThat(list("status=OVERDUE&asOf=2026-10-16")).containsExactly(open.toString());
    assertThat(list("status=DUE_SOON&asOf=2026-10-12"))
        .containsExactlyInAnyOrder(onTime.toString(), late.toString(), open.toString());
    assertThat(list("asOf=2026-10-16"))
        .containsExactlyInAnyOrder(
            onTime.toString(), late.toString(), open.toString(), inspection.toString());
  }

  private List<String> list(String query) {
    return Api.as(supervisor)
        .get("/api/v1/disclosures?unitId=" + unitA + "&" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("caseId");
  }

  @Test
  void a_deadline_the_calendar_does_not_cover_is_unknown() {
    // Mon 28 Dec 2026 + 7: 29, 30, 31 Dec, then 2027, whose notice the calendar lacks
    UUID licence = decided("LICENSING", "DECIDED", "2026-12-28");
    JsonPath d = disclosure(licence, "2026-12-29");
    assertThat(d.getString("kind")).isEqualTo("LICENSING");
    assertThat(d.getString("obligations[0].status")).isEqualTo("UNKNOWN");
    assertThat(d.getString("obligations[0].due")).isNull();
    assertThat(d.getInt("obligations[0].uncoveredYear")).isEqualTo(2027);
    assertThat(list("status=UNKNOWN&asOf=2026-12-29")).containsExactly(licence.toString());
  }

  @Test
  void a_revoked_decision_is_withdrawn_within_three_working_days_of_its_revocation() {
    UUID revoked = decided("PENALTY", "REVOKED", "2026-09-01");
    // Mon 2 Nov + 3 → Thu 5 Nov; withdrawn Fri 6 Nov: late
    record(
        revoked,
        Map.of(
            "disclosedOn", "2026-09-02", "revokedOn", "2026-11-02", "withdrawnOn", "2026-11-06"));
    JsonPath d = disclosure(revoked, "2026-11-20");
    assertThat(d.getString("kind")).isEqualTo("REVOCATION");
    assertThat(d.getList("obligations.action")).containsExactly("DISCLOSE", "WITHDRAW");
    assertThat(d.getList("obligations.status")).containsExactly("ON_TIME", "LATE");
    assertThat(d.getString("obligations[1].due")).isEqualTo("2026-11-05");
    assertThat(d.getString("obligations[1].clause.zh-CN")).contains("3个工作日内从公示平台撤下");
  }

  @Test
  void revoking_a_case_dates_the_revocation_audited() {
    UUID c = decided("PENALTY", "DECIDED", "2026-09-01");
    Api.as(officerA)
        .body(Map.of("status", "REVOKED"))
        .patch("/api/v1/cases/" + c)
        .then()
        .statusCode(200);
    String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    JsonPath d = disclosure(c, today);
    assertThat(d.getString("revokedOn")).isEqualTo(today);
    assertThat(d.getString("obligations[1].from")).isEqualTo(today);
    assertThat(audited("disclosure.revocation-dated", c))
        .singleElement()
        .asString()
        .contains(today);
  }

  @Test
  void recording_is_audited_and_bad_dates_are_refused_whole() {
    UUID c = decided("PENALTY", "DECIDED", "2026-09-30");
    refused(c, Map.of("disclosedOn", "2026-09-29"), "disclosedOn", "before the decision date");
    refused(c, Map.of("disclosedOn", "2199-01-01"), "disclosedOn", "in the future");
    refused(c, Map.of("revokedOn", "2026-10-02"), "revokedOn", "not REVOKED");
    refused(c, Map.of("kind", "REVOCATION"), "kind", "status");
    Api.as(officerA)
        .body(Map.of("disclosedOn", "2026-10-32"))
        .put("/api/v1/cases/" + c + "/disclosure")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    assertThat(disclosure(c, "2026-10-20").getString("disclosedOn")).isNull();
    assertThat(audited("disclosure.recorded", c)).isEmpty();

    JsonPath d = record(c, Map.of("disclosedOn", "2026-10-14", "kind", "OTHER"));
    assertThat(d.getString("kind")).isEqualTo("OTHER");
    assertThat(d.getBoolean("kindSet")).isTrue();
    assertThat(d.getInt("obligations[0].workingDays")).isEqualTo(20);
    assertThat(audited("disclosure.recorded", c))
        .singleElement()
        .asString()
        .contains("\"disclosedOn\":{\"to\":\"2026-10-14\"}")
        .contains("\"kind\":{\"to\":\"OTHER\"}");
  }

  private void refused(UUID c, Map<String, Object> body, String field, String detail) {
    Api.as(officerA)
        .body(body)
        .put("/api/v1/cases/" + c + "/disclosure")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo(field))
        .body("detail", containsString(detail));
  }

  @Test
  void another_units_decisions_are_not_found_and_the_denial_is_audited() throws Exception {
    UUID c = decided("PENALTY", "DECIDED", "2026-09-30");
    Api.as(officerB).get("/api/v1/cases/" + c + "/disclosure").then().statusCode(404);
    Api.as(officerB)
        .body(Map.of("disclosedOn", "2026-10-14"))
        .put("/api/v1/cases/" + c + "/disclosure")
        .then()
        .statusCode(404);
    Api.as(auditorB).get("/api/v1/disclosures?unitId=" + unitA).then().statusCode(404);
    Api.as(auditorA).get("/api/v1/disclosures?unitId=" + unitA).then().statusCode(200);
    Api.as(officerA).get("/api/v1/disclosures?unitId=" + unitA).then().statusCode(403);
    assertThat(disclosure(c, "2026-10-20").getString("disclosedOn")).isNull();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (denials(c).size() + denials(unitA).size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(denials(c)).hasSize(2).allSatisfy(e -> assertThat(e).contains("out-of-scope"));
    assertThat(denials(unitA)).hasSize(1);
  }

  private List<String> denials(UUID target) {
    return Jdbc.list(
        db,
        "SELECT convert_from(entry, 'UTF8') FROM audit_entry WHERE event_type = 'access.denied'"
            + " AND target_id = ? ORDER BY id",
        rs -> rs.getString(1),
        target.toString());
  }

  private List<String> audited(String type, UUID caseId) {
    return Jdbc.list(
        db,
        "SELECT entry FROM audit_entry WHERE event_type = ? AND target_type = 'case'"
            + " AND target_id = ? ORDER BY id",
        rs -> new String(rs.getBytes(1), StandardCharsets.UTF_8),
        type,
        caseId.toString());
  }
}
