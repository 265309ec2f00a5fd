package org.custodia.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Text is stored exactly or refused, never altered: free text (a case's title and notes, the
 * reasons of a relink, a certificate change or a hold) keeps its spaces and line breaks; a name or
 * a number that begins or ends with white space is refused naming the field, instead of being
 * trimmed into another value.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExactTextTest {
  static final String PADDED = "  扣押现场\n第二行 \t";

  @Inject EvidenceRepository evidence;

  String admin;
  UUID unit;
  UUID subject;
  UUID officer;

  @BeforeEach
  void setUp() {
    admin = Api.adminToken();
    unit = Api.createUnit(admin, Api.unique("TXT"), "原文测试单位");
    subject = Registry.organisation(admin, unit, "某某公司");
    officer = Registry.officer(admin, unit, "张三");
  }

  @Test
  void a_name_or_number_with_surrounding_white_space_is_refused_naming_the_field() {
    Map<String, Map<String, Object>> bodies = new java.util.LinkedHashMap<>();
    bodies.put("/api/v1/units", Map.of("code", Api.unique("P"), "name", " 执法支队"));
    bodies.put("/api/v1/stations", Map.of("unitId", unit.toString(), "name", "一号站 "));
    bodies.put(
        "/api/v1/officers", Map.of("unitId", unit.toString(), "name", "李四\n", "auxiliary", true));
    bodies.put(
        "/api/v1/subjects",
        Map.of(
            "unitId",
            unit.toString(),
            "kind",
            "ORGANISATION",
            "name",
            "\u3000某公司",
            "identifier",
            Codes.uscc()));
    bodies.put(
        "/api/v1/devices",
        Map.of("unitId", unit.toString(), "serial", Api.unique("SN"), "model", "DSJ-V9 "));
    Map<String, Object> kase =
        Registry.caseBody(unit, Api.unique("C-") + " ", "案件", List.of(subject), null);
    bodies.put("/api/v1/cases", kase);
    Map<String, String> fields =
        Map.of(
            "/api/v1/units", "name",
            "/api/v1/stations", "name",
            "/api/v1/officers", "name",
            "/api/v1/subjects", "name",
            "/api/v1/devices", "model",
            "/api/v1/cases", "caseNo");
    for (var e : bodies.entrySet()) {
      JsonPath problem =
          as(admin)
              .header("Accept-Language", "zh-CN")
              .body(e.getValue())
              .post(e.getKey())
              .then()
              .statusCode(400)
              .contentType("application/problem+json")
              .extract()
              .jsonPath();
      assertThat(problem.getList("errors.field", String.class))
          .as(e.getKey())
          .contains(fields.get(e.getKey()));
      assertThat(problem.getList("errors.message", String.class))
          .as(e.getKey())
          .contains("首尾不能有空白字符");
    }
    // nothing was created: the unit's lists are as before the attempts
    as(admin)
        .queryParam("unitId", unit)
        .get("/api/v1/officers")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1));
    as(admin)
        .queryParam("unitId", unit)
        .get("/api/v1/cases")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0));
    // in English
    as(admin)
        .header("Accept-Language", "en")
        .body(kase)
        .post("/api/v1/cases")
        .then()
        .statusCode(400)
        .body("errors.message", hasItem("must not begin or end with white space"));
  }

  @Test
  void free_text_keeps_its_spaces_and_line_breaks() {
    Instant from = Instant.now().minusSeconds(7200);
    Map<String, Object> body =
        Registry.caseBody(
            unit,
            Api.unique("E-"),
            PADDED,
            List.of(subject),
            Registry.action("SEIZURE", from, from.plusSeconds(600), officer, otherOfficer()));
    body.put("notes", " 备注\n");
    String caseId =
        as(admin).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id");
    as(admin)
        .get("/api/v1/cases/" + caseId)
        .then()
        .statusCode(200)
        .body("title", equalTo(PADDED))
        .body("notes", equalTo(" 备注\n"));
    Map<String, Object> change = new HashMap<>();
    change.put("notes", "\n补充说明  ");
    as(admin).body(change).patch("/api/v1/cases/" + caseId).then().statusCode(200);
    as(admin).get("/api/v1/cases/" + caseId).then().body("notes", equalTo("\n补充说明  "));

    UUID record = Registry.evidence(evidence, unit, officer, "现场录像", from, from.plusSeconds(60));
    as(admin)
        .body(Map.of("caseId", caseId, "reason", PADDED))
        .post("/api/v1/evidence/" + record + "/links")
        .then()
        .statusCode(201)
        .body("reason", equalTo(PADDED));
    as(admin)
        .get("/api/v1/evidence/" + record)
        .then()
        .statusCode(200)
        .body("link.reason", equalTo(PADDED));

    as(admin)
        .body(Map.of("status", "YELLOW", "reason", PADDED))
        .put("/api/v1/officers/" + officer + "/certificate")
        .then()
        .statusCode(200);
    as(admin)
        .get("/api/v1/officers/" + officer + "/status-history")
        .then()
        .statusCode(200)
        .body("[1].reason", equalTo(PADDED));
  }

  private UUID otherOfficer() {
    return Registry.officer(admin, unit, "王五");
  }
}
