package org.custodia.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.Api;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The link from a registry officer to the user account acting as him ({@code PUT
 * /api/v1/officers/{id}/account}) and the evidence filter it enables ({@code mine=true}): only
 * OFFICER accounts of the officer's unit, one officer per account, audited with the reason; "mine"
 * is the records naming the officer and those made with a device he held when recording began.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OfficerAccountTest {
  @Inject AgroalDataSource db;

  private static Map<String, Object> link(UUID userId, String reason) {
    Map<String, Object> body = new HashMap<>();
    body.put("userId", userId == null ? null : userId.toString());
    body.put("reason", reason);
    return body;
  }

  private static io.restassured.response.ValidatableResponse put(
      String token, UUID officer, Map<String, Object> body) {
    return as(token).body(body).put("/api/v1/officers/" + officer + "/account").then();
  }

  @Test
  void only_an_officer_account_of_the_same_unit_is_linked_once_and_every_change_is_audited()
      throws Exception {
    UnitFixture f = new UnitFixture();
    UnitFixture other = new UnitFixture();
    String name = Api.unique("acct");
    UUID user = Api.createUser(f.admin, name, "OFFICER", f.unit);
    UUID reviewer = Api.createUser(f.admin, Api.unique("rev"), "REVIEWER", f.unit);
    UUID elsewhere = Api.createUser(f.admin, Api.unique("far"), "OFFICER", other.unit);
    String token = Api.login(name, Api.PASSWORD);

    assertThat(
            as(token)
                .get("/api/v1/auth/me")
                .then()
                .statusCode(200)
                .extract()
                .<Object>path("officerId"))
        .isNull();
    put(f.admin, f.officer, link(reviewer, "绑定账号"))
        .statusCode(400)
        .body("type", org.hamcrest.Matchers.endsWith("/invalid-request"))
        .body("field", org.hamcrest.Matchers.equalTo("userId"));
    put(f.admin, f.officer, link(elsewhere, "绑定账号")).statusCode(400);
    put(f.admin, f.officer, link(UUID.randomUUID(), "绑定账号")).statusCode(400);
    put(f.admin, f.officer, link(user, " ")).statusCode(400);
    put(token, f.officer, link(user, "绑定账号")).statusCode(403);

    put(f.admin, f.officer, link(user, "本人执法账号"))
        .statusCode(200)
        .body("userId", org.hamcrest.Matchers.equalTo(user.toString()));
    assertThat(
            as(f.admin)
                .get("/api/v1/officers/" + f.officer)
                .then()
                .statusCode(200)
                .extract()
                .<String>path("userId"))
        .isEqualTo(user.toString());
    assertThat(
            as(token)
                .get("/api/v1/auth/me")
                .then()
                .statusCode(200)
                .extract()
                .<String>path("officerId"))
        .isEqualTo(f.officer.toString());
    // the same link again changes nothing and records nothing
    put(f.admin, f.officer, link(user, "再次绑定")).statusCode(200);
    // one officer per account
    UUID second = Api.officer(f.admin, f.unit, "执法员李四", "GREEN");
    put(f.admin, second, link(user, "绑定账号"))
        .statusCode(409)
        .body("type", org.hamcrest.Matchers.endsWith("/account-already-linked"));

    put(f.admin, f.officer, link(null, "人员调岗"))
        .statusCode(200)
        .body("userId", org.hamcrest.Matchers.nullValue());
    assertThat(as(token).get("/api/v1/auth/me").then().extract().<Object>path("officerId"))
        .isNull();
    put(f.admin, second, link(user, "改由李四使用")).statusCode(200);

    assertThat(events(f.officer))
        .containsExactly("officer.account-linked:本人执法账号", "officer.account-unlinked:人员调岗");
    assertThat(events(second)).containsExactly("officer.account-linked:改由李四使用");
  }

  @Test
  void mine_is_the_officers_records_and_those_made_with_a_device_he_held() throws Exception {
    UnitFixture f = new UnitFixture();
    String name = Api.unique("mine");
    UUID user = Api.createUser(f.admin, name, "OFFICER", f.unit);
    String token = Api.login(name, Api.PASSWORD);
    String unlinkedToken = f.user("OFFICER");
    UUID colleague = Api.officer(f.admin, f.unit, "执法员王五", "GREEN");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    // a second device the officer held from 3 h to 2 h ago; the colleague holds it afterwards
    UUID camera =
        UUID.fromString(
            as(f.admin)
                .body(
                    Map.of(
                        "unitId", f.unit.toString(), "serial", Api.unique("CAM"), "model", "DSJ-X"))
                .post("/api/v1/devices")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    handOver(
        f.admin, camera, f.officer, now.minus(3, ChronoUnit.HOURS), now.minus(2, ChronoUnit.HOURS));
    handOver(f.admin, camera, colleague, now.minus(2, ChronoUnit.HOURS), null);

    UUID own = f.uploadBy(f.device, f.officer, now.minus(5, ChronoUnit.HOURS));
    UUID heldCamera = f.uploadBy(camera, colleague, now.minus(150, ChronoUnit.MINUTES));
    UUID afterHandover = f.uploadBy(camera, colleague, now.minus(90, ChronoUnit.MINUTES));
    UUID colleagues = f.uploadBy(f.device, colleague, now.minus(4, ChronoUnit.HOURS));

    // no officer linked: a 400 naming mine, not an empty list
    as(token)
        .queryParam("mine", true)
        .get("/api/v1/evidence")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", org.hamcrest.Matchers.equalTo("mine"));
    as(f.admin).queryParam("mine", true).get("/api/v1/evidence").then().statusCode(400);

    put(f.admin, f.officer, link(user, "本人执法账号")).statusCode(200);
    List<String> mine = ids(token, Map.of("mine", true));
    // f.device is held by f.officer only since it was registered (now): the colleague's earlier
    // recording on it is not his, nor the camera's after he handed it over
    assertThat(mine).contains(own.toString(), heldCamera.toString());
    assertThat(mine).doesNotContain(afterHandover.toString(), colleagues.toString());
    assertThat(ids(token, Map.of())).contains(afterHandover.toString(), colleagues.toString());

    // combined with unlinked: a linked record leaves the list
    UUID kase = caseOf(f, colleague);
    as(token)
        .body(Map.of("caseId", kase.toString(), "reason", "补录案件"))
        .post("/api/v1/evidence/" + own + "/links")
        .then()
        .statusCode(201);
    List<String> mineUnlinked = ids(token, Map.of("mine", true, "unlinked", true));
    assertThat(mineUnlinked).contains(heldCamera.toString()).doesNotContain(own.toString());
    assertThat(ids(token, Map.of("mine", true))).contains(own.toString());

    // another officer account of the unit, not linked, is still refused
    as(unlinkedToken).queryParam("mine", true).get("/api/v1/evidence").then().statusCode(400);
  }

  private static List<String> ids(String token, Map<String, Object> params) {
    return as(token)
        .queryParams(params)
        .queryParam("limit", 500)
        .get("/api/v1/evidence")
        .then()
        .statusCode(200)
        .extract()
        .path("items.id");
  }

  private static void handOver(String admin, UUID device, UUID officer, Instant from, Instant to) {
    Map<String, Object> body = new HashMap<>();
    body.put("officerId", officer.toString());
    body.put("from", from.toString());
    if (to != null) {
      body.put("to", to.toString());
    }
    body.put("reason", "领用");
    as(admin).body(body).post("/api/v1/devices/" + device + "/custody").then().statusCode(201);
  }

  private static UUID caseOf(UnitFixture f, UUID second) {
    Instant b = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
    Map<String, Object> act = new HashMap<>();
    act.put("type", "ON_SITE");
    act.put("from", b.toString());
    act.put("to", b.plusSeconds(600).toString());
    act.put("officerIds", List.of(f.officer.toString(), second.toString()));
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", f.unit.toString());
    body.put("caseNo", Api.unique("执罚-"));
    body.put("type", "PENALTY");
    body.put("title", "我的记录测试案");
    body.put("subjectIds", List.of(Api.organisation(f.admin, f.unit, "某某公司").toString()));
    body.put("officerIds", List.of(f.officer.toString(), second.toString()));
    body.put("actions", List.of(act));
    return UUID.fromString(
        as(f.admin).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id"));
  }

  /** The officer's account events, oldest first, as "type:reason". */
  private List<String> events(UUID officer) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT event_type, convert_from(entry, 'UTF8') FROM audit_entry"
                    + " WHERE target_type = 'officer' AND target_id = ?"
                    + " AND event_type LIKE 'officer.account-%' ORDER BY id")) {
      ps.setString(1, officer.toString());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String json = rs.getString(2);
          String reason = json.replaceAll(".*\"reason\":\"([^\"]*)\".*", "$1");
          out.add(rs.getString(1) + ":" + reason);
        }
      }
    }
    return out;
  }
}
