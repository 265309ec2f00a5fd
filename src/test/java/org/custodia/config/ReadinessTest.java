package org.custodia.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.custodia.testing.EmbeddedServicesResource;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadinessTest {

  @Test
  void readiness_goes_down_while_the_object_store_is_away_and_up_when_it_returns() {
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

    EmbeddedServicesResource.s3().stop();
    try {
      awaitReadiness(503);
      given()
          .get("/q/health/ready")
          .then()
          .body("checks.find { it.name == 'object-store' }.status", equalTo("DOWN"));
      // the service itself keeps running meanwhile
      given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
      given()
          .contentType("application/json")
          .body(
              "{\"username\":\"admin\",\"password\":\""
                  + EmbeddedServicesResource.ADMIN_PASSWORD
                  + "\"}")
          .post("/api/v1/auth/login")
          .then()
          .statusCode(200);
    } finally {
      EmbeddedServicesResource.s3().start();
    }
    awaitReadiness(200);
    given().get("/q/health/ready").then().body("checks.name", hasItem("object-store"));
  }

  @Test
  void readiness_reports_whether_object_lock_is_enforced() {
    // S3Proxy answers 501 to Object Lock: the probe must say so rather than assume
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'object-store' }.data.objectLockEnforced", equalTo(false));
  }

  @Test
  void health_needs_no_authentication_but_metrics_do() {
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(401);
  }

  private static void awaitReadiness(int status) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    int last = -1;
    while (Instant.now().isBefore(deadline)) {
      last = given().get("/q/health/ready").then().extract().statusCode();
      if (last == status) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("readiness stayed " + last + ", expected " + status);
  }
}
