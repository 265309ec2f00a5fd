package org.custodia.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.custodia.testing.Api;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Endpoints called by every kind of caller: anonymous, each role (in unit A), and a docking
 * station. Expected statuses are written per row; the test reports every mismatch at once. Which
 * documented endpoints have no row yet is listed ({@link #NOT_IN_MATRIX_YET}) and checked against
 * the OpenAPI document, so a new endpoint cannot be left out unnoticed.
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
  private String stationBToken;

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
    var issuedB =
        Api.as(admin)
            .body(Map.of("unitId", unitB.toString(), "name", "采集站 B"))
            .post("/api/v1/stations")
            .then()
            .statusCode(201)
            .extract();
    stationB = UUID.fromString(issuedB.path("station.id"));
    stationBToken = issuedB.path("token");
  }

  /** A 2 s H.264/AAC clip made with the ffmpeg CLI, once per run. */
  private static Path clip;

  /**
   * A video uploaded by {@code station} of {@code unit}, once its media job has made the review
   * copy, poster and sprite sheet.
   */
  private UUID processedVideo(UUID unit, UUID station, String stationToken) throws Exception {
    if (clip == null) {
      Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "matrix-");
      Path out = dir.resolve("clip.mp4");
      Process p =
          new ProcessBuilder(
                  "ffmpeg",
                  "-y",
                  "-v",
                  "error",
                  "-f",
                  "lavfi",
                  "-i",
                  "testsrc2=size=320x240:rate=25:duration=2",
                  "-f",
                  "lavfi",
                  "-i",
                  "sine=frequency=440:sample_rate=48000:duration=2",
                  "-c:v",
                  "libx264",
                  "-pix_fmt",
                  "yuv420p",
                  "-c:a",
                  "aac",
                  out.toString())
              .redirectErrorStream(true)
              .start();
      String log = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor()).as(log).isZero();
      clip = out;
    }
    UUID id =
        UnitFixture.inUnit(tokens.get("ADMIN"), unit, station, stationToken)
            .uploadFile(clip, "video/mp4");
    long deadline = System.currentTimeMillis() + 90_000;
    while (true) {
      String state =
          Api.as(tokens.get("ADMIN"))
              .get("/api/v1/evidence/" + id)
              .then()
              .statusCode(200)
              .extract()
              .path("jobs[0].state");
      if ("SUCCEEDED".equals(state)) {
        return id;
      }
      assertThat(state).as("media job of the matrix clip").isIn(null, "QUEUED", "RUNNING");
      assertThat(System.currentTimeMillis()).as("media job still " + state).isLessThan(deadline);
      Thread.sleep(200);
    }
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

  private List<Call> calls(UUID videoA, UUID videoB) {
    List<Call> calls = new ArrayList<>();
    // the evidence record and its media, for a processed video of unit A and one of unit B
    Map<String, Integer> unitAReads = expect(200, 200, 200, 200, 200, 403);
    for (String method : List.of("GET", "HEAD")) {
      for (String part : List.of("/content", "/review", "/thumbnail", "/sprite")) {
        calls.add(new Call(method, "/api/v1/evidence/" + videoA + part, t -> null, unitAReads));
      }
    }
    for (String part : List.of("", "/jobs", "/sprite.vtt")) {
      calls.add(new Call("GET", "/api/v1/evidence/" + videoA + part, t -> null, unitAReads));
    }
    Map<String, Integer> unitBReads = expect(200, 200, 404, 404, 404, 403);
    for (String part : List.of("", "/content", "/thumbnail", "/sprite", "/sprite.vtt")) {
      calls.add(new Call("GET", "/api/v1/evidence/" + videoB + part, t -> null, unitBReads));
    }
    calls.addAll(fixedCalls());
    return calls;
  }

  private List<Call> fixedCalls() {
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
  void each_role_reaches_exactly_what_it_may() throws Exception {
    UUID videoA = processedVideo(unitA, stationA, tokens.get("STATION"));
    UUID videoB = processedVideo(unitB, stationB, stationBToken);
    List<String> mismatches = new ArrayList<>();
    for (Call call : calls(videoA, videoB)) {
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

  /**
   * Operations of the OpenAPI document that no row of the matrix calls yet (their feature tests
   * check some of their access rules, not every role). The list may only shrink: a new endpoint
   * gets its row above.
   */
  private static final Set<String> NOT_IN_MATRIX_YET =
      Set.of(
          "DELETE /api/v1/stations/{id}",
          "DELETE /api/v1/uploads/{id}",
          "GET /api/v1/audit/checkpoint",
          "GET /api/v1/audit/entries/{index}",
          "GET /api/v1/audit/events",
          "GET /api/v1/audit/proof/consistency",
          "GET /api/v1/audit/proof/inclusion",
          "GET /api/v1/audit/public-key",
          "GET /api/v1/cases",
          "GET /api/v1/cases/{id}",
          "GET /api/v1/devices",
          "GET /api/v1/devices/{id}",
          "GET /api/v1/devices/{id}/custody",
          "GET /api/v1/evidence",
          "GET /api/v1/evidence/{id}/receipt",
          "GET /api/v1/evidence/{id}/receipt.json",
          "GET /api/v1/evidence/{id}/receipt.p7s",
          "GET /api/v1/evidence/{id}/receipt.sm2.p7s",
          "GET /api/v1/evidence/{id}/receipt.tsr",
          "GET /api/v1/officers",
          "GET /api/v1/officers/{id}",
          "GET /api/v1/officers/{id}/status-history",
          "GET /api/v1/signing/certificates",
          "GET /api/v1/subjects",
          "GET /api/v1/subjects/{id}",
          "GET /api/v1/subjects/{id}/evidence",
          "HEAD /api/v1/uploads/{id}",
          "PATCH /api/v1/cases/{id}",
          "PATCH /api/v1/uploads/{id}",
          "POST /api/v1/admin/ingest/expire",
          "POST /api/v1/admin/ingest/reconcile",
          "POST /api/v1/audit/checkpoint",
          "POST /api/v1/auth/login",
          "POST /api/v1/cases",
          "POST /api/v1/cases/{id}/actions",
          "POST /api/v1/devices",
          "POST /api/v1/devices/{id}/custody",
          "POST /api/v1/evidence/{id}/links",
          "POST /api/v1/evidence/{id}/verify",
          "POST /api/v1/officers",
          "POST /api/v1/signing/rotate",
          "POST /api/v1/subjects",
          "POST /api/v1/uploads",
          "PUT /api/v1/devices/{id}/clock-offset",
          "PUT /api/v1/officers/{id}/certificate");

  @Test
  void every_documented_operation_is_in_the_matrix_or_listed_as_not_yet() {
    Map<String, Map<String, Object>> paths =
        given().get("/q/openapi?format=json").then().statusCode(200).extract().path("paths");
    Set<String> documented = new TreeSet<>();
    paths.forEach(
        (path, operations) ->
            operations.keySet().stream()
                .filter(HTTP_METHODS::contains)
                .forEach(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path)));
    Set<String> called = new TreeSet<>();
    for (Call c : calls(UUID.randomUUID(), UUID.randomUUID())) {
      called.add(c.method() + " " + c.path().replaceAll(UUID_PATTERN, "{id}"));
    }
    Set<String> missing = new TreeSet<>(documented);
    missing.removeAll(called);
    missing.removeAll(NOT_IN_MATRIX_YET);
    assertThat(missing).as("documented, not in the matrix").isEmpty();
    assertThat(NOT_IN_MATRIX_YET)
        .as("listed as missing, no longer documented")
        .isSubsetOf(documented);
    assertThat(called)
        .as("in the matrix and still listed as missing")
        .doesNotContainAnyElementsOf(NOT_IN_MATRIX_YET);
  }

  private static final Set<String> HTTP_METHODS =
      Set.of("get", "head", "post", "put", "patch", "delete", "options");
  private static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

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
