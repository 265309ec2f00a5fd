package org.custodia.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The figures of two units seeded by {@link StatisticsWorld} in 2003, a year no other test touches:
 * so the district figures of 2003 are exactly the sums of the two units', and every expected total
 * below is counted by hand from the seed (its comments say which record lands where).
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StatisticsTest {
  static final int YEAR = StatisticsWorld.YEAR;
  StatisticsWorld w;
  String admin;
  UnitFixture a;
  UnitFixture b;

  @Inject AgroalDataSource db;
  @Inject org.custodia.disclosure.DisclosureService disclosures;
  @Inject org.custodia.dossier.YearFigures figures;

  @BeforeEach
  void world() throws Exception {
    w = StatisticsWorld.get(db);
    admin = w.admin;
    a = w.a;
    b = w.b;
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
    assertThat(s.getString("asOf")).isEqualTo("2003-12-31");
    assertThat(s.getMap("casesByType"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("PENALTY", 3, "INSPECTION", 1, "COERCIVE_MEASURE", 1));
    assertThat(s.getMap("casesByOutcome"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("DECIDED", 3, "OPEN", 1, "REVOKED", 1));
    // the coercive measure closed in January 2004 counts as it stood at year end: DECIDED
    assertThat(s.getMap("decidedByStatus"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("DECIDED", 3, "REVOKED", 1));
    assertThat(s.getMap("actionsByType"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("ON_SITE", 1, "HEARING", 1));
    assertThat(s.getMap("evidenceByKind"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "VIDEO", Map.of("count", 1, "bytes", 4096),
                "AUDIO", Map.of("count", 1, "bytes", 1000),
                "DOCUMENT", Map.of("count", 1, "bytes", 500)));
    recordings(s, 2, 5096, 1, 1, 5_400_000, 1.5);
    assertThat(s.getMap("documents")).containsExactlyInAnyOrderEntriesOf(tally(1, 500));
    // the warning acknowledged and resolved only in 2004 is unacknowledged and open at year end
    assertThat(s.getList("findings"))
        .containsExactly(
            finding("coverage-gap", "VIOLATION", 2, 1, 1),
            finding("officer-not-certified", "WARNING", 1, 0, 1));
    // the FAIL was replaced by its correction (PASS); the EXCELLENT was given in 2004
    assertThat(s.getMap("grades")).containsExactlyEntriesOf(grades(0, 1, 1, 0));
    // on time: the penalty of 2 May; missing: the penalty of 2 June; unknown: the two December
    // decisions of 20 working days, whose deadline lies in 2004, a year the calendar lacks
    assertThat(s.getMap("disclosure")).containsExactlyEntriesOf(timeliness(1, 0, 1, 0, 2));
    // GREEN (turned RED only in 2004), EXPIRED (valid until June), RED (since October)
    assertThat(s.getMap("certificatesByUnit"))
        .isEqualTo(Map.of(a.unit.toString(), Map.of("GREEN", 1, "RED", 1, "EXPIRED", 1)));
    assertThat(s.getString("versions.complianceRules")).isEqualTo("2026.1");
    assertThat(s.getString("versions.disclosureRules")).isEqualTo("2026.1");
    assertThat(s.getMap("versions.calendarYears")).containsEntry("2003", 1).containsKey("2026");
    assertThat(s.getMap("rules"))
        .containsKeys(
            "casesByOutcome",
            "recordings",
            "documents",
            "findings",
            "grades",
            "disclosure",
            "certificatesByUnit",
            "versions");
    assertThat(s.getString("rules.casesByType")).contains("created");
    assertThat(UnitFixture.audited(db, "statistics.generated", a.unit)).isPositive();
  }

  @Test
  void another_unit_gets_its_own_exact_figures() {
    JsonPath s = stats(admin, "?unitId=" + b.unit);
    assertThat(s.getMap("casesByType"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("LICENSING", 1, "PENALTY", 1, "INSPECTION", 1));
    assertThat(s.getMap("casesByOutcome"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("DECIDED", 2, "CLOSED", 1));
    assertThat(s.getMap("decidedByStatus"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("DECIDED", 2));
    recordings(s, 1, 2048, 1, 0, 1_800_000, 0.5);
    assertThat(s.getMap("documents")).containsExactlyInAnyOrderEntriesOf(tally(0, 0));
    assertThat(s.getList("findings"))
        .containsExactly(finding("officer-not-certified", "WARNING", 1, 0, 1));
    assertThat(s.getMap("grades")).containsExactlyEntriesOf(grades(1, 0, 0, 0));
    // late: licensing due 12 August, disclosed 15 September; missing: the penalty due 30
    // December disclosed only on 2 January 2004
    assertThat(s.getMap("disclosure")).containsExactlyEntriesOf(timeliness(0, 1, 1, 0, 0));
    // the officer registered in 2004 is not counted
    assertThat(s.getMap("certificatesByUnit"))
        .isEqualTo(Map.of(b.unit.toString(), Map.of("GREEN", 1)));
  }

  @Test
  void the_district_is_the_sum_of_the_units_in_a_year_only_they_touch() {
    JsonPath s = stats(admin, "");
    assertThat(s.getString("unitId")).isNull();
    assertThat(s.getMap("casesByType"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("PENALTY", 4, "INSPECTION", 2, "COERCIVE_MEASURE", 1, "LICENSING", 1));
    assertThat(s.getMap("casesByOutcome"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("DECIDED", 5, "OPEN", 1, "REVOKED", 1, "CLOSED", 1));
    assertThat(s.getMap("decidedByStatus"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("DECIDED", 5, "REVOKED", 1));
    assertThat(s.getMap("actionsByType"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("ON_SITE", 2, "HEARING", 1));
    recordings(s, 3, 7144, 2, 1, 7_200_000, 2.0);
    assertThat(s.getMap("documents")).containsExactlyInAnyOrderEntriesOf(tally(1, 500));
    assertThat(s.getList("findings"))
        .containsExactly(
            finding("coverage-gap", "VIOLATION", 2, 1, 1),
            finding("officer-not-certified", "WARNING", 2, 0, 2));
    assertThat(s.getMap("grades")).containsExactlyEntriesOf(grades(1, 1, 1, 0));
    assertThat(s.getMap("disclosure")).containsExactlyEntriesOf(timeliness(1, 1, 2, 0, 2));
    assertThat(s.getMap("certificatesByUnit"))
        .isEqualTo(
            Map.of(
                a.unit.toString(),
                Map.of("GREEN", 1, "RED", 1, "EXPIRED", 1),
                b.unit.toString(),
                Map.of("GREEN", 1)));
  }

  @Test
  void a_decision_whose_deadline_lies_after_the_day_asked_is_not_yet_due() {
    // as of Thu 5 June 2003: the penalty of 2 May disclosed on 9 May (due 13 May) on time, the
    // penalty of 2 June due 11 June not yet due; the December decisions are not yet decided
    Map<org.custodia.disclosure.DisclosureStatus, Long> asOfJune =
        disclosures.timeliness(
            figures.decisionsIn(
                a.unit,
                LocalDate.of(2003, 1, 1),
                LocalDate.of(2003, 6, 5),
                java.time.Instant.parse("2003-06-05T16:00:00Z")),
            LocalDate.of(2003, 6, 5));
    assertThat(asOfJune)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                org.custodia.disclosure.DisclosureStatus.ON_TIME,
                1L,
                org.custodia.disclosure.DisclosureStatus.DUE,
                1L));
  }

  @Test
  void a_decision_date_corrected_later_counts_where_it_stood_at_the_end_asked() {
    // a unit of its own, in November 2026 (no other test counts it): decided on 2 November,
    // corrected on 25 November to 20 November, never disclosed
    UUID unit =
        org.custodia.testing.Api.createUnit(admin, org.custodia.testing.Api.unique("SH"), "更正单位");
    UUID kase = UUID.randomUUID();
    org.custodia.support.Jdbc.update(
        db,
        "INSERT INTO enforcement_case (id, unit_id, case_no, type, status, decision_date,"
            + " created_at) VALUES (?, ?, ?, 'PENALTY', 'DECIDED', DATE '2026-11-20', now())",
        kase,
        unit,
        "SH-" + kase);
    org.custodia.support.Jdbc.update(
        db,
        "INSERT INTO case_status_event (id, case_id, from_status, to_status, from_decision_date,"
            + " to_decision_date, changed_at) VALUES (?, ?, 'DECIDED', 'DECIDED', DATE"
            + " '2026-11-02', DATE '2026-11-20', TIMESTAMPTZ '2026-11-25 10:00+08')",
        UUID.randomUUID(),
        kase);
    LocalDate from = LocalDate.of(2026, 11, 1);
    LocalDate to = LocalDate.of(2026, 11, 10);
    LocalDate day = LocalDate.of(2026, 11, 24);
    java.time.Instant endOfDay = java.time.Instant.parse("2026-11-24T16:00:00Z");
    // as it stood on 24 November: decided on 2 November, due 11 November, not disclosed
    assertThat(disclosures.timeliness(figures.decisionsIn(unit, from, to, endOfDay), day))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(org.custodia.disclosure.DisclosureStatus.OVERDUE, 1L));
    // as it stands now, its decision lies outside those ten days
    assertThat(
            disclosures.timeliness(
                figures.decisionsIn(unit, from, to, java.time.Instant.now()), day))
        .isEmpty();
  }

  @Test
  void an_auditor_of_another_unit_is_denied_and_the_denial_audited() {
    String auditor = b.user("AUDITOR");
    long before = w.denials();
    as(auditor).get("/api/v1/statistics/" + YEAR + "?unitId=" + a.unit).then().statusCode(404);
    assertThat(w.denials()).isEqualTo(before + 1);
    // without unitId a unit-bound auditor gets their own unit
    JsonPath own = stats(auditor, "");
    assertThat(own.getString("unitId")).isEqualTo(b.unit.toString());
    assertThat(own.getMap("grades")).containsEntry("EXCELLENT", 1);
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
        .body("provisional", equalTo(true))
        .body("asOf", equalTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).toString()));
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
    String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    assertThat(text).startsWith("执法统计年报,2003,").contains("\r\n");
    assertThat(text.replace("\r\n", "")).doesNotContain("\n");
    List<String> lines = List.of(text.split("\r\n"));
    assertThat(lines).contains("案件（按类型）", "项目,数量", "PENALTY,3", "INSPECTION,1", "HEARING,1");
    assertThat(lines).contains("类别,数量,字节数");
    assertThat(text)
        .contains("案件（按结果）\r\n项目,数量\r\nDECIDED,3\r\nOPEN,1\r\nREVOKED,1\r\n")
        .contains("录音录像\r\n数量,字节数,已知时长,时长不明,时长（毫秒）,时长（小时）\r\n2,5096,1,1,5400000,1.5\r\n")
        .contains("文书\r\n数量,字节数\r\n1,500\r\n")
        .contains(
            "合规问题（按规则和严重程度）\r\n规则,严重程度,发现,年末已说明,年末未解决\r\n"
                + "coverage-gap,VIOLATION,2,1,1\r\nofficer-not-certified,WARNING,1,0,1\r\n")
        .contains("评查等次\r\n项目,数量\r\nEXCELLENT,0\r\nGOOD,1\r\nPASS,1\r\nFAIL,0\r\n")
        .contains(
            "公示及时性\r\n项目,数量\r\nON_TIME,1\r\nLATE,0\r\nMISSING,1\r\nNOT_YET_DUE,0\r\n"
                + "UNKNOWN,2\r\n")
        .contains(
            "执法证状态（年末）\r\n单位,状态,人数\r\n"
                + a.unit
                + ",GREEN,1\r\n"
                + a.unit
                + ",RED,1\r\n"
                + a.unit
                + ",EXPIRED,1\r\n")
        .contains("版本\r\n项目,版本\r\ncomplianceRules,2026.1\r\ndisclosureRules,2026.1\r\n")
        .contains("calendar 2003,1\r\n");
    String english =
        as(admin)
            .get("/api/v1/statistics/" + YEAR + ".csv?lang=en&unitId=" + a.unit)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(english)
        .contains("Cases by type\r\nkey,count\r\n")
        .contains(
            "Recordings\r\ncount,bytes,with duration,duration unknown,duration (ms),hours\r\n");
  }

  private static void recordings(
      JsonPath s, int count, int bytes, int probed, int unknown, int ms, double hours) {
    assertThat(s.getMap("recordings"))
        .containsEntry("count", count)
        .containsEntry("bytes", bytes)
        .containsEntry("probed", probed)
        .containsEntry("durationUnknown", unknown)
        .containsEntry("durationMs", ms);
    assertThat(s.getDouble("recordings.hours")).isEqualTo(hours);
  }

  private static Map<String, Object> tally(int count, int bytes) {
    return Map.of("count", count, "bytes", bytes);
  }

  private static Map<String, Object> finding(
      String rule, String severity, int found, int acknowledged, int open) {
    return Map.of(
        "rule",
        rule,
        "severity",
        severity,
        "found",
        found,
        "acknowledged",
        acknowledged,
        "open",
        open);
  }

  private static Map<String, Object> grades(int excellent, int good, int pass, int fail) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("EXCELLENT", excellent);
    m.put("GOOD", good);
    m.put("PASS", pass);
    m.put("FAIL", fail);
    return m;
  }

  private static Map<String, Object> timeliness(
      int onTime, int late, int missing, int notYetDue, int unknown) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("ON_TIME", onTime);
    m.put("LATE", late);
    m.put("MISSING", missing);
    m.put("NOT_YET_DUE", notYetDue);
    m.put("UNKNOWN", unknown);
    return m;
  }
}
