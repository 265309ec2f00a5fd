package org.custodia.dossier;

import static org.custodia.testing.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Every list and every date a request carries has a bound, named in the refusal. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InputBoundsTest {
  String admin;
  UUID unit;
  UUID subject;
  UUID officer;

  @BeforeEach
  void setUp() {
    admin = Api.adminToken();
    unit = Api.createUnit(admin, Api.unique("BND"), "边界测试单位");
    subject = Registry.organisation(admin, unit, "某某公司");
    officer = Registry.officer(admin, unit, "张三");
  }

  @Test
  void a_case_with_too_many_actions_is_refused_naming_the_list() {
    Instant t = Instant.parse("2026-03-01T08:00:00Z");
    List<Map<String, Object>> actions = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      actions.add(Registry.action("ON_SITE", t, t.plusSeconds(60), officer));
    }
    Map<String, Object> body =
        Registry.caseBody(unit, Api.unique("B-"), "案件", List.of(subject), null);
    body.put("actions", actions);
    as(admin)
        .body(body)
        .post("/api/v1/cases")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo("actions"));
  }

  @Test
  void a_case_listing_a_subject_twice_or_too_many_subjects_is_refused() {
    Map<String, Object> twice =
        Registry.caseBody(unit, Api.unique("B-"), "案件", List.of(subject, subject), null);
    as(admin)
        .body(twice)
        .post("/api/v1/cases")
        .then()
        .statusCode(400)
        .body("field", equalTo("subjectIds[1]"))
        .body("detail", containsString("twice"));
    List<UUID> many = new ArrayList<>();
    for (int i = 0; i < 201; i++) {
      many.add(UUID.randomUUID());
    }
    as(admin)
        .body(Registry.caseBody(unit, Api.unique("B-"), "案件", many, null))
        .post("/api/v1/cases")
        .then()
        .statusCode(400)
        .body("field", equalTo("subjectIds"));
  }

  @Test
  void dates_outside_any_plausible_record_are_refused_naming_the_field() {
    for (String until : List.of("+99999-01-01", "0000-01-01", "1899-12-31")) {
      Map<String, Object> body = new HashMap<>();
      body.put("unitId", unit.toString());
      body.put("name", "李四");
      body.put("certificateNo", Api.unique("C"));
      body.put("certificateStatus", "GREEN");
      body.put("certificateValidFrom", "2024-01-01");
      body.put("certificateValidUntil", until);
      as(admin)
          .body(body)
          .post("/api/v1/officers")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("field", equalTo("certificateValidUntil"));
    }
    as(admin)
        .get("/api/v1/cases?from=0000-01-01T00:00:00Z")
        .then()
        .statusCode(400)
        .body("field", equalTo("from"));
  }

  @Test
  void a_clock_offset_beyond_a_year_is_refused() {
    UUID device =
        UUID.fromString(
            as(admin)
                .body(
                    Map.of(
                        "unitId", unit.toString(),
                        "serial", Api.unique("SN"),
                        "model", "DSJ-V9",
                        "custodianOfficerId", officer.toString()))
                .post("/api/v1/devices")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    as(admin)
        .body(Map.of("clockOffsetMs", Long.MIN_VALUE))
        .put("/api/v1/devices/" + device + "/clock-offset")
        .then()
        .statusCode(400)
        .body("field", equalTo("clockOffsetMs"));
  }
}
