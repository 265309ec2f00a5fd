package org.custodia.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.custodia.testing.Api;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ProblemDetailsTest {

  @Test
  void invalid_fields_are_named_in_a_problem() {
    Api.as(Api.adminToken())
        .body(Map.of("code", "bad code with spaces", "name", ""))
        .post("/api/v1/units")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("https://custodia.example/problems/invalid-request"))
        .body("title", equalTo("Invalid request"))
        .body("errors.field", hasItem("code"))
        .body("errors.field", hasItem("name"));
  }

  @Test
  void malformed_json_is_a_400_without_internals() {
    Api.as(Api.adminToken())
        .body("{\"code\": ")
        .post("/api/v1/units")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(not(containsString("Exception")))
        .body(not(containsString("jackson")))
        .body(not(containsString("at org.")));
  }

  @Test
  void a_wrongly_typed_field_is_named() {
    Api.as(Api.adminToken())
        .body("{\"username\":\"someone\",\"password\":\"long-enough-password\",\"role\":\"KING\"}")
        .post("/api/v1/users")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo("role"))
        .body(not(containsString("org.custodia")));
  }

  @Test
  void a_unit_scoped_role_without_unit_is_refused_with_the_field() {
    Api.as(Api.adminToken())
        .body(Map.of("username", Api.unique("nounit"), "password", Api.PASSWORD, "role", "OFFICER"))
        .post("/api/v1/users")
        .then()
        .statusCode(400)
        .body("field", equalTo("unitId"));
  }

  @Test
  void a_duplicate_is_a_409_naming_the_field() {
    String admin = Api.adminToken();
    String code = Api.unique("DUP");
    Api.createUnit(admin, code, "第一");
    Api.as(admin)
        .body(Map.of("code", code, "name", "第二"))
        .post("/api/v1/units")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("field", equalTo("code"));
  }

  @Test
  void unknown_paths_and_ids_are_404_problems() {
    String admin = Api.adminToken();
    Api.as(admin)
        .get("/api/v1/units/00000000-0000-7000-8000-000000000000")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    Api.as(admin)
        .get("/api/v1/units/not-a-uuid")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    Api.as(admin)
        .get("/api/v1/no-such-thing")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void bad_pagination_parameters_are_400() {
    String admin = Api.adminToken();
    Api.as(admin)
        .get("/api/v1/units?limit=0")
        .then()
        .statusCode(400)
        .body("field", equalTo("limit"));
    Api.as(admin)
        .get("/api/v1/units?cursor=%%%")
        .then()
        .statusCode(400)
        .body("field", equalTo("cursor"));
  }

  @Test
  void keyset_pagination_walks_every_record_once() {
    String admin = Api.adminToken();
    for (int i = 0; i < 5; i++) {
      Api.createUnit(admin, Api.unique("PG"), "分页" + i);
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      var page =
          Api.as(admin)
              .queryParam("limit", 2)
              .queryParam("cursor", cursor == null ? "" : cursor)
              .get("/api/v1/units")
              .then()
              .statusCode(200)
              .extract();
      java.util.List<String> ids = page.path("items.id");
      org.assertj.core.api.Assertions.assertThat(ids).hasSizeLessThanOrEqualTo(2);
      for (String id : ids) {
        org.assertj.core.api.Assertions.assertThat(seen.add(id)).as("seen twice: " + id).isTrue();
      }
      cursor = page.path("nextCursor");
      pages++;
    } while (cursor != null && pages < 1000);
    org.assertj.core.api.Assertions.assertThat(seen).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void openapi_documents_the_endpoints_and_swagger_ui_is_served() {
    given()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/auth/login"))
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/units"))
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/stations/{id}/token"))
        .body("components.securitySchemes", org.hamcrest.Matchers.hasKey("bearer"));
    given().get("/q/swagger-ui/").then().statusCode(200);
  }

  @Test
  void every_response_carries_a_request_id() {
    given()
        .header("X-Request-Id", "trace-1234567")
        .get("/q/health/live")
        .then()
        .header("X-Request-Id", "trace-1234567");
    given()
        .header("X-Request-Id", "bad id\twith tabs")
        .get("/q/health/live")
        .then()
        .header("X-Request-Id", not(equalTo("bad id\twith tabs")));
  }
}
