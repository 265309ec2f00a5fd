package org.custodia.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import org.custodia.testing.Api;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The metrics and checks an operator alerts on are there, with values, for operators only. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OperatorMetricsTest {

  @Test
  void the_alerting_metrics_are_exposed_with_values() {
    // one refused login so that the counter has a series
    RestAssured.given()
        .contentType("application/json")
        .body("{\"username\":\"nobody-here\",\"password\":\"wrong\"}")
        .post("/api/v1/auth/login")
        .then()
        .statusCode(401);
    String metrics =
        Api.as(Api.adminToken()).get("/q/metrics").then().statusCode(200).extract().asString();
    for (String series :
        List.of(
            "custodia_audit_backlog ",
            "custodia_audit_backlog_oldest_seconds ",
            "custodia_audit_checkpoint_age_seconds ",
            "custodia_audit_tree_size ",
            "custodia_media_jobs{state=\"QUEUED\"}",
            "custodia_media_jobs{state=\"DEAD\"}",
            "custodia_exports{state=\"PENDING_APPROVAL\"}",
            "custodia_exports{state=\"FAILED\"}",
            "custodia_exports_stalled",
            "custodia_receipts_unsigned ",
            "custodia_signing_duration_seconds_count",
            "custodia_signing_tsa_fallbacks_total",
            "custodia_signing_tsa_failures_total",
            "custodia_storage_retries_total",
            "custodia_storage_unavailable_total",
            "custodia_login_refused_total{reason=\"credentials\"}",
            "custodia_login_refused_total{reason=\"throttled\"}",
            "custodia_sha256_accelerated 1.0")) {
      assertThat(metrics).as(series).contains(series);
    }
    assertThat(metrics).doesNotContain("custodia_audit_tree_size NaN");
  }

  @Test
  void wellness_checks_report_the_audit_log_and_the_sha256_path() {
    RestAssured.given()
        .get("/q/health/well")
        .then()
        .statusCode(200)
        .body("checks.name", hasItems("audit-log", "sha256-accelerated"));
  }

  @Test
  void metrics_need_an_operator() {
    RestAssured.given().get("/q/metrics").then().statusCode(401);
  }
}
