package org.custodia.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.custodia.testing.Api;
import org.custodia.testing.EmbeddedServicesResource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload spool's free space: a readiness check and a gauge. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SpoolHealthTest {
  @Inject IngestConfig config;

  @Test
  void readiness_reports_the_spools_free_space_and_the_minimum() {
    String spool = EmbeddedServicesResource.dataDir().resolve("spool").toString();
    Map<String, Object> check =
        given()
            .get("/q/health/ready")
            .then()
            .statusCode(200)
            .extract()
            .path("checks.find { it.name == 'upload-spool' }");
    assertThat(check).containsEntry("status", "UP");
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) check.get("data");
    assertThat(data).containsEntry("path", spool);
    assertThat(((Number) data.get("minimumFreeBytes")).longValue())
        .isEqualTo(config.spoolMinFree())
        .as("default: 1 GiB")
        .isEqualTo(1L << 30);
    assertThat(((Number) data.get("freeBytes")).longValue()).isPositive();
    String metrics =
        Api.as(Api.adminToken()).get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics).containsPattern("(?m)^custodia_ingest_spool_free_bytes [0-9.E]+$");
  }

  @Test
  void the_spool_is_down_below_the_minimum_free_space(@TempDir Path dir) throws Exception {
    Spool spool = new Spool(dir);

    HealthCheckResponse enough = new SpoolHealthCheck(spool, 1).call();
    assertThat(enough.getName()).isEqualTo("upload-spool");
    assertThat(enough.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(enough.getData().orElseThrow())
        .containsEntry("path", dir.toString())
        .containsEntry("minimumFreeBytes", 1L)
        .containsKey("freeBytes");

    HealthCheckResponse tooLittle = new SpoolHealthCheck(spool, Long.MAX_VALUE).call();
    assertThat(tooLittle.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(tooLittle.getData().orElseThrow())
        .containsEntry("minimumFreeBytes", Long.MAX_VALUE)
        .containsEntry("path", dir.toString());
    assertThat((Long) tooLittle.getData().orElseThrow().get("freeBytes")).isPositive();
  }

  @Test
  void a_spool_that_cannot_be_read_is_down(@TempDir Path dir) throws Exception {
    Spool spool = new Spool(dir.resolve("spool"));
    Files.delete(dir.resolve("spool"));
    HealthCheckResponse gone = new SpoolHealthCheck(spool, 1).call();
    assertThat(gone.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(gone.getData().orElseThrow()).containsKey("error");
  }
}
