package org.custodia.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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
class RegistrySearchTest {
  static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

  static String admin;
  static String supervisor;
  static UUID unitA;
  static UUID unitB;
  static String officerA;
  static String officerB;
  static UUID a1;
  static UUID a2;
  static UUID b1;
  static UUID b2;
  static String residentId;
  static UUID personA;
  static UUID companyA;
  static UUID companyB;
  static String caseNoA;
  static String caseNoB;
  static UUID caseA;
  static UUID caseA2;
  static UUID caseB;
  static UUID demolitionEvidence;
  static UUID seizureEvidence;
  static UUID inspectionEvidence;
  static UUID evidenceB;

  @Inject EvidenceRepository evidence;
  @Inject AgroalDataSource db;

  @BeforeEach
  void world() {
    if (admin != null) {
      return;
    }
    admin = Api.adminToken();
    unitA = Api.createUnit(admin, Api.unique("sa"), "甲区综合执法局");
    unitB = Api.createUnit(admin, Api.unique("sb"), "乙区综合执法局");
    String supervisorName = Api.unique("sup");
    Api.createUser(admin, supervisorName, "SUPERVISOR", null);
    supervisor = Api.login(supervisorName, Api.PASSWORD);
    String nameA = Api.unique("offa");
    Api.createUser(admin, nameA, "OFFICER", unitA);
    officerA = Api.login(nameA, Api.PASSWORD);
    String nameB = Api.unique("offb");
    Api.createUser(admin, nameB, "OFFICER", unitB);
    officerB = Api.login(nameB, Api.PASSWORD);
    a1 = Registry.officer(admin, unitA, "周执法");
    a2 = Registry.officer(admin, unitA, "吴执法");
    b1 = Registry.officer(admin, unitB, "郑执法");
    b2 = Registry.officer(admin, unitB, "冯执法");
    residentId = Codes.residentId();
    personA = Registry.person(officerA, unitA, "张三", residentId);
    companyA = Registry.organisation(officerA, unitA, "某某建材有限公司");
    companyB = Registry.organisation(officerB, unitB, "另一家公司");
    caseNoA = Api.unique("甲执罚-");
    caseNoB = Api.unique("乙执罚-");
    caseA = Registry.createCase(officerA, unitA, caseNoA, "张三违法建设强制拆除案", List.of(personA), a1, a2);
    caseA2 =
        Registry.createCase(
            officerA, unitA, Api.unique("甲执强-"), "某某建材查封扣押案", List.of(companyA), a1, a2);
    caseB = Registry.createCase(officerB, unitB, caseNoB, "乙区张三查封扣押案", List.of(companyB), b1, b2);
    demolitionEvidence =
        Registry.evidence(evidence, unitA, a1, "张三违建强制拆除现场", T0, T0.plusSeconds(1800));
    seizureEvidence =
        Registry.evidence(
            evidence, unitA, a2, "建材仓库查封扣押", T0.plusSeconds(7200), T0.plusSeconds(9000));
    inspectionEvidence =
        Registry.evidence(
            evidence, unitA, a1, "例行现场检查", T0.plusSeconds(86400), T0.plusSeconds(87000));
    evidenceB = Registry.evidence(evidence, unitB, b1, "张三查封扣押乙区", T0, T0.plusSeconds(1800));
    link(officerA, demolitionEvidence, Map.of("caseId", caseA.toString(), "reason", "上传后关联"));
    link(officerA, seizureEvidence, Map.of("caseId", caseA2.toString(), "reason", "上传后关联"));
    link(officerB, evidenceB, Map.of("caseId", caseB.toString(), "reason", "上传后关联"));
  }

  static void link(String token, UUID evidenceId, Map<String, Object> body) {
    as(token).body(body).post("/api/v1/evidence/" + evidenceId + "/links").then().statusCode(201);
  }

  @Test
  void an_officer_never_sees_another_units_cases_or_evidence() {
    as(officerA)
        .queryParam("caseNo", caseNoB)
        .get("/api/v1/cases")
        .then()
        .statusCode(200)
        .body("items", empty());
    as(officerA)
        .queryParam("q", "张三")
        .get("/api/v1/cases")
        .then()
        .body("items.id", contains(caseA.toString()));
    as(officerA)
        .queryParam("unitId", unitB.toString())
        .get("/api/v1/evidence")
        .then()
        .statusCode(200)
        .body("items", empty());
    as(officerA)
        .queryParam("q", "查封扣押")
        .get("/api/v1/evidence")
        .then()
        .body("items.id", contains(seizureEvidence.toString()));
    as(officerA).get("/api/v1/cases/" + caseB).then().statusCode(404);
    as(officerA).get("/api/v1/evidence/" + evidenceB).then().statusCode(404);
    as(officerA).get("/api/v1/subjects/" + companyB).then().statusCode(404);
    as(officerA).get("/api/v1/officers/" + b1).then().statusCode(404);
    as(officerA)
        .body(Map.of("caseId", caseB.toString(), "reason", "试图跨单位关联"))
        .post("/api/v1/evidence/" + evidenceB + "/links")
        .then()
        .statusCode(404);
    // a supervisor sees both units
    as(supervisor)
        .queryParam("q", "张三")
        .queryParam("from", T0.toString())
        .queryParam("to", T0.plusSeconds(60).toString())
        .get("/api/v1/evidence")
        .then()
        .body("items.id", contains(evidenceB.toString(), demolitionEvidence.toString()));
    as(supervisor).get("/api/v1/cases/" + caseB).then().statusCode(200);
  }

  @Test
  void chinese_free_text_of_one_to_four_characters_finds_the_right_records() {
    Map<String, List<String>> expected =
        Map.of(
            "张", List.of(demolitionEvidence.toString()),
            "张三", List.of(demolitionEvidence.toString()),
            "拆除", List.of(demolitionEvidence.toString()),
            "查封扣押", List.of(seizureEvidence.toString()),
            "现场", List.of(inspectionEvidence.toString(), demolitionEvidence.toString()),
            "强制拆除现场", List.of(demolitionEvidence.toString()),
            "不存在的词", List.of());
    expected.forEach(
        (q, ids) ->
            assertThat(
                    as(officerA)
                        .queryParam("q", q)
                        .get("/api/v1/evidence")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<List<String>>path("items.id"))
                .as("q=%s", q)
                .containsExactlyElementsOf(ids));
    as(officerA)
        .queryParam("q", "拆除")
        .get("/api/v1/cases")
        .then()
        .body("items.id", contains(caseA.toString()));
    as(officerA)
        .queryParam("q", "建材")
        .get("/api/v1/subjects")
        .then()
        .body("items.id", contains(companyA.toString()));
    as(officerA)
        .queryParam("q", "周")
        .get("/api/v1/officers")
        .then()
        .body("items.id", contains(a1.toString()));
    // LIKE wildcards in the query are literal
    as(officerA).queryParam("q", "%").get("/api/v1/evidence").then().body("items", empty());
  }

  @Test
  void evidence_search_combines_officer_and_time_range_overlap() {
    as(officerA)
        .queryParam("officerId", a1.toString())
        .queryParam("from", T0.plusSeconds(1700).toString())
        .queryParam("to", T0.plusSeconds(90000).toString())
        .get("/api/v1/evidence")
        .then()
        .body("items.id", contains(inspectionEvidence.toString(), demolitionEvidence.toString()));
    as(officerA)
        .queryParam("officerId", a1.toString())
        .queryParam("from", T0.plusSeconds(1801).toString())
        .queryParam("to", T0.plusSeconds(3600).toString())
        .get("/api/v1/evidence")
        .then()
        .body("items", empty());
    as(officerA)
        .queryParam("caseNo", caseNoA)
        .get("/api/v1/evidence")
        .then()
        .body("items.id", contains(demolitionEvidence.toString()))
        .body("items[0].link.subjectId", equalTo(personA.toString()));
  }

  @Test
  void identifier_search_is_exact_while_lists_never_show_the_full_number() {
    String list =
        as(officerA)
            .queryParam("limit", 500)
            .get("/api/v1/subjects")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(list).doesNotContain(residentId).contains(Identifiers.mask(residentId));
    as(officerA)
        .queryParam("identifier", residentId.toLowerCase())
        .get("/api/v1/subjects")
        .then()
        .body("items.id", contains(personA.toString()))
        .body("items[0].identifier", equalTo(Identifiers.mask(residentId)));
    as(officerA)
        .queryParam("identifier", Codes.wrongCheck(residentId, "0123456789X"))
        .get("/api/v1/subjects")
        .then()
        .body("items", empty());
    as(officerA)
        .queryParam("identifier", residentId)
        .get("/api/v1/evidence")
        .then()
        .body("items.id", contains(demolitionEvidence.toString()));
    // another unit's officer does not find the person by number
    as(officerB)
        .queryParam("identifier", residentId)
        .get("/api/v1/subjects")
        .then()
        .body("items", empty());
    as(officerA)
        .get("/api/v1/subjects/" + personA + "/evidence")
        .then()
        .statusCode(200)
        .body("items.id", contains(demolitionEvidence.toString()));
  }

  @Test
  void relinking_is_audited_with_the_old_and_the_new_link_and_ids_only() throws SQLException {
    UUID record =
        Registry.evidence(evidence, unitA, a2, "补充取证", T0.plusSeconds(100), T0.plusSeconds(200));
    as(officerA)
        .body(Map.of("caseId", caseA.toString()))
        .post("/api/v1/evidence/" + record + "/links")
        .then()
        .statusCode(400)
        .body("field", equalTo("reason"));
    link(officerA, record, Map.of("caseId", caseA.toString(), "reason", "张三现场补录"));
    as(officerA)
        .body(
            Map.of("caseId", caseA2.toString(), "subjectId", personA.toString(), "reason", "关联错误"))
        .post("/api/v1/evidence/" + record + "/links")
        .then()
        .statusCode(422)
        .body("field", equalTo("subjectId"));
    link(officerA, record, Map.of("caseId", caseA2.toString(), "reason", "原关联案件有误，改为建材案"));

    List<String[]> entries = auditOf(record);
    assertThat(entries)
        .extracting(e -> e[0])
        .containsExactly("evidence.linked", "evidence.relinked");
    String relinked = entries.get(1)[1];
    assertThat(relinked)
        .contains("\"previous\":{\"caseId\":\"" + caseA + "\"")
        .contains("\"link\":{\"caseId\":\"" + caseA2 + "\"")
        .contains(personA.toString())
        .doesNotContain("张三")
        .doesNotContain("原关联");
    as(officerA)
        .get("/api/v1/evidence/" + record)
        .then()
        .statusCode(200)
        .body("link.caseId", equalTo(caseA2.toString()))
        .body("link.subjectId", equalTo(companyA.toString()))
        .body("linkHistory", hasSize(2))
        .body("linkHistory[1].supersededAt", nullValue())
        .body("objectKey", nullValue());
  }

  @Test
  void pages_follow_the_cursor_without_repeating_or_skipping() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      var spec = as(officerA).queryParam("limit", 1).queryParam("q", "现场");
      if (cursor != null) {
        spec.queryParam("cursor", cursor);
      }
      var page = spec.get("/api/v1/evidence").then().statusCode(200).extract();
      seen.addAll(page.<List<String>>path("items.id"));
      cursor = page.path("nextCursor");
    } while (cursor != null);
    assertThat(seen).containsExactly(inspectionEvidence.toString(), demolitionEvidence.toString());
  }

  private List<String[]> auditOf(UUID target) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT event_type, entry FROM audit_entry WHERE target_type = 'evidence'"
                    + " AND target_id = ? ORDER BY id")) {
      ps.setString(1, target.toString());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new String[] {rs.getString(1), new String(rs.getBytes(2), StandardCharsets.UTF_8)});
        }
      }
    }
    return out;
  }
}
