package org.custodia.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.custodia.testing.Api;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document, called without a token and with a docking station's
 * token: "authentication on every endpoint but health", and a station may do nothing but upload.
 * Path parameters are filled from their schema (random UUIDs, 0 for numbers), and requests carry
 * what they need to reach the security check (tus version header, a body of the documented type),
 * so the status seen is the authorization decision, not a protocol error. OPTIONS, which JAX-RS
 * answers by itself on resources without an {@code @OPTIONS} method, is called on every documented
 * path too. Every mismatch is reported at once; every refusal must be in the audit log.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EveryOperationAuthTest {
  @Inject AgroalDataSource db;

  /** Operations anyone may call, with why. */
  static final Map<String, String> PUBLIC =
      Map.of("POST /api/v1/auth/login", "how a user gets a token (@PermitAll)");

  /** Operations a docking station's token may call (besides the public ones), with why. */
  static final Map<String, String> STATION_MAY =
      Map.of(
          "OPTIONS /api/v1/uploads", "tus: capabilities",
          "POST /api/v1/uploads", "tus: create an upload",
          "HEAD /api/v1/uploads/{id}", "tus: offset of its own upload",
          "PATCH /api/v1/uploads/{id}", "tus: append to its own upload",
          "DELETE /api/v1/uploads/{id}", "tus: terminate its own upload",
          "PUT /api/v1/devices/{id}/clock-offset",
              "stations report the clock offset of a docked device of their unit");

  /** One documented operation, with a concrete path. */
  private record Operation(String key, String method, String path, String bodyType) {}

  @Test
  void anonymous_callers_get_401_and_stations_403_on_every_documented_operation() throws Exception {
    String admin = Api.adminToken();
    UUID unit = Api.createUnit(admin, Api.unique("OP"), "全操作单位");
    String station =
        Api.as(admin)
            .body(Map.of("unitId", unit.toString(), "name", "全操作采集站"))
            .post("/api/v1/stations")
            .then()
            .statusCode(201)
            .extract()
            .path("token");
    List<Operation> operations = documentedOperations();
    assertThat(operations).hasSizeGreaterThan(50);
    assertThat(STATION_MAY.keySet())
        .as("station operations that are not documented")
        .isSubsetOf(operations.stream().map(Operation::key).toList());
    assertThat(PUBLIC.keySet())
        .as("public operations that are not documented")
        .isSubsetOf(operations.stream().map(Operation::key).toList());

    List<String> mismatches = new ArrayList<>();
    Map<String, Integer> unauthenticated = new TreeMap<>();
    Map<String, Integer> denied = new TreeMap<>();
    Map<String, Long> before = new TreeMap<>();
    for (Operation op : operations) {
      before.putIfAbsent(
          "access.unauthenticated " + op.path(), count("access.unauthenticated", op.path()));
      before.putIfAbsent("access.denied " + op.path(), count("access.denied", op.path()));
    }
    for (Operation op : operations) {
      boolean open = PUBLIC.containsKey(op.key());
      Response anonymous = call(op, null);
      if (open) {
        if (anonymous.statusCode() == 401 || anonymous.statusCode() == 403) {
          mismatches.add("ANONYMOUS " + op.key() + ": " + anonymous.statusCode() + " (public)");
        }
      } else {
        check(mismatches, "ANONYMOUS", op, anonymous, 401);
        unauthenticated.merge(op.path(), 1, Integer::sum);
      }
      Response asStation = call(op, station);
      if (open || STATION_MAY.containsKey(op.key())) {
        if (asStation.statusCode() == 401 || asStation.statusCode() == 403) {
          mismatches.add(
              "STATION " + op.key() + ": " + asStation.statusCode() + " (a station may call it)");
        }
      } else {
        check(mismatches, "STATION", op, asStation, 403);
        denied.merge(op.path(), 1, Integer::sum);
      }
    }
    // JAX-RS answers OPTIONS by itself (an Allow header) on a resource without an @OPTIONS
    // method; that answer is no resource method, so no @RolesAllowed guards it
    Map<String, String> resources = new TreeMap<>();
    for (Operation op : operations) {
      resources.putIfAbsent(op.key().substring(op.key().indexOf(' ') + 1), op.path());
    }
    for (var resource : resources.entrySet()) {
      String key = "OPTIONS " + resource.getKey();
      if (operations.stream().noneMatch(op -> op.key().equals(key))) {
        Operation implicit =
            new Operation(key + " (implicit)", "OPTIONS", resource.getValue(), null);
        check(mismatches, "ANONYMOUS", implicit, call(implicit, null), 401);
        unauthenticated.merge(implicit.path(), 1, Integer::sum);
      }
    }
    assertThat(mismatches).isEmpty();

    // every refusal is in the audit log, with the path as target
    long deadline = System.currentTimeMillis() + 10_000;
    List<String> unaudited = unaudited(before, unauthenticated, denied);
    while (!unaudited.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      unaudited = unaudited(before, unauthenticated, denied);
    }
    assertThat(unaudited).as("refusals missing from the audit log").isEmpty();
  }

  /**
   * Outside the API: health is public by the product rule; the OpenAPI document and Swagger UI
   * document the API and are public by design (application.properties); metrics need an operator.
   */
  @Test
  void outside_the_api_only_health_and_the_api_documentation_are_public() {
    String admin = Api.adminToken();
    UUID unit = Api.createUnit(admin, Api.unique("OQ"), "运维单位");
    String station =
        Api.as(admin)
            .body(Map.of("unitId", unit.toString(), "name", "运维采集站"))
            .post("/api/v1/stations")
            .then()
            .statusCode(201)
            .extract()
            .path("token");
    for (String path :
        List.of("/q/health", "/q/health/live", "/q/health/ready", "/q/openapi", "/q/swagger-ui/")) {
      // readiness may say 503 while a dependency is away; public means no 401/403
      assertThat(given().get(path).statusCode()).as(path).isNotIn(401, 403);
    }
    given().get("/q/metrics").then().statusCode(401);
    Api.as(station).get("/q/metrics").then().statusCode(403);
    Api.as(admin).get("/q/metrics").then().statusCode(200);
  }

  private void check(
      List<String> mismatches, String caller, Operation op, Response response, int expected) {
    int status = response.statusCode();
    String type = response.contentType();
    if (status != expected) {
      mismatches.add(caller + " " + op.key() + ": " + status + " (expected " + expected + ")");
    } else if (type == null || !type.startsWith("application/problem+json")) {
      mismatches.add(caller + " " + op.key() + ": " + status + " as " + type + ", not a problem");
    }
  }

  private Response call(Operation op, String token) {
    RequestSpecification request = given().redirects().follow(false);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (op.path().startsWith("/api/v1/uploads")) {
      // tus: without the version header the answer would be 412, not the auth decision
      request.header("Tus-Resumable", "1.0.0");
      if (op.method().equals("PATCH")) {
        request.header("Upload-Offset", "0");
      }
      if (op.method().equals("POST")) {
        request.header("Upload-Length", "1");
      }
    }
    if (op.bodyType() != null && op.bodyType().equals("application/json")) {
      request.contentType("application/json").body("{}");
    } else if (op.bodyType() != null && !op.bodyType().equals("*/*")) {
      request.contentType(op.bodyType()).body(new byte[] {1});
    } else if (Set.of("POST", "PUT", "PATCH").contains(op.method())) {
      // without it the HTTP client would declare a form body, which resources consuming JSON
      // refuse (415) before the security check
      request.contentType("application/json");
    }
    return request.request(op.method(), op.path());
  }

  private List<String> unaudited(
      Map<String, Long> before, Map<String, Integer> unauthenticated, Map<String, Integer> denied)
      throws Exception {
    List<String> missing = new ArrayList<>();
    for (var e : unauthenticated.entrySet()) {
      String key = "access.unauthenticated " + e.getKey();
      if (count("access.unauthenticated", e.getKey()) < before.get(key) + e.getValue()) {
        missing.add(key);
      }
    }
    for (var e : denied.entrySet()) {
      String key = "access.denied " + e.getKey();
      if (count("access.denied", e.getKey()) < before.get(key) + e.getValue()) {
        missing.add(key);
      }
    }
    return missing;
  }

  /**
   * Every operation of the OpenAPI document, its path parameters filled in: a random UUID for a
   * {@code uuid} string, {@code 0} for a number.
   */
  @SuppressWarnings("unchecked")
  static List<Operation> documentedOperations() {
    Map<String, Object> doc =
        given().get("/q/openapi?format=json").then().statusCode(200).extract().as(Map.class);
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
    Map<String, Object> schemas =
        (Map<String, Object>)
            ((Map<String, Object>) doc.getOrDefault("components", Map.of()))
                .getOrDefault("schemas", Map.of());
    List<Operation> operations = new ArrayList<>();
    paths.forEach(
        (template, item) ->
            item.forEach(
                (method, value) -> {
                  if (!HTTP_METHODS.contains(method)) {
                    return;
                  }
                  Map<String, Object> operation = (Map<String, Object>) value;
                  List<Map<String, Object>> parameters = new ArrayList<>();
                  parameters.addAll(
                      (List<Map<String, Object>>) item.getOrDefault("parameters", List.of()));
                  parameters.addAll(
                      (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of()));
                  String path = template;
                  for (Map<String, Object> p : parameters) {
                    if ("path".equals(p.get("in"))) {
                      String name = (String) p.get("name");
                      path =
                          path.replace(
                              "{" + name + "}",
                              example(resolve((Map<String, Object>) p.get("schema"), schemas)));
                    }
                  }
                  assertThat(path).as(template + ": unfilled path parameter").doesNotContain("{");
                  String bodyType = null;
                  Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
                  if (body != null) {
                    Map<String, Object> content =
                        (Map<String, Object>) body.getOrDefault("content", Map.of());
                    bodyType =
                        content.containsKey("application/json")
                            ? "application/json"
                            : content.keySet().stream().findFirst().orElse("*/*");
                  }
                  String upper = method.toUpperCase(Locale.ROOT);
                  operations.add(new Operation(upper + " " + template, upper, path, bodyType));
                }));
    return operations;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resolve(Map<String, Object> schema, Map<String, Object> all) {
    Map<String, Object> s = schema == null ? Map.of() : schema;
    Object ref = s.get("$ref");
    if (ref instanceof String r && r.startsWith("#/components/schemas/")) {
      return resolve(
          (Map<String, Object>) all.get(r.substring("#/components/schemas/".length())), all);
    }
    return s;
  }

  private static String example(Map<String, Object> schema) {
    Object type = schema.get("type");
    if ("integer".equals(type) || "number".equals(type)) {
      return "0";
    }
    if ("uuid".equals(schema.get("format"))) {
      return UUID.randomUUID().toString();
    }
    if ("date".equals(schema.get("format"))) {
      return "2026-10-01";
    }
    throw new AssertionError("no example for a path parameter of schema " + schema);
  }

  static final Set<String> HTTP_METHODS =
      Set.of("get", "head", "post", "put", "patch", "delete", "options");

  private long count(String type, String path) {
    return MatrixWorld.auditCount(db, type, path);
  }
}
