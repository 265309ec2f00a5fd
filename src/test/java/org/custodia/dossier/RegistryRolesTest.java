package org.custodia.dossier;

import static org.custodia.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
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
class RegistryRolesTest {
  static String admin;
  static String officer;
  static String reviewer;
  static String auditor;
  static UUID unit;
  static UUID otherUnit;
  static UUID subject;

  @BeforeEach
  void world() {
    if (admin != null) {
      return;
    }
    admin = Api.adminToken();
    unit = Api.createUnit(admin, Api.unique("ra"), "丙区执法局");
    otherUnit = Api.createUnit(admin, Api.unique("rb"), "丁区执法局");
    officer = user("OFFICER", unit);
    reviewer = user("REVIEWER", unit);
    auditor = user("AUDITOR", unit);
    subject = Registry.organisation(admin, unit, "丙公司");
  }

  static String user(String role, UUID unitId) {
    String name = Api.unique(role.toLowerCase());
    Api.createUser(admin, name, role, unitId);
    return Api.login(name, Api.PASSWORD);
  }

  @Test
  void only_admins_register_officers_and_devices() {
    Map<String, Object> officerBody =
        Map.of("unitId", unit.toString(), "name", "某人", "auxiliary", true);
    as(officer).body(officerBody).post("/api/v1/officers").then().statusCode(403);
    as(reviewer).body(officerBody).post("/api/v1/officers").then().statusCode(403);
    as(officer)
        .body(Map.of("unitId", unit.toString(), "serial", Api.unique("SN"), "model", "M"))
        .post("/api/v1/devices")
        .then()
        .statusCode(403);
  }

  @Test
  void reviewers_and_auditors_read_but_do_not_write_cases_or_subjects() {
    Map<String, Object> body =
        Registry.caseBody(unit, Api.unique("RV-"), "检查", List.of(subject), null);
    as(reviewer).body(body).post("/api/v1/cases").then().statusCode(403);
    as(auditor).body(body).post("/api/v1/cases").then().statusCode(403);
    as(auditor)
        .body(
            Map.of(
                "unitId",
                unit.toString(),
                "kind",
                "ORGANISATION",
                "name",
                "戊公司",
                "identifier",
                Codes.uscc()))
        .post("/api/v1/subjects")
        .then()
        .statusCode(403);
    as(reviewer).get("/api/v1/subjects/" + subject).then().statusCode(200);
    as(auditor).get("/api/v1/cases").then().statusCode(200);
  }

  @Test
  void an_officer_cannot_create_records_in_another_unit() {
    as(officer)
        .body(Registry.caseBody(otherUnit, Api.unique("X-"), "检查", List.of(subject), null))
        .post("/api/v1/cases")
        .then()
        .statusCode(400)
        .body("field", equalTo("unitId"));
    as(officer)
        .body(
            Map.of(
                "unitId",
                otherUnit.toString(),
                "kind",
                "ORGANISATION",
                "name",
                "己公司",
                "identifier",
                Codes.uscc()))
        .post("/api/v1/subjects")
        .then()
        .statusCode(400)
        .body("field", equalTo("unitId"));
  }

  @Test
  void an_officer_creates_a_case_of_their_unit_and_a_duplicate_case_number_conflicts() {
    String caseNo = Api.unique("DUP-");
    Map<String, Object> body = Registry.caseBody(unit, caseNo, "检查", List.of(subject), null);
    as(officer).body(body).post("/api/v1/cases").then().statusCode(201);
    as(officer)
        .body(body)
        .post("/api/v1/cases")
        .then()
        .statusCode(409)
        .body("field", equalTo("caseNo"));
  }

  @Test
  void registry_endpoints_need_authentication() {
    io.restassured.RestAssured.given().get("/api/v1/cases").then().statusCode(401);
    io.restassured.RestAssured.given().get("/api/v1/evidence").then().statusCode(401);
  }
}
