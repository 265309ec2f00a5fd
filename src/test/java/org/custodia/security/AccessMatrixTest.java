package org.custodia.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.custodia.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint that exists, called by every kind of caller: anonymous, each role (in unit A), and
 * a docking station. Expected statuses are written per row; the test reports every mismatch at
 * once.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccessMatrixTest {
  @Inject AgroalDataSource db;

  private static final String ANON = "ANONYMOUS";
  private static final List<String> CALLERS =
      List.of(ANON, "ADMIN", "SUPERVISOR", "OFFICER", "REVIEWER", "AUDITOR", "STATION");

  private final Map<String, String> tokens = new LinkedHashMap<>();
  private UUID unitA;
  private UUID unitB;
  private UUID userInA;
  private UUID stationA;
  private UUID stationB;

  @BeforeEach
  void setUp() {
    String admin = Api.adminToken();
    unitA = Api.createUnit(admin, Api.unique("A"), "单位甲");
    unitB = Api.createUnit(admin, Api.unique("B"), "单位乙");
    tokens.put("ADMIN", admin);
    for (String role : List.of("SUPERVISOR", "OFFICER", "REVIEWER", "AUDITOR")) {
      String name = Api.unique(role.toLowerCase());
      UUID id = Api.createUser(admin, name, role, role.equals("SUPERVISOR") ? null : unitA);
      if (role.equals("OFFICER")) {
        userInA = id;
      }
      tokens.put(role, Api.login(name, Api.PASSWORD));
    }
    var issuedA =
        Api.as(admin)
            .body(Map.of("unitId", unitA.toString(), "name", "采集站 A"))
            .post("/api/v1/stations")
            .then()
            .statusCode(201)
            .extract();
    stationA = UUID.fromString(issuedA.path("station.id"));
    tokens.put("STATION", issuedA.path("token"));
    stationB =
        UUID.fromString(
            Api.as(admin)
                .body(Map.of("unitId", unitB.toString(), "name", "采集站 B"))
                .post("/api/v1/stations")
                .then()
                .statusCode(201)
                .extract()
                .path("station.id"));
  }

  private record Call(
      String method,
      String path,
      Function<AccessMatrixTest, Object> body,
      Map<String, Integer> expected) {}

  private static Map<String, Integer> expect(
      int admin, int supervisor, int officer, int reviewer, int auditor, int station) {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put(ANON, 401);
    m.put("ADMIN", admin);
    m.put("SUPERVISOR", supervisor);
    m.put("OFFICER", officer);
    m.put("REVIEWER", reviewer);
    m.put("AUDITOR", auditor);
    m.put("STATION", station);
    return m;
  }

  private List<Call> calls() {
    return List.of(
        new Call("GET", "/api/v1/auth/me", t -> null, expect(200, 200, 200, 200, 200, 403)),
        new Call("GET", "/api/v1/units", t -> null, expect(200, 200, 200, 200, 200, 403)),
        new Call(
            "POST",
            "/api/v1/units",
            t -> Map.of("code", Api.unique("U"), "name", "新单位"),
            expect(201, 403, 403, 403, 403, 403)),
        new Call("GET", "/api/v1/units/" + unitA, t -> null, expect(200, 200, 200, 200, 200, 403)),
        new Call("GET", "/api/v1/units/" + unitB, t -> null, expect(200, 200, 404, 404, 404, 403)),
        new Call("GET", "/api/v1/users", t -> null, expect(200, 200, 403, 403, 403, 403)),
        new Call(
            "GET", "/api/v1/users/" + userInA, t -> null, expect(200, 200, 403, 403, 403, 403)),
        new Call(
            "POST",
            "/api/v1/users",
            t ->
                Map.of(
                    "username",
                    Api.unique("m"),
                    "password",
                    Api.PASSWORD,
                    "role",
                    "REVIEWER",
                    "unitId",
                    unitA.toString()),
            expect(201, 403, 403, 403, 403, 403)),
        new Call(
            "PATCH",
            "/api/v1/users/" + userInA,
            t -> Map.of("enabled", true),
            expect(200, 403, 403, 403, 403, 403)),
        new Call("GET", "/api/v1/stations", t -> null, expect(200, 200, 200, 200, 200, 403)),
        new Call(
            "GET", "/api/v1/stations/" + stationA, t -> null, expect(200, 200, 200, 200, 200, 403)),
        new Call(
            "GET", "/api/v1/stations/" + stationB, t -> null, expect(200, 200, 404, 404, 404, 403)),
        new Call(
            "POST",
            "/api/v1/stations",
            t -> Map.of("unitId", unitB.toString(), "name", "新采集站"),
            expect(201, 403, 403, 403, 403, 403)),
        new Call(
            "POST",
            "/api/v1/stations/" + stationB + "/token",
            t -> null,
            expect(200, 403, 403, 403, 403, 403)),
        new Call(
            "POST",
            "/api/v1/auth/password",
            t ->
                Map.of(
                    "currentPassword",
                    "wrong-current-pw",
                    "newPassword",
                    "whatever-new-passphrase"),
            expect(400, 400, 400, 400, 400, 403)),
        new Call("GET", "/q/metrics", t -> null, expect(200, 200, 403, 403, 403, 403)),
        // uploads: the only thing a station may do; officers and admins upload documents
        new Call("OPTIONS", "/api/v1/uploads", t -> null, expect(204, 403, 204, 403, 403, 204)),
        new Call(
            "GET",
            "/api/v1/admin/ingest/orphans",
            t -> null,
            expect(200, 200, 403, 403, 200, 403)));
  }

  @Test
  void each_role_reaches_exactly_what_it_may() {
    List<String> mismatches = new ArrayList<>();
    for (Call call : calls()) {
      for (String caller : CALLERS) {
        RequestSpecification request = given().contentType(ContentType.JSON);
        if (!caller.equals(ANON)) {
          request.header("Authorization", "Bearer " + tokens.get(caller));
        }
        Object body = call.body().apply(this);
        if (body != null) {
          request.body(body);
        }
        int status = request.request(call.method(), call.path()).then().extract().statusCode();
        int expected = call.expected().get(caller);
        if (status != expected) {
          mismatches.add(
              caller
                  + " "
                  + call.method()
                  + " "
                  + call.path()
                  + ": "
                  + status
                  + " (expected "
                  + expected
                  + ")");
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void unit_scoped_roles_list_only_their_own_unit() {
    for (String role : List.of("OFFICER", "REVIEWER", "AUDITOR")) {
      List<String> units =
          Api.as(tokens.get(role))
              .get("/api/v1/units?limit=500")
              .then()
              .statusCode(200)
              .extract()
              .path("items.id");
      assertThat(units).containsExactly(unitA.toString());
      List<String> stations =
          Api.as(tokens.get(role))
              .get("/api/v1/stations?limit=500")
              .then()
              .statusCode(200)
              .extract()
              .path("items.unitId");
      assertThat(stations).isNotEmpty().allMatch(unitA.toString()::equals);
    }
    List<String> all =
        Api.as(tokens.get("SUPERVISOR"))
            .get("/api/v1/units?limit=500")
            .then()
            .statusCode(200)
            .extract()
            .path("items.id");
    assertThat(all).contains(unitA.toString(), unitB.toString());
  }

  @Test
  void a_revoked_station_token_is_refused() {
    String admin = tokens.get("ADMIN");
    var issued =
        Api.as(admin)
            .body(Map.of("unitId", unitA.toString(), "name", "待吊销"))
            .post("/api/v1/stations")
            .then()
            .statusCode(201)
            .extract();
    String token = issued.path("token");
    String id = issued.path("station.id");
    Api.as(token).get("/api/v1/units").then().statusCode(403);
    Api.as(admin).delete("/api/v1/stations/" + id).then().statusCode(204);
    Api.as(token).get("/api/v1/units").then().statusCode(401);
  }

  @Test
  void a_rotated_station_token_replaces_the_old_one() {
    String admin = tokens.get("ADMIN");
    var issued =
        Api.as(admin)
            .body(Map.of("unitId", unitA.toString(), "name", "轮换"))
            .post("/api/v1/stations")
            .then()
            .statusCode(201)
            .extract();
    String old = issued.path("token");
    String fresh =
        Api.as(admin)
            .post("/api/v1/stations/" + issued.path("station.id") + "/token")
            .then()
            .statusCode(200)
            .extract()
            .path("token");
    assertThat(fresh).isNotEqualTo(old).startsWith("cst_");
    Api.as(old).get("/api/v1/units").then().statusCode(401);
    Api.as(fresh).get("/api/v1/units").then().statusCode(403);
  }

  @Test
  void every_denial_is_in_the_audit_log_with_actor_and_target() throws Exception {
    String path = "/api/v1/units/" + unitB;
    long before = count("access.denied", path);
    Api.as(tokens.get("STATION")).get(path).then().statusCode(403);
    long beforeAnon = count("access.unauthenticated", path);
    given().get(path).then().statusCode(401);
    awaitCount("access.denied", path, before + 1);
    awaitCount("access.unauthenticated", path, beforeAnon + 1);
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT convert_from(entry, 'UTF8') FROM audit_entry WHERE event_type = 'access.denied' AND target_id = ? ORDER BY id DESC LIMIT 1")) {
      ps.setString(1, path);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1))
            .contains("\"kind\":\"STATION\"")
            .contains("\"id\":\"" + stationA + "\"")
            .contains("\"status\":403");
      }
    }
  }

  private void awaitCount(String type, String path, long expected) throws Exception {
    long deadline = System.currentTimeMillis() + 5_000;
    while (count(type, path) < expected && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(count(type, path)).isEqualTo(expected);
  }

  private long count(String type, String path) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM audit_entry WHERE event_type = ? AND target_id = ?")) {
      ps.setString(1, type);
      ps.setString(2, path);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
