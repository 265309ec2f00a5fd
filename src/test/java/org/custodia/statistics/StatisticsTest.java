package org.custodia.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Two units seeded with back-dated records in 2003, a year no other test touches: so the district
 * figures of 2003 are exactly the sums of the two units'.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StatisticsTest {
  static final int YEAR = 2003;
  static String admin;
  static UnitFixture a;
  static UnitFixture b;

  @Inject AgroalDataSource db;

  @BeforeEach
  void world() throws Exception {
    if (admin != null) {
      return;
    }
    admin = Api.adminToken();
    a = new UnitFixture();
    b = new UnitFixture();
    // unit A: two penalties and an inspection in 2003, one penalty decided; one case on the
    // first minute of 2004 in Shanghai (still 2003 in UTC) that must not count
    UUID p1 = kase(a.unit, "PENALTY", "DECIDED", "2003-03-01 10:00+08", "2003-05-02");
    kase(a.unit, "PENALTY", "OPEN", "2003-01-01 00:00+08", null);
    kase(a.unit, "INSPECTION", "REVOKED", "2003-12-31 23:59+08", "2003-12-31");
    kase(a.unit, "INSPECTION", "OPEN", "2004-01-01 00:00+08", null);
    action(p1, "ON_SITE", "2003-03-02 09:00+08");
    action(p1, "HEARING", "2003-04-02 09:00+08");
    action(p1, "HEARING", "2004-01-01 08:00+08");
    // unit B: one licensing case decided, one action
    UUID l1 = kase(b.unit, "LICENSING", "DECIDED", "2003-07-01 10:00+08", "2003-08-01");
    action(l1, "ON_SITE", "2003-07-02 09:00+08");
    // evidence: two uploads of A and one of B back-dated into 2003
    backdate(a.uploadSynthetic(1901, 4096, "application/octet-stream"), "2003-06-01 10:00+08");
    backdate(a.uploadSynthetic(1902, 1000, "application/octet-stream"), "2003-06-02 10:00+08");
    backdate(b.uploadSynthetic(1903, 2048, "application/octet-stream"), "2003-06-03 10:00+08");
  }

  private UUID kase(UUID unit, String type, String status, String created, String decided) {
    UUID id = UUID.randomUUID();
    Jdbc.update(
        db,
        "INSERT INTO enforcement_case (id, unit_id, case_no, type, status, decision_date,"
            + " created_at) VALUES (?, ?, ?, ?, ?, CAST(? AS date), CAST(? AS timestamptz))",
        id,
        unit,
        "ST-" + id,
        type,
        status,
        decided,
        created);
    return id;
  }

  private void action(UUID kase, String type, String from) {
    Jdbc.update(
        db,
        "INSERT INTO case_action (id, case_id, type, from_at, to_at) VALUES (?, ?, ?,"
            + " CAST(? AS timestamptz), CAST(? AS timestamptz) + interval '1 hour')",
        UUID.randomUUID(),
        kase,
        type,
        from,
        from);
  }

  private void backdate(UUID evidence, String at) {
    Jdbc.update(
        db,
        "UPDATE evidence SET recorded_from = CAST(? AS timestamptz) WHERE id = ?",
        at,
        evidence);
  }

  private JsonPath stats(String token, String query) {
    return as(token)
        .get("/api/v1/statistics/" + YEAR + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void a_unit_gets_exact_figures_of_the_year_in_shanghai_time() {
    JsonPath s = stats(admin, "?unitId=" + a.unit);
    assertThat(s.getInt("year")).isEqualTo(YEAR);
    assertThat(s.getBoolean("provisional")).isFalse();
    assertThat(s.getMap("casesByType"))
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("PENALTY", 2, "INSPECTION", 1));
    assertThat(s.getMap("decidedByStatus"))
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("DECIDED", 1, "REVOKED", 1));
    assertThat(s.getMap("actionsByType"))
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("ON_SITE", 1, "HEARING", 1));
    long count = 0;
    long bytes = 0;
    for (Object t : s.getMap("evidenceByKind").values()) {
      count += ((Number) ((java.util.Map<?, ?>) t).get("count")).longValue();
      bytes += ((Number) ((java.util.Map<?, ?>) t).get("bytes")).longValue();
    }
    assertThat(count).isEqualTo(2);
    assertThat(bytes).isEqualTo(5096);
    assertThat(s.getString("rules.casesByType")).contains("created");
    assertThat(UnitFixture.audited(db, "statistics.generated", a.unit)).isPositive();
  }

  @Test
  void the_district_is_the_sum_of_the_units_in_a_year_only_they_touch() {
    JsonPath s = stats(admin, "");
    assertThat(s.getString("unitId")).isNull();
    assertThat(s.getMap("casesByType"))
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of("PENALTY", 2, "INSPECTION", 1, "LICENSING", 1));
    assertThat(s.getMap("decidedByStatus"))
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("DECIDED", 2, "REVOKED", 1));
    assertThat(s.getMap("actionsByType"))
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("ON_SITE", 2, "HEARING", 1));
  }

  @Test
  void an_auditor_of_another_unit_is_denied_and_the_denial_audited() {
    String auditor = b.user("AUDITOR");
    long before = denials();
    as(auditor).get("/api/v1/statistics/" + YEAR + "?unitId=" + a.unit).then().statusCode(404);
    assertThat(denials()).isEqualTo(before + 1);
    // without unitId a unit-bound auditor gets their own unit
    assertThat(stats(auditor, "").getString("unitId")).isEqualTo(b.unit.toString());
    as(b.user("OFFICER")).get("/api/v1/statistics/" + YEAR).then().statusCode(403);
  }

  @Test
  void a_future_year_or_one_before_the_archive_is_refused_naming_the_year() {
    int next = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() + 1;
    as(admin)
        .get("/api/v1/statistics/" + next)
        .then()
        .statusCode(400)
        .contentType(containsString("application/problem+json"))
        .body("detail", containsString("year"));
    as(admin)
        .get("/api/v1/statistics/1990")
        .then()
        .statusCode(400)
        .body("detail", containsString("first record"));
    as(admin)
        .get("/api/v1/statistics/" + (next - 1))
        .then()
        .statusCode(200)
        .body("provisional", equalTo(true));
  }

  @Test
  void the_csv_has_a_bom_crlf_and_the_same_figures() {
    byte[] body =
        as(admin)
            .get("/api/v1/statistics/" + YEAR + ".csv?unitId=" + a.unit)
            .then()
            .statusCode(200)
            .contentType(containsString("text/csv"))
            .extract()
            .asByteArray();
    assertThat(body).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    String text = new String(body, 3, body.length - 3, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).startsWith("执法统计年报,2003,").contains("\r\n");
    assertThat(text.replace("\r\n", "")).doesNotContain("\n");
    java.util.List<String> lines = java.util.List.of(text.split("\r\n"));
    assertThat(lines).contains("案件（按类型）", "项目,数量", "PENALTY,2", "INSPECTION,1", "HEARING,1");
    assertThat(lines).contains("类别,数量,字节数");
    String english =
        as(admin)
            .get("/api/v1/statistics/" + YEAR + ".csv?lang=en&unitId=" + a.unit)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(english).contains("Cases by type\r\nkey,count\r\n");
  }

  private long denials() {
    return Jdbc.one(
            db,
            "SELECT count(*) FROM audit_entry WHERE event_type = 'access.denied'",
            rs -> rs.getLong(1))
        .orElseThrow();
  }
}
