package org.custodia.fixity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scheduler itself starts the full scan (a fresh archive, a full-scan period of 15 s, a tick a
 * second): the run it started completes; then, with more bytes than the rate limit lets it read
 * within the period, it reports that it cannot meet the period — log line, metric, health detail.
 */
@QuarkusTest
@TestProfile(FixitySchedulerTest.Scheduled.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FixitySchedulerTest {
  static final long MAX = 100_000;
  private static final Pattern BEHIND =
      Pattern.compile("(?m)^custodia_fixity_behind(?:\\{[^}]*\\})? (\\S+)$");

  /** Scheduled full scans every 15 s, at most 100 kB/s. */
  public static class Scheduled implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "custodia.fixity.scheduled", "true",
          "custodia.fixity.schedule-every", "1s",
          "custodia.fixity.full-scan-period", "PT15S",
          "custodia.fixity.max-bytes-per-second", Long.toString(MAX));
    }
  }

  static UnitFixture f;

  @Test
  @Order(1)
  void the_scheduler_starts_a_full_scan_by_itself_and_it_completes() throws Exception {
    f = new UnitFixture();
    UUID small = f.uploadSynthetic(2501, 40_000, "application/pdf");
    Instant uploaded = Instant.now();
    // nobody requests a run: the scheduler's own, started after the upload, completes
    JsonPath done = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (done == null) {
      assertThat(System.nanoTime()).as("a scheduled scan done").isLessThan(deadline);
      for (Map<String, Object> r : runs()) {
        if (Boolean.TRUE.equals(r.get("scheduled"))
            && "DONE".equals(r.get("state"))
            && Instant.parse((String) r.get("createdAt")).isAfter(uploaded)) {
          done = run(UUID.fromString((String) r.get("id")));
          break;
        }
      }
      Thread.sleep(250);
    }
    assertThat(done.getString("scope")).isEqualTo("ALL");
    assertThat(done.getString("requestedBy")).isNull();
    assertThat(done.getLong("progress.objectsDone"))
        .isEqualTo(done.getLong("progress.objectsTotal"))
        .isGreaterThanOrEqualTo(1);
    List<Map<String, Object>> report = done.getList("report");
    assertThat(report)
        .anySatisfy(
            l -> {
              assertThat(l).containsEntry("target", "ORIGINAL");
              assertThat(l).containsEntry("evidenceId", small.toString());
              assertThat(l).containsEntry("result", "OK");
            });
    assertThat(
            Instant.parse(done.getString("finishedAt"))
                .isBefore(Instant.parse(done.getString("createdAt")).plusSeconds(15)))
        .as("finished within its period")
        .isTrue();
    assertThat(health().getBoolean("behind")).isFalse();
  }

  @Test
  @Order(2)
  void with_more_bytes_than_the_rate_limit_reads_in_a_period_it_reports_that_it_cannot_keep_it()
      throws Exception {
    Queue<LogRecord> warnings = new ConcurrentLinkedQueue<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()
                && FixityPace.class.getName().equals(record.getLoggerName())) {
              warnings.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.addHandler(capture);
    try {
      // 3 MB: 200 kB/s to re-hash within 15 s, twice the limit
      f.uploadSynthetic(2502, 3_000_000, "application/pdf");
      JsonPath h = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (h == null || !h.getBoolean("behind")) {
        assertThat(System.nanoTime()).as("the scan reported behind").isLessThan(deadline);
        Thread.sleep(250);
        h = health();
      }
      assertThat(h.getLong("maxBytesPerSecond")).isEqualTo(MAX);
      assertThat(h.getLong("requiredBytesPerSecond")).isGreaterThan(MAX);
      assertThat(h.getString("fullScanPeriod")).isEqualTo("PT15S");
      assertThat(h.getString("scanDeadline")).isNotNull();
      String metrics = as(f.admin).get("/q/metrics").then().statusCode(200).extract().asString();
      Matcher m = BEHIND.matcher(metrics);
      assertThat(m.find()).as(metrics).isTrue();
      assertThat(Double.parseDouble(m.group(1))).isEqualTo(1.0);
      assertThat(warnings)
          .extracting(r -> formatted(r))
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("fixity: the scheduled full scan ")
                      .containsAnyOf("cannot finish within PT15S", "did not finish within"));
    } finally {
      root.removeHandler(capture);
    }
  }

  private static String formatted(LogRecord r) {
    Object[] p = r.getParameters();
    return p == null || p.length == 0 ? r.getMessage() : String.format(r.getMessage(), p);
  }

  private static List<Map<String, Object>> runs() {
    return as(f.admin)
        .get("/api/v1/fixity/runs?limit=50")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
  }

  private static JsonPath run(UUID id) {
    return as(f.admin).get("/api/v1/fixity/runs/" + id).then().statusCode(200).extract().jsonPath();
  }

  private static JsonPath health() {
    return JsonPath.from(
            RestAssured.given().get("/q/health/ready").then().extract().jsonPath().prettify())
        .setRootPath("checks.find { it.name == 'fixity' }.data");
  }
}
