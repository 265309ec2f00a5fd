package org.custodia.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custodia.testing.Api.as;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
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
class RegistryRulesTest {
  static String admin;
  static String officerToken;
  static UUID unit;
  static UUID green1;
  static UUID green2;
  static UUID auxiliary;
  static UUID red;
  static UUID subject;

  @Inject AgroalDataSource db;

  @BeforeEach
  void world() {
    if (admin != null) {
      return;
    }
    admin = Api.adminToken();
    unit = Api.createUnit(admin, Api.unique("r"), "城管执法大队");
    green1 = Registry.officer(admin, unit, "李明");
    green2 = Registry.officer(admin, unit, "王芳");
    auxiliary = Registry.officer(admin, unit, "赵协管", null, true);
    red = Registry.officer(admin, unit, "钱红", "RED", false);
    String username = Api.unique("officer");
    Api.createUser(admin, username, "OFFICER", unit);
    officerToken = Api.login(username, Api.PASSWORD);
    subject = Registry.organisation(officerToken, unit, "某某建材有限公司");
  }

  @Test
  void a_bodycam_s_custodian_is_a_certified_officer_never_auxiliary_staff() {
    for (UUID holder : java.util.List.of(auxiliary, red)) {
      String serial = Api.unique("SN");
      as(admin)
          .body(
              Map.of(
                  "unitId",
                  unit.toString(),
                  "serial",
                  serial,
                  "model",
                  "DSJ-V9",
                  "custodianOfficerId",
                  holder.toString()))
          .post("/api/v1/devices")
          .then()
          .statusCode(422)
          .body(
              "type",
              endsWith(
                  holder.equals(auxiliary)
                      ? "/auxiliary-not-responsible"
                      : "/officer-not-certified"))
          .body("field", equalTo("custodianOfficerId"));
      as(admin)
          .queryParam("q", serial)
          .get("/api/v1/devices")
          .then()
          .statusCode(200)
          .body("items", org.hamcrest.Matchers.empty());
    }
    UUID device =
        Registry.id(
            as(admin)
                .body(
                    Map.of(
                        "unitId", unit.toString(), "serial", Api.unique("SN"), "model", "DSJ-V9"))
                .post("/api/v1/devices")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    as(admin)
        .body(Map.of("officerId", auxiliary.toString()))
        .post("/api/v1/devices/" + device + "/custody")
        .then()
        .statusCode(422)
        .body("type", endsWith("/auxiliary-not-responsible"))
        .body("field", equalTo("officerId"));
  }

  @Test
  void rejects_an_organisation_whose_code_fails_the_checksum_naming_the_field() {
    String bad = Codes.wrongCheck(Codes.uscc(), Codes.USCC_CHARS);
    as(officerToken)
        .body(
            Map.of(
                "unitId",
                unit.toString(),
                "kind",
                "ORGANISATION",
                "name",
                "甲公司",
                "identifier",
                bad))
        .post("/api/v1/subjects")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo("identifier"));
  }

  @Test
  void rejects_a_person_whose_id_number_has_a_wrong_check_digit_or_birth_date() {
    String bad = Codes.wrongCheck(Codes.residentId(), "0123456789X");
    as(officerToken)
        .body(Map.of("unitId", unit.toString(), "kind", "PERSON", "name", "张三", "identifier", bad))
        .post("/api/v1/subjects")
        .then()
        .statusCode(400)
        .body("field", equalTo("identifier"))
        .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(bad)));
    String feb30 = "11010519850230123";
    as(officerToken)
        .body(
            Map.of(
                "unitId",
                unit.toString(),
                "kind",
                "PERSON",
                "name",
                "张三",
                "identifier",
                feb30 + Codes.residentIdCheck(feb30)))
        .post("/api/v1/subjects")
        .then()
        .statusCode(400)
        .body("field", equalTo("identifier"));
  }

  @Test
  void accepts_valid_codes_and_shows_only_the_masked_id_number() {
    String id = Codes.residentId();
    as(officerToken)
        .body(Map.of("unitId", unit.toString(), "kind", "PERSON", "name", "张三", "identifier", id))
        .post("/api/v1/subjects")
        .then()
        .statusCode(201)
        .body("identifier", equalTo(id.substring(0, 4) + "**********" + id.substring(14)));
    String uscc = Codes.uscc();
    as(officerToken)
        .body(
            Map.of(
                "unitId",
                unit.toString(),
                "kind",
                "ORGANISATION",
                "name",
                "乙公司",
                "identifier",
                uscc.toLowerCase()))
        .post("/api/v1/subjects")
        .then()
        .statusCode(201)
        .body("identifier", equalTo(uscc));
  }

  @Test
  void auxiliary_staff_cannot_be_responsible_for_an_action() {
    Instant from = Instant.now().minusSeconds(600);
    as(officerToken)
        .body(
            Registry.caseBody(
                unit,
                Api.unique("AUX-"),
                "查封扣押",
                List.of(subject),
                Registry.action("SEIZURE", from, from.plusSeconds(300), green1, auxiliary)))
        .post("/api/v1/cases")
        .then()
        .statusCode(422)
        .body("type", endsWith("/auxiliary-not-responsible"))
        .body("field", equalTo("actions[0].officerIds[1]"));
  }

  @Test
  void an_officer_with_a_red_certificate_cannot_be_responsible() {
    Instant from = Instant.now().minusSeconds(600);
    as(officerToken)
        .body(
            Registry.caseBody(
                unit,
                Api.unique("RED-"),
                "强制拆除",
                List.of(subject),
                Registry.action("DEMOLITION", from, from.plusSeconds(300), red, green2)))
        .post("/api/v1/cases")
        .then()
        .statusCode(422)
        .body("type", endsWith("/officer-not-certified"))
        .body("field", equalTo("actions[0].officerIds[0]"));
  }

  @Test
  void an_action_with_fewer_than_two_responsible_officers_is_rejected() {
    Instant from = Instant.now().minusSeconds(600);
    as(officerToken)
        .body(
            Registry.caseBody(
                unit,
                Api.unique("ONE-"),
                "现场检查",
                List.of(subject),
                Registry.action("ON_SITE", from, from.plusSeconds(300), green1, green1)))
        .post("/api/v1/cases")
        .then()
        .statusCode(422)
        .body("type", endsWith("/too-few-responsible-officers"))
        .body("field", equalTo("actions[0].officerIds"));
  }

  @Test
  void an_action_must_end_after_it_starts() {
    Instant from = Instant.now().minusSeconds(600);
    as(officerToken)
        .body(
            Registry.caseBody(
                unit,
                Api.unique("WIN-"),
                "听证",
                List.of(subject),
                Registry.action("HEARING", from, from, green1, green2)))
        .post("/api/v1/cases")
        .then()
        .statusCode(400)
        .body("field", equalTo("actions[0].to"));
  }

  @Test
  void a_valid_case_returns_its_dossier_with_subjects_officers_and_actions() {
    String caseNo = Api.unique("OK-");
    UUID id =
        Registry.createCase(officerToken, unit, caseNo, "查封扣押建材", List.of(subject), green1, green2);
    as(officerToken)
        .get("/api/v1/cases/" + id)
        .then()
        .statusCode(200)
        .body("caseNo", equalTo(caseNo))
        .body("status", equalTo("OPEN"))
        .body("subjects", hasSize(1))
        .body("officers", hasSize(2))
        .body("actions[0].officerIds", hasSize(2));
    as(officerToken)
        .body(Map.of("status", "DECIDED"))
        .patch("/api/v1/cases/" + id)
        .then()
        .statusCode(400)
        .body("field", equalTo("decisionDate"));
  }

  @Test
  void certificate_changes_are_kept_in_the_status_history() {
    UUID officer = Registry.officer(admin, unit, "孙警官");
    as(admin)
        .body(Map.of("status", "YELLOW", "reason", "年度考核待补"))
        .put("/api/v1/officers/" + officer + "/certificate")
        .then()
        .statusCode(200)
        .body("certificateStatus", equalTo("YELLOW"));
    as(officerToken)
        .get("/api/v1/officers/" + officer + "/status-history")
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.contains("GREEN", "YELLOW"))
        .body("[1].previousStatus", equalTo("GREEN"));
  }

  @Test
  void overlapping_custody_periods_are_rejected_naming_the_field() {
    UUID device =
        Registry.id(
            as(admin)
                .body(
                    Map.of(
                        "unitId", unit.toString(),
                        "serial", Api.unique("SN"),
                        "model", "DSJ-V9",
                        "custodianOfficerId", green1.toString()))
                .post("/api/v1/devices")
                .then()
                .statusCode(201)
                .body("custodianOfficerId", equalTo(green1.toString()))
                .extract()
                .path("id"));
    Instant handover =
        Instant.now().plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    as(admin)
        .body(Map.of("officerId", green2.toString(), "from", handover.toString()))
        .post("/api/v1/devices/" + device + "/custody")
        .then()
        .statusCode(201);
    // back-dated handover into green2's period
    as(admin)
        .body(
            Map.of(
                "officerId", green1.toString(),
                "from", handover.minusSeconds(30).toString(),
                "to", handover.plusSeconds(30).toString()))
        .post("/api/v1/devices/" + device + "/custody")
        .then()
        .statusCode(409)
        .body("type", endsWith("/custody-overlap"))
        .body("field", equalTo("from"));
    as(admin)
        .get("/api/v1/devices/" + device + "/custody")
        .then()
        .statusCode(200)
        .body("officerId", org.hamcrest.Matchers.contains(green1.toString(), green2.toString()))
        .body("[0].to", equalTo(handover.toString()));
  }

  @Test
  void the_database_itself_refuses_overlapping_custody_periods() {
    UUID device =
        Registry.id(
            as(admin)
                .body(Map.of("unitId", unit.toString(), "serial", Api.unique("SN"), "model", "X1"))
                .post("/api/v1/devices")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    String insert =
        "INSERT INTO device_custody (id, device_id, officer_id, period)"
            + " VALUES (?, ?, ?, tstzrange(now() - interval '1 hour', NULL))";
    assertThatThrownBy(
            () -> {
              try (Connection c = db.getConnection()) {
                for (UUID officer : List.of(green1, green2)) {
                  try (PreparedStatement ps = c.prepareStatement(insert)) {
                    ps.setObject(1, UUID.randomUUID());
                    ps.setObject(2, device);
                    ps.setObject(3, officer);
                    ps.executeUpdate();
                  }
                }
              }
            })
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23P01"));
  }

  @Test
  void the_identifier_hmac_key_is_generated_owner_only_in_the_data_directory() throws Exception {
    java.nio.file.Path key =
        org.custodia.testing.EmbeddedServicesResource.dataDir()
            .resolve("keys")
            .resolve("identifier-hmac.key");
    assertThat(java.nio.file.Files.size(key)).isEqualTo(32);
    assertThat(java.nio.file.Files.getPosixFilePermissions(key))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
  }
}
