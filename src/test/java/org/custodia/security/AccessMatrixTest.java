package org.custodia.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.custodia.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Endpoints called by every kind of caller: anonymous, each role (in unit A), and a docking
 * station, on records of unit A and of unit B ({@link MatrixWorld}). Expected statuses are written
 * per row; the test reports every mismatch at once. Every operation of the OpenAPI document has a
 * row, or is listed with the test that checks its role rules ({@link
 * #ROLE_RULES_TESTED_ELSEWHERE}), so a new endpoint cannot be left out unnoticed. {@link
 * EveryOperationAuthTest} calls every documented operation without a token and as a station.
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
  private UUID fixityA;
  private UUID fixityB;

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
    fixityA = fixityRun(admin, unitA);
    fixityB = fixityRun(admin, unitB);
  }

  /** A fixity run over a (still empty) unit, requested by the admin. */
  private static UUID fixityRun(String admin, UUID unit) {
    return UUID.fromString(
        Api.as(admin)
            .body(Map.of("scope", "unit", "unitId", unit.toString()))
            .post("/api/v1/fixity/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id"));
  }

  /**
   * One row: a request and the status each caller must get. {@code body} is built per caller (a
   * fresh name or code each time, or a different target per caller where the answer would otherwise
   * depend on the previous caller's change).
   */
  private record Call(
      String method,
      String path,
      Map<String, String> headers,
      Function<String, Object> body,
      Map<String, Integer> expected) {
    Call with(String header, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(header, value);
      return new Call(method, path, h, body, expected);
    }
  }

  private static Call get(String path, Map<String, Integer> expected) {
    return new Call("GET", path, Map.of(), caller -> null, expected);
  }

  private static Call call(
      String method, String path, Function<String, Object> body, Map<String, Integer> expected) {
    return new Call(method, path, Map.of(), body, expected);
  }

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

  /** Every user role reads a record of unit A (the callers' unit); stations read nothing. */
  private static final Map<String, Integer> READ_A = expect(200, 200, 200, 200, 200, 403);

  /** Admins and supervisors read unit B's records; unit-scoped roles are told they don't exist. */
  private static final Map<String, Integer> READ_B = expect(200, 200, 404, 404, 404, 403);

  /** The audit log: admins, supervisors and auditors. */
  private static final Map<String, Integer> AUDIT = expect(200, 200, 403, 403, 200, 403);

  private static Map<String, Integer> adminOnly(int status) {
    return expect(status, 403, 403, 403, 403, 403);
  }

  private List<Call> calls(MatrixWorld w) {
    List<Call> calls = new ArrayList<>();
    calls.addAll(evidenceAndMedia(w));
    calls.addAll(accountsAndStations(w));
    calls.addAll(registry(w));
    calls.addAll(casesAndLinks(w));
    calls.addAll(receiptsAndSigning(w));
    calls.addAll(auditLog(w));
    calls.addAll(ingest(w));
    calls.addAll(reviewsAndSpotChecks(w));
    calls.addAll(exports(w));
    calls.addAll(fixity());
    calls.addAll(fourPropertyChecks(w));
    calls.addAll(retention(w));
    calls.addAll(compliance(w));
    calls.addAll(calendarAndDisclosure(w));
    return calls;
  }

  /**
   * Recording compliance: whoever reads a dossier reads its compliance; administrators, supervisors
   * and auditors list non-compliant dossiers (an auditor its own unit's); only supervisors
   * acknowledge findings (here of no finding: 404 once the role is allowed).
   */
  private List<Call> compliance(MatrixWorld w) {
    String unknownFinding =
        "/api/v1/cases/"
            + w.caseA
            + "/compliance/findings/"
            + UUID.randomUUID()
            + "/acknowledgements";
    return List.of(
        get("/api/v1/cases/" + w.caseA + "/compliance", READ_A),
        get("/api/v1/cases/" + w.caseB + "/compliance", READ_B),
        get("/api/v1/compliance", AUDIT),
        get("/api/v1/compliance?unitId=" + unitB, expect(200, 200, 403, 403, 404, 403)),
        call(
            "POST",
            unknownFinding,
            c -> Map.of("explanation", "设备故障"),
            expect(403, 404, 403, 403, 403, 403)));
  }

  /**
   * Fixity runs: administrators and a unit's auditors start them (the auditor for its unit only);
   * supervisors also read them; a run of unit B is not found for unit A's auditor.
   */
  private List<Call> fixity() {
    return List.of(
        call(
            "POST",
            "/api/v1/fixity/runs",
            c -> Map.of("scope", "unit", "unitId", String.valueOf(unitA)),
            expect(202, 403, 403, 403, 202, 403)),
        call(
            "POST",
            "/api/v1/fixity/runs",
            c -> Map.of("scope", "unit", "unitId", String.valueOf(unitB)),
            expect(202, 403, 403, 403, 404, 403)),
        get("/api/v1/fixity/runs", AUDIT),
        get("/api/v1/fixity/runs/" + fixityA, AUDIT),
        get("/api/v1/fixity/runs/" + fixityB, expect(200, 200, 403, 403, 404, 403)));
  }

  /**
   * Four-property checks: administrators, supervisors and a unit's auditors start and read them
   * (the auditor for its unit's cases only: another unit's case and check are not found).
   */
  private List<Call> fourPropertyChecks(MatrixWorld w) {
    Map<String, Integer> ofB = expect(200, 200, 403, 403, 404, 403);
    return List.of(
        call(
            "POST",
            "/api/v1/cases/" + w.caseA + "/four-property-checks",
            c -> null,
            expect(202, 202, 403, 403, 202, 403)),
        call(
            "POST",
            "/api/v1/cases/" + w.caseB + "/four-property-checks",
            c -> null,
            expect(202, 202, 403, 403, 404, 403)),
        get("/api/v1/cases/" + w.caseA + "/four-property-checks", AUDIT),
        get("/api/v1/cases/" + w.caseB + "/four-property-checks", ofB),
        get("/api/v1/four-property-checks/" + w.checkA, AUDIT),
        get("/api/v1/four-property-checks/" + w.checkB, ofB));
  }

  /**
   * Retention, holds and disposals: everyone who reads an item reads its retention; only admins and
   * supervisors change it, place and lift holds, propose and approve disposals; auditors read holds
   * and disposals. The two-person rules are in retention.HoldDisposalTest.
   */
  private List<Call> retention(MatrixWorld w) {
    UUID none = UUID.randomUUID();
    Map<String, Integer> decide = expect(201, 201, 403, 403, 403, 403);
    Map<String, Integer> oversee = expect(200, 200, 403, 403, 200, 403);
    Function<String, Object> upgrade = c -> Map.of("obstruction", true);
    return List.of(
        get("/api/v1/evidence/" + w.videoA + "/retention", READ_A),
        get("/api/v1/evidence/" + w.videoB + "/retention", READ_B),
        call(
            "PUT",
            "/api/v1/evidence/" + w.videoA + "/retention",
            upgrade,
            expect(200, 200, 403, 403, 403, 403)),
        call(
            "PUT",
            "/api/v1/evidence/" + w.videoB + "/retention",
            upgrade,
            expect(200, 200, 403, 403, 403, 403)),
        call(
            "POST",
            "/api/v1/holds",
            c -> Map.of("scope", "EVIDENCE", "targetId", w.videoA.toString(), "reason", "矩阵"),
            decide),
        get("/api/v1/holds", oversee),
        get("/api/v1/holds/" + none, expect(404, 404, 403, 403, 404, 403)),
        call(
            "POST",
            "/api/v1/holds/" + none + "/lift",
            c -> Map.of("reason", "矩阵"),
            expect(404, 404, 403, 403, 403, 403)),
        call(
            "POST",
            "/api/v1/disposals",
            c -> Map.of("unitId", unitA.toString(), "reason", "矩阵"),
            decide),
        get("/api/v1/disposals", oversee),
        get("/api/v1/disposals/candidates?unitId=" + unitA, oversee),
        get("/api/v1/disposals/" + none, expect(404, 404, 403, 403, 404, 403)),
        call(
            "POST",
            "/api/v1/disposals/" + none + "/approval",
            c -> Map.of("reason", "矩阵"),
            expect(404, 404, 403, 403, 403, 403)));
  }

  /**
   * The calendar: every user reads it, only admins add or correct a year (an empty notice here: 400
   * once the role passes). Disclosures: whoever reads a case reads its disclosure; officers and
   * supervisors record it (case A is open: 400 once role and unit pass); supervisors, admins and a
   * unit's auditors list a unit's decisions.
   */
  private List<Call> calendarAndDisclosure(MatrixWorld w) {
    Function<String, Object> none = c -> Map.of();
    return List.of(
        get("/api/v1/calendar/years", READ_A),
        get("/api/v1/calendar/2026-10-01", READ_A),
        get("/api/v1/calendar/working-days?from=2026-09-30&add=7", READ_A),
        call("PUT", "/api/v1/calendar/years/2035", none, adminOnly(400)),
        get("/api/v1/cases/" + w.caseA + "/disclosure", READ_A),
        get("/api/v1/cases/" + w.caseB + "/disclosure", READ_B),
        call(
            "PUT",
            "/api/v1/cases/" + w.caseA + "/disclosure",
            none,
            expect(403, 400, 400, 403, 403, 403)),
        call(
            "PUT",
            "/api/v1/cases/" + w.caseB + "/disclosure",
            none,
            expect(403, 400, 404, 403, 403, 403)),
        get("/api/v1/disclosures?unitId=" + unitA, expect(200, 200, 403, 403, 200, 403)),
        get("/api/v1/disclosures?unitId=" + unitB, expect(200, 200, 403, 403, 404, 403)));
  }

  /**
   * Exports of case A and B, requested by the admin: the admin cannot approve its own (409), the
   * supervisor refuses it (so nothing builds); the package is not built (409).
   */
  private List<Call> exports(MatrixWorld w) {
    Function<String, Object> request = c -> Map.of("purpose", "移送 " + c, "recipient", "某某区人民法院");
    Function<String, Object> refuse = c -> Map.of("approve", false, "reason", "权限矩阵");
    return List.of(
        call(
            "POST",
            "/api/v1/cases/" + w.caseA + "/exports",
            request,
            expect(202, 202, 202, 202, 403, 403)),
        call(
            "POST",
            "/api/v1/cases/" + w.caseB + "/exports",
            request,
            expect(202, 202, 404, 404, 403, 403)),
        get("/api/v1/exports/" + w.exportA, READ_A),
        get("/api/v1/exports/" + w.exportB, READ_B),
        get("/api/v1/exports?caseId=" + w.caseA, READ_A),
        get("/api/v1/exports?caseId=" + w.caseB, READ_B),
        get("/api/v1/exports/" + w.exportA + "/package", expect(409, 409, 409, 409, 403, 403)),
        get("/api/v1/exports/" + w.exportB + "/package", expect(409, 409, 404, 404, 403, 403)),
        call(
            "POST",
            "/api/v1/exports/" + w.exportA + "/approval",
            refuse,
            expect(409, 200, 403, 403, 403, 403)),
        call(
            "POST",
            "/api/v1/exports/" + w.exportB + "/approval",
            refuse,
            expect(409, 200, 403, 403, 403, 403)));
  }

  /** The evidence record and its media, for a processed video of unit A and one of unit B. */
  private List<Call> evidenceAndMedia(MatrixWorld w) {
    List<Call> calls = new ArrayList<>();
    for (String method : List.of("GET", "HEAD")) {
      for (String part : List.of("/content", "/review", "/thumbnail", "/sprite")) {
        calls.add(
            new Call(method, "/api/v1/evidence/" + w.videoA + part, Map.of(), c -> null, READ_A));
      }
    }
    for (String part : List.of("", "/jobs", "/sprite.vtt", "/playback")) {
      calls.add(get("/api/v1/evidence/" + w.videoA + part, READ_A));
    }
    for (String part :
        List.of("", "/content", "/thumbnail", "/sprite", "/sprite.vtt", "/playback")) {
      calls.add(get("/api/v1/evidence/" + w.videoB + part, READ_B));
    }
    calls.add(get("/api/v1/evidence", READ_A));
    // no caller of the matrix acts as an officer: "mine" is refused, never an empty list
    calls.add(get("/api/v1/evidence?mine=true", expect(400, 400, 400, 400, 400, 403)));
    return calls;
  }

  private List<Call> accountsAndStations(MatrixWorld w) {
    return List.of(
        call(
            "POST",
            "/api/v1/auth/login",
            c -> Map.of("username", w.loginUser, "password", Api.PASSWORD),
            everyone(200)),
        get("/api/v1/auth/me", READ_A),
        call(
            "POST",
            "/api/v1/auth/password",
            c ->
                Map.of(
                    "currentPassword",
                    "wrong-current-pw",
                    "newPassword",
                    "whatever-new-passphrase"),
            expect(400, 400, 400, 400, 400, 403)),
        get("/api/v1/units", READ_A),
        call(
            "POST",
            "/api/v1/units",
            c -> Map.of("code", Api.unique("U"), "name", "新单位"),
            adminOnly(201)),
        get("/api/v1/units/" + unitA, READ_A),
        get("/api/v1/units/" + unitB, READ_B),
        get("/api/v1/users", expect(200, 200, 403, 403, 403, 403)),
        get("/api/v1/users/" + userInA, expect(200, 200, 403, 403, 403, 403)),
        call(
            "POST",
            "/api/v1/users",
            c ->
                Map.of(
                    "username",
                    Api.unique("m"),
                    "password",
                    Api.PASSWORD,
                    "role",
                    "REVIEWER",
                    "unitId",
                    unitA.toString()),
            adminOnly(201)),
        call("PATCH", "/api/v1/users/" + userInA, c -> Map.of("enabled", true), adminOnly(200)),
        get("/api/v1/stations", READ_A),
        get("/api/v1/stations/" + stationA, READ_A),
        get("/api/v1/stations/" + stationB, READ_B),
        call(
            "POST",
            "/api/v1/stations",
            c -> Map.of("unitId", unitB.toString(), "name", "新采集站"),
            adminOnly(201)),
        call("POST", "/api/v1/stations/" + stationB + "/token", c -> null, adminOnly(200)),
        call("DELETE", "/api/v1/stations/" + w.spareStation, c -> null, adminOnly(204)),
        get("/q/metrics", expect(200, 200, 403, 403, 403, 403)));
  }

  /** Officers, devices and subjects: admins register officers and devices, officers subjects. */
  private List<Call> registry(MatrixWorld w) {
    List<Call> calls = new ArrayList<>();
    calls.add(get("/api/v1/officers", READ_A));
    for (String part : List.of("", "/status-history")) {
      calls.add(get("/api/v1/officers/" + w.officerA + part, READ_A));
      calls.add(get("/api/v1/officers/" + w.officerB + part, READ_B));
    }
    calls.add(
        call(
            "POST",
            "/api/v1/officers",
            c -> Map.of("unitId", unitA.toString(), "name", "辅警周七", "auxiliary", true),
            adminOnly(201)));
    calls.add(
        call(
            "PUT",
            "/api/v1/officers/" + w.officerA + "/certificate",
            c -> Map.of("status", "GREEN", "reason", "年度复核"),
            adminOnly(200)));
    // unlinking an officer no account acts as: nothing changes, the answer is the officer
    Map<String, Object> unlink = new LinkedHashMap<>();
    unlink.put("userId", null);
    unlink.put("reason", "权限矩阵");
    calls.add(
        call("PUT", "/api/v1/officers/" + w.officerA + "/account", c -> unlink, adminOnly(200)));
    calls.add(
        call("PUT", "/api/v1/officers/" + w.officerB + "/account", c -> unlink, adminOnly(200)));
    calls.add(get("/api/v1/devices", READ_A));
    for (String part : List.of("", "/custody")) {
      calls.add(get("/api/v1/devices/" + w.deviceA + part, READ_A));
      calls.add(get("/api/v1/devices/" + w.deviceB + part, READ_B));
    }
    calls.add(
        call(
            "POST",
            "/api/v1/devices",
            c -> Map.of("unitId", unitA.toString(), "serial", Api.unique("CAM"), "model", "DSJ-V9"),
            adminOnly(201)));
    calls.add(
        call(
            "POST",
            "/api/v1/devices/" + w.deviceA + "/custody",
            c -> Map.of("officerId", w.officerA2.toString(), "reason", "交接"),
            adminOnly(201)));
    // the one call outside uploads a station may make: the clock of a device of its unit
    calls.add(
        call(
            "PUT",
            "/api/v1/devices/" + w.deviceA + "/clock-offset",
            c -> Map.of("clockOffsetMs", 1500),
            expect(200, 403, 403, 403, 403, 200)));
    calls.add(
        call(
            "PUT",
            "/api/v1/devices/" + w.deviceB + "/clock-offset",
            c -> Map.of("clockOffsetMs", 1500),
            expect(200, 403, 403, 403, 403, 404)));
    calls.add(get("/api/v1/subjects", READ_A));
    for (String part : List.of("", "/evidence")) {
      calls.add(get("/api/v1/subjects/" + w.subjectA + part, READ_A));
      calls.add(get("/api/v1/subjects/" + w.subjectB + part, READ_B));
    }
    calls.add(
        call(
            "POST",
            "/api/v1/subjects",
            c -> MatrixWorld.subjectBody(unitA, "丙公司"),
            expect(201, 403, 201, 403, 403, 403)));
    // an officer cannot register a subject of another unit (RegistryRolesTest: 400 on unitId)
    calls.add(
        call(
            "POST",
            "/api/v1/subjects",
            c -> MatrixWorld.subjectBody(unitB, "丁公司"),
            expect(201, 403, 400, 403, 403, 403)));
    return calls;
  }

  /**
   * Reviews, notes and spot checks (ReviewTest, NoteTest, SpotCheckTest): reviewers and supervisors
   * write reviews and notes; supervisors and admins run spot checks. Unknown review and spot-check
   * ids answer 404 to whoever may call the operation.
   */
  private List<Call> reviewsAndSpotChecks(MatrixWorld w) {
    UUID none = UUID.randomUUID();
    Map<String, Integer> readReviews = READ_A;
    Map<String, Integer> readReviewsB = READ_B;
    Map<String, Integer> writeUnknown = expect(403, 404, 403, 404, 403, 403);
    Map<String, Integer> spotUnknown = expect(404, 404, 403, 403, 403, 403);
    List<Call> calls = new ArrayList<>();
    calls.add(get("/api/v1/review-criteria", READ_A));
    calls.add(
        call(
            "POST",
            "/api/v1/cases/" + w.caseA + "/reviews",
            c -> Map.of(),
            expect(403, 201, 403, 201, 403, 403)));
    calls.add(
        call(
            "POST",
            "/api/v1/cases/" + w.caseB + "/reviews",
            c -> Map.of(),
            expect(403, 201, 403, 404, 403, 403)));
    calls.add(get("/api/v1/cases/" + w.caseA + "/reviews", readReviews));
    calls.add(get("/api/v1/cases/" + w.caseB + "/reviews", readReviewsB));
    calls.add(get("/api/v1/reviews", readReviews));
    calls.add(get("/api/v1/reviews/distribution", readReviews));
    calls.add(get("/api/v1/reviews/" + none, expect(404, 404, 404, 404, 404, 403)));
    calls.add(call("PUT", "/api/v1/reviews/" + none, c -> Map.of(), writeUnknown));
    calls.add(call("POST", "/api/v1/reviews/" + none + "/submission", c -> null, writeUnknown));
    calls.add(
        call(
            "POST",
            "/api/v1/evidence/" + w.videoA + "/notes",
            c -> Map.of("atMs", 0, "text", "矩阵"),
            expect(403, 201, 403, 201, 403, 403)));
    calls.add(
        call(
            "POST",
            "/api/v1/evidence/" + w.videoB + "/notes",
            c -> Map.of("atMs", 0, "text", "矩阵"),
            expect(403, 201, 403, 404, 403, 403)));
    calls.add(get("/api/v1/evidence/" + w.videoA + "/notes", readReviews));
    calls.add(get("/api/v1/evidence/" + w.videoB + "/notes", readReviewsB));
    calls.add(
        call(
            "POST",
            "/api/v1/spot-checks",
            c ->
                Map.of(
                    "unitId",
                    unitA.toString(),
                    "from",
                    "2026-01-01",
                    "to",
                    "2026-06-30",
                    "size",
                    1),
            expect(201, 201, 403, 403, 403, 403)));
    calls.add(get("/api/v1/spot-checks", expect(200, 200, 403, 403, 403, 403)));
    calls.add(get("/api/v1/spot-checks/assigned", expect(403, 200, 403, 200, 403, 403)));
    calls.add(get("/api/v1/spot-checks/" + none, spotUnknown));
    calls.add(
        call(
            "PUT",
            "/api/v1/spot-checks/" + none + "/assignments",
            c -> Map.of("roundRobin", List.of(none.toString())),
            spotUnknown));
    calls.add(get("/api/v1/spot-checks/" + none + "/results.csv", spotUnknown));
    int year = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();
    calls.add(get("/api/v1/statistics/" + year, expect(200, 200, 403, 403, 200, 403)));
    calls.add(get("/api/v1/statistics/" + year + ".csv", expect(200, 200, 403, 403, 200, 403)));
    return calls;
  }

  /** Cases and evidence links: admins, and officers of the case's unit, write them. */
  private List<Call> casesAndLinks(MatrixWorld w) {
    Instant from = Instant.now().minus(2, ChronoUnit.HOURS);
    Instant to = from.plus(30, ChronoUnit.MINUTES);
    List<Call> calls = new ArrayList<>();
    calls.add(get("/api/v1/cases", READ_A));
    calls.add(get("/api/v1/cases/count", READ_A));
    calls.add(get("/api/v1/cases/" + w.caseA, READ_A));
    calls.add(get("/api/v1/cases/" + w.caseB, READ_B));
    calls.add(get("/api/v1/cases/" + w.caseA + "/timeline", READ_A));
    calls.add(get("/api/v1/cases/" + w.caseB + "/timeline", READ_B));
    calls.add(
        call(
            "POST",
            "/api/v1/cases",
            c -> MatrixWorld.caseBody(unitA, w.subjectA),
            expect(201, 403, 201, 403, 403, 403)));
    // an officer cannot open a case of another unit (RegistryRolesTest: 400 on unitId)
    calls.add(
        call(
            "POST",
            "/api/v1/cases",
            c -> MatrixWorld.caseBody(unitB, w.subjectB),
            expect(201, 403, 400, 403, 403, 403)));
    calls.add(
        call(
            "PATCH",
            "/api/v1/cases/" + w.caseA,
            c -> Map.of("title", "改名 " + c),
            expect(200, 403, 200, 403, 403, 403)));
    calls.add(
        call(
            "PATCH",
            "/api/v1/cases/" + w.caseB,
            c -> Map.of("title", "改名 " + c),
            expect(200, 403, 404, 403, 403, 403)));
    calls.add(
        call(
            "POST",
            "/api/v1/cases/" + w.caseA + "/actions",
            c -> action(from, to, w.officerA, w.officerA2),
            expect(201, 403, 201, 403, 403, 403)));
    calls.add(
        call(
            "POST",
            "/api/v1/cases/" + w.caseB + "/actions",
            c -> action(from, to, w.officerB, w.officerB2),
            expect(201, 403, 404, 403, 403, 403)));
    // corrections of an action: each caller moves the window by a different amount (200 either way)
    for (boolean inA : List.of(true, false)) {
      UUID first = inA ? w.officerA : w.officerB;
      UUID second = inA ? w.officerA2 : w.officerB2;
      String base =
          "/api/v1/cases/"
              + (inA ? w.caseA : w.caseB)
              + "/actions/"
              + (inA ? w.actionA : w.actionB);
      calls.add(
          call(
              "PUT",
              base,
              c ->
                  Map.of(
                      "action",
                      action(from, to.plusSeconds(c.length()), first, second),
                      "reason",
                      "权限矩阵更正 " + c),
              inA ? expect(200, 403, 200, 403, 403, 403) : expect(200, 403, 404, 403, 403, 403)));
      calls.add(get(base + "/revisions", inA ? READ_A : READ_B));
    }
    // admin and officer link to different subjects, so both change the link (201, not 200)
    calls.add(
        call(
            "POST",
            "/api/v1/evidence/" + w.videoA + "/links",
            c ->
                Map.of(
                    "subjectId",
                    (c.equals("ADMIN") ? w.subjectA : w.subjectA2).toString(),
                    "reason",
                    "权限矩阵 " + c),
            expect(201, 403, 201, 403, 403, 403)));
    calls.add(
        call(
            "POST",
            "/api/v1/evidence/" + w.videoB + "/links",
            c -> Map.of("subjectId", w.subjectB.toString(), "reason", "权限矩阵 " + c),
            expect(201, 403, 404, 403, 403, 403)));
    return calls;
  }

  private static Map<String, Object> action(Instant from, Instant to, UUID... officers) {
    return Map.of(
        "type",
        "SEIZURE",
        "from",
        from.toString(),
        "to",
        to.toString(),
        "officerIds",
        Stream.of(officers).map(UUID::toString).toList());
  }

  /** Receipts and their verification follow the evidence's unit; only admins rotate keys. */
  private List<Call> receiptsAndSigning(MatrixWorld w) {
    List<Call> calls = new ArrayList<>();
    for (String part :
        List.of("/receipt", "/receipt.json", "/receipt.p7s", "/receipt.sm2.p7s", "/receipt.tsr")) {
      calls.add(get("/api/v1/evidence/" + w.videoA + part, READ_A));
      calls.add(get("/api/v1/evidence/" + w.videoB + part, READ_B));
    }
    calls.add(call("POST", "/api/v1/evidence/" + w.videoA + "/verify", c -> null, READ_A));
    calls.add(call("POST", "/api/v1/evidence/" + w.videoB + "/verify", c -> null, READ_B));
    calls.add(get("/api/v1/signing/certificates", READ_A));
    calls.add(call("POST", "/api/v1/signing/rotate", c -> null, adminOnly(200)));
    return calls;
  }

  /** The audit log: admins, supervisors and auditors; an auditor reads their unit's entries. */
  private List<Call> auditLog(MatrixWorld w) {
    return List.of(
        get("/api/v1/audit/events", AUDIT),
        get("/api/v1/audit/entries/" + w.entryA, AUDIT),
        get("/api/v1/audit/entries/" + w.entryB, expect(200, 200, 403, 403, 404, 403)),
        get("/api/v1/audit/checkpoint", AUDIT),
        call("POST", "/api/v1/audit/checkpoint", c -> null, AUDIT),
        get("/api/v1/audit/proof/inclusion?index=0&treeSize=1", AUDIT),
        get("/api/v1/audit/proof/consistency?from=1&to=2", AUDIT),
        get("/api/v1/audit/public-key", AUDIT));
  }

  /**
   * Uploads: stations, officers and admins create them; an upload answers only to whoever created
   * it (404 for other uploaders). Operators read orphans; only admins run the maintenance jobs.
   */
  private List<Call> ingest(MatrixWorld w) {
    Map<String, Integer> stationsOwn = expect(404, 403, 404, 403, 403, 200);
    return List.of(
        new Call(
            "OPTIONS",
            "/api/v1/uploads",
            Map.of(),
            c -> null,
            expect(204, 403, 204, 403, 403, 204)),
        call("POST", "/api/v1/uploads", c -> null, expect(201, 403, 201, 403, 403, 201))
            .with("Tus-Resumable", "1.0.0")
            .with("Upload-Length", "100")
            .with("Upload-Metadata", w.uploadMetadata),
        new Call("HEAD", "/api/v1/uploads/" + w.uploadToHead, Map.of(), c -> null, stationsOwn)
            .with("Tus-Resumable", "1.0.0"),
        call(
                "PATCH",
                "/api/v1/uploads/" + w.uploadToPatch,
                c -> new byte[10],
                expect(404, 403, 404, 403, 403, 204))
            .with("Tus-Resumable", "1.0.0")
            .with("Upload-Offset", "0")
            .with("Content-Type", "application/offset+octet-stream"),
        call(
                "DELETE",
                "/api/v1/uploads/" + w.uploadToDelete,
                c -> null,
                expect(404, 403, 404, 403, 403, 204))
            .with("Tus-Resumable", "1.0.0"),
        get("/api/v1/admin/ingest/orphans", expect(200, 200, 403, 403, 200, 403)),
        call("POST", "/api/v1/admin/ingest/expire", c -> null, adminOnly(200)),
        call("POST", "/api/v1/admin/ingest/reconcile", c -> null, adminOnly(200)));
  }

  private static Map<String, Integer> everyone(int status) {
    Map<String, Integer> m = new LinkedHashMap<>();
    CALLERS.forEach(c -> m.put(c, status));
    return m;
  }

  @Test
  void each_role_reaches_exactly_what_it_may() throws Exception {
    MatrixWorld w =
        MatrixWorld.build(
            db,
            tokens.get("ADMIN"),
            unitA,
            stationA,
            tokens.get("STATION"),
            unitB,
            stationB,
            stationBToken);
    List<String> mismatches = new ArrayList<>();
    for (Call call : calls(w)) {
      for (String caller : CALLERS) {
        RequestSpecification request =
            given().contentType(call.headers().getOrDefault("Content-Type", "application/json"));
        call.headers()
            .forEach(
                (k, v) -> {
                  if (!k.equals("Content-Type")) {
                    request.header(k, v);
                  }
                });
        if (!caller.equals(ANON)) {
          request.header("Authorization", "Bearer " + tokens.get(caller));
        }
        Object body = call.body().apply(caller);
        if (body instanceof byte[] bytes) {
          request.body(bytes);
        } else if (body != null) {
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
    listsOfUnitScopedRolesHoldOnlyUnitA();
  }

  /** Unit-scoped roles' lists hold unit A's records only, and not none of them. */
  private void listsOfUnitScopedRolesHoldOnlyUnitA() {
    for (String role : List.of("OFFICER", "REVIEWER", "AUDITOR")) {
      for (String list : List.of("officers", "devices", "subjects", "cases", "evidence")) {
        List<String> units =
            Api.as(tokens.get(role))
                .get("/api/v1/" + list + "?limit=500")
                .then()
                .statusCode(200)
                .extract()
                .path("items.unitId");
        assertThat(units)
            .as(role + " lists " + list)
            .isNotEmpty()
            .allMatch(unitA.toString()::equals);
        List<String> asked =
            Api.as(tokens.get(role))
                .get("/api/v1/" + list + "?limit=500&unitId=" + unitB)
                .then()
                .statusCode(200)
                .extract()
                .path("items.unitId");
        assertThat(asked).as(role + " lists " + list + " of unit B").isEmpty();
      }
    }
  }

  /**
   * Operations of the OpenAPI document without a row above, each with the test class that checks
   * its role rules instead (a body too involved to build here). The map may only shrink: a new
   * endpoint gets its row above. Empty: every documented operation has a row.
   */
  private static final Map<String, Class<?>> ROLE_RULES_TESTED_ELSEWHERE = Map.of();

  @Test
  void every_documented_operation_is_in_the_matrix_or_tested_elsewhere() {
    Map<String, Map<String, Object>> paths =
        given().get("/q/openapi?format=json").then().statusCode(200).extract().path("paths");
    Set<String> documented = new TreeSet<>();
    paths.forEach(
        (path, operations) ->
            operations.keySet().stream()
                .filter(HTTP_METHODS::contains)
                .forEach(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path)));
    Set<String> called = new TreeSet<>();
    for (Call c : calls(MatrixWorld.placeholder())) {
      called.add(c.method() + " " + template(c.path(), paths.keySet()));
    }
    Set<String> missing = new TreeSet<>(documented);
    missing.removeAll(called);
    missing.removeAll(ROLE_RULES_TESTED_ELSEWHERE.keySet());
    assertThat(missing).as("documented, not in the matrix").isEmpty();
    assertThat(ROLE_RULES_TESTED_ELSEWHERE.keySet())
        .as("listed as tested elsewhere, no longer documented")
        .isSubsetOf(documented);
    Set<String> both = new TreeSet<>(called);
    both.retainAll(ROLE_RULES_TESTED_ELSEWHERE.keySet());
    assertThat(both).as("in the matrix and still listed as tested elsewhere").isEmpty();
  }

  /** The documented path template a concrete path (query string aside) is an instance of. */
  private static String template(String path, Set<String> templates) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    if (templates.contains(bare)) {
      return bare;
    }
    return templates.stream()
        .filter(t -> bare.matches(t.replaceAll("\\{[^/}]+}", "[^/]+")))
        // the most literal characters wins, as in JAX-RS: /{year}.csv before /{year}
        .max(
            java.util.Comparator.comparingInt(
                (String t) -> t.replaceAll("\\{[^/}]+}", "").length()))
        .orElse(bare);
  }

  private static final Set<String> HTTP_METHODS =
      Set.of("get", "head", "post", "put", "patch", "delete", "options");

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

  private long count(String type, String path) {
    return MatrixWorld.auditCount(db, type, path);
  }
}
