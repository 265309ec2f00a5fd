package org.custodia.config;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.custodia.testing.Api;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Refusals of the HTTP layer itself are problems too, never empty bodies. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HttpLayerProblemsTest {

  @Test
  void a_uri_too_long_is_a_414_problem() {
    RestAssured.given()
        .urlEncodingEnabled(false)
        .get("/api/v1/units?q=" + "a".repeat(5000))
        .then()
        .statusCode(414)
        .contentType("application/problem+json")
        .body("type", equalTo("https://custodia.example/problems/uri-too-long"));
  }

  @Test
  void headers_too_large_are_a_431_problem() {
    RestAssured.given()
        .header("X-Padding", "a".repeat(25_000))
        .get("/api/v1/units")
        .then()
        .statusCode(431)
        .contentType("application/problem+json")
        .body("type", equalTo("https://custodia.example/problems/headers-too-large"));
  }

  @Test
  void a_body_too_large_is_a_413_problem() {
    Api.as(Api.adminToken())
        .body("{\"code\":\"" + "a".repeat(1_100_000) + "\"}")
        .post("/api/v1/units")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("type", equalTo("https://custodia.example/problems/body-too-large"));
  }
}
