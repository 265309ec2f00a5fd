package org.custodia.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The working-day arithmetic over the bundled State Council notices. Every expected date was
 * counted by hand against the notice named in the bundled file (its {@code papers} address): the
 * start day is not counted (《行政处罚法》第八十五条), so N working days from a date is the Nth working day
 * after it.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CalendarTest {
  @Inject AgroalDataSource db;

  private String officer;
  private String admin;

  @BeforeEach
  void setUp() {
    admin = Api.adminToken();
    String name = Api.unique("cal");
    Api.createUser(admin, name, "OFFICER", Api.createUnit(admin, Api.unique("C"), "日历单位"));
    officer = Api.login(name, Api.PASSWORD);
  }

  private JsonPath count(String from, int add) {
    return Api.as(officer)
        .get("/api/v1/calendar/working-days?from=" + from + "&add=" + add)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void seven_working_days_from_the_eve_of_national_day_2026_count_its_adjusted_saturday() {
    // 国办发明电〔2025〕7号: 10月1日至7日放假调休，共7天；9月20日（周日）、10月10日（周六）上班。
    // From Wed 30 Sep: Thu 8 Oct (1), Fri 9 (2), Sat 10 调休 (3), Mon 12 (4) … Thu 15 (7).
    JsonPath c = count("2026-09-30", 7);
    assertThat(c.getBoolean("covered")).isTrue();
    assertThat(c.getString("due")).isEqualTo("2026-10-15");
    assertThat(c.getList("skipped.date"))
        .containsExactly(
            "2026-10-01",
            "2026-10-02",
            "2026-10-03",
            "2026-10-04",
            "2026-10-05",
            "2026-10-06",
            "2026-10-07",
            "2026-10-11");
    assertThat(c.getList("skipped.reason")).containsOnly("HOLIDAY", "WEEKEND");
    assertThat(c.getString("skipped[0].holiday")).isEqualTo("国庆节");
    assertThat(c.getList("adjustedWorkingDays.date")).containsExactly("2026-10-10");
    assertThat(c.getString("adjustedWorkingDays[0].dayOfWeek")).isEqualTo("SATURDAY");
  }

  @Test
  void across_spring_festival_2025_both_adjusted_days_count() {
    // 2025 notice: 1月28日（除夕）至2月4日放假调休，共8天；1月26日（周日）、2月8日（周六）上班。
    // From Fri 24 Jan: Sun 26 调休 (1), Mon 27 (2), Wed 5 Feb (3), Thu 6 (4), Fri 7 (5), Sat 8 (6).
    JsonPath c = count("2025-01-24", 6);
    assertThat(c.getString("due")).isEqualTo("2025-02-08");
    assertThat(c.getList("adjustedWorkingDays.date")).containsExactly("2025-01-26", "2025-02-08");
    assertThat(c.getList("skipped.date"))
        .containsExactly(
            "2025-01-25",
            "2025-01-28",
            "2025-01-29",
            "2025-01-30",
            "2025-01-31",
            "2025-02-01",
            "2025-02-02",
            "2025-02-03",
            "2025-02-04");
  }

  @Test
  void across_the_year_boundary_new_year_2026_and_its_adjusted_sunday() {
    // 2026 notice: 元旦1月1日至3日放假调休，共3天；1月4日（周日）上班。
    // From Thu 25 Dec 2025: 26 (1), 29 (2), 30 (3), 31 (4), Sun 4 Jan 调休 (5), 5–9 Jan (6–10).
    JsonPath c = count("2025-12-25", 10);
    assertThat(c.getString("due")).isEqualTo("2026-01-09");
    assertThat(c.getList("skipped.date"))
        .containsExactly("2025-12-27", "2025-12-28", "2026-01-01", "2026-01-02", "2026-01-03");
    assertThat(c.getList("adjustedWorkingDays.date")).containsExactly("2026-01-04");
  }

  @Test
  void the_start_day_is_not_counted() {
    // Fri 6 Mar 2026 + 1 → Mon 9 Mar; Thu 30 Apr 2026 + 1 → Wed 6 May (劳动节 1–5 May).
    assertThat(count("2026-03-06", 1).getString("due")).isEqualTo("2026-03-09");
    JsonPath mayDay = count("2026-04-30", 1);
    assertThat(mayDay.getString("due")).isEqualTo("2026-05-06");
    assertThat(mayDay.getList("skipped.holiday")).containsOnly("劳动节");
    // a working day as start: Mon 9 Mar + 1 is Tue 10 Mar, not the 9th itself
    assertThat(count("2026-03-09", 1).getString("due")).isEqualTo("2026-03-10");
  }

  @Test
  void a_day_says_why_it_is_or_is_not_a_working_day() {
    day("2026-02-17", true, false, "HOLIDAY", "春节");
    day("2026-02-28", true, true, "ADJUSTED_WORKING_DAY", "春节");
    day("2026-03-07", true, false, "WEEKEND", null);
    day("2026-03-09", true, true, "WEEKDAY", null);
    day("2031-03-10", false, null, "UNKNOWN", null);
  }

  private void day(String date, boolean covered, Boolean working, String reason, String holiday) {
    Api.as(officer)
        .get("/api/v1/calendar/" + date)
        .then()
        .statusCode(200)
        .body("date", equalTo(date))
        .body("covered", equalTo(covered))
        .body("workingDay", working == null ? nullValue() : equalTo(working))
        .body("reason", equalTo(reason))
        .body("holiday", holiday == null ? nullValue() : equalTo(holiday));
  }

  @Test
  void a_count_into_a_year_not_covered_is_unknown_never_guessed() {
    JsonPath c = count("2031-03-07", 1);
    assertThat(c.getBoolean("covered")).isFalse();
    assertThat(c.getString("due")).isNull();
    assertThat(c.getInt("uncoveredYear")).isEqualTo(2031);
    // a count from a covered year that runs into one not covered names the year it needed
    JsonPath end = count("2026-12-28", 10);
    assertThat(end.getBoolean("covered")).isFalse();
    assertThat(end.getInt("uncoveredYear")).isEqualTo(2027);
  }

  @Test
  void bad_counts_and_dates_are_problems_naming_the_parameter() {
    Map<String, String> fieldOf = new java.util.LinkedHashMap<>();
    fieldOf.put("from=2026-09-30&add=-1", "add");
    fieldOf.put("from=2026-09-30&add=0", "add");
    fieldOf.put("from=2026-09-30&add=abc", "add");
    fieldOf.put("from=2026-09-30&add=367", "add");
    fieldOf.put("from=2026-09-30&add=99999999999", "add");
    fieldOf.put("from=2026-09-30", "add");
    fieldOf.put("from=2026-02-30&add=1", "from");
    fieldOf.put("from=yesterday&add=1", "from");
    fieldOf.put("add=1", "from");
    fieldOf.forEach(
        (query, field) ->
            Api.as(officer)
                .get("/api/v1/calendar/working-days?" + query)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://custodia.example/problems/invalid-request"))
                .body("field", equalTo(field)));
    // the largest count allowed is answered
    assertThat(count("2025-01-01", 366).getBoolean("covered")).isTrue();
    Api.as(officer)
        .get("/api/v1/calendar/2026-13-01")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  /** A notice as an administrator would enter it; test data, not the real 2030 notice. */
  private static Map<String, Object> notice2030(String reason) {
    List<Map<String, Object>> days =
        List.of(
            Map.of("date", "2030-10-01", "name", "国庆节", "offDay", true),
            Map.of("date", "2030-10-02", "name", "国庆节", "offDay", true),
            Map.of("date", "2030-10-03", "name", "国庆节", "offDay", true),
            Map.of("date", "2030-10-04", "name", "国庆节", "offDay", true),
            Map.of("date", "2030-10-05", "name", "国庆节", "offDay", true),
            Map.of("date", "2030-10-06", "name", "国庆节", "offDay", true),
            Map.of("date", "2030-10-07", "name", "国庆节", "offDay", true),
            Map.of("date", "2030-09-29", "name", "国庆节", "offDay", false),
            Map.of("date", "2030-10-12", "name", "国庆节", "offDay", false));
    return reason == null
        ? Map.of("source", "https://www.gov.cn/zhengce/2030-notice.htm", "days", days)
        : Map.of(
            "source", "https://www.gov.cn/zhengce/2030-notice.htm", "days", days, "reason", reason);
  }

  @Test
  void an_administrator_adds_a_year_audited_and_the_answer_becomes_known() {
    assertThat(count("2030-09-30", 1).getBoolean("covered")).isFalse();
    Api.as(officer)
        .body(notice2030(null))
        .put("/api/v1/calendar/years/2030")
        .then()
        .statusCode(403);
    Api.as(admin)
        .body(notice2030(null))
        .put("/api/v1/calendar/years/2030")
        .then()
        .statusCode(201)
        .body("revision", equalTo(1))
        .body("bundled", equalTo(false));
    // Mon 30 Sep 2030 + 1: 1–7 Oct off → Tue 8 Oct
    assertThat(count("2030-09-30", 1).getString("due")).isEqualTo("2030-10-08");
    day("2030-09-29", true, true, "ADJUSTED_WORKING_DAY", "国庆节");
    assertThat(audited("calendar.year-added", "2030"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e)
                    .contains("\"source\":\"https://www.gov.cn/zhengce/2030-notice.htm\"")
                    .contains("2030-10-12 国庆节 work"));
    // a correction needs its reason
    Api.as(admin)
        .body(notice2030(null))
        .put("/api/v1/calendar/years/2030")
        .then()
        .statusCode(400)
        .body("field", equalTo("reason"));
    Api.as(admin)
        .body(notice2030("通知更正：核对原文"))
        .put("/api/v1/calendar/years/2030")
        .then()
        .statusCode(200)
        .body("revision", equalTo(2))
        .body("reason", equalTo("通知更正：核对原文"));
    assertThat(audited("calendar.year-corrected", "2030"))
        .singleElement()
        .satisfies(e -> assertThat(e).contains("通知更正：核对原文").contains("\"previousRevision\":1"));
  }

  @Test
  void a_bundled_year_is_corrected_only_with_a_reason() {
    List<Map<String, Object>> years =
        Api.as(officer)
            .get("/api/v1/calendar/years")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("findAll { it.bundled }");
    assertThat(years).extracting(y -> y.get("year")).contains(2023, 2024, 2025, 2026);
    assertThat(years)
        .filteredOn(y -> y.get("year").equals(2026))
        .singleElement()
        .satisfies(
            y ->
                assertThat(y.get("source"))
                    .isEqualTo("https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm"));
    Api.as(admin)
        .body(
            Map.of(
                "source",
                "https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm",
                "days",
                List.of(Map.of("date", "2024-01-01", "name", "元旦", "offDay", true))))
        .put("/api/v1/calendar/years/2024")
        .then()
        .statusCode(400)
        .body("field", equalTo("reason"))
        .body("detail", org.hamcrest.Matchers.containsString("bundled"));
    // nothing changed: Spring Festival 2024 is still there
    day("2024-02-12", true, false, "HOLIDAY", "春节");
  }

  @Test
  void a_notice_that_breaks_the_rules_is_refused_whole() {
    put2029(
        List.of(Map.of("date", "2029-10-01", "name", "国庆节", "offDay", true)), "ftp://x", "source");
    // an adjusted working day on a weekday means nothing
    put2029(
        List.of(
            Map.of("date", "2029-10-01", "name", "国庆节", "offDay", true),
            Map.of("date", "2029-10-09", "name", "国庆节", "offDay", false)),
        "https://www.gov.cn/2029",
        "days[1].offDay");
    put2029(
        List.of(
            Map.of("date", "2029-10-01", "name", "国庆节", "offDay", true),
            Map.of("date", "2029-10-01", "name", "国庆节", "offDay", true)),
        "https://www.gov.cn/2029",
        "days[1].date");
    put2029(
        List.of(Map.of("date", "2031-10-01", "name", "国庆节", "offDay", true)),
        "https://www.gov.cn/2029",
        "days[0].date");
    assertThat(count("2029-09-28", 1).getBoolean("covered")).isFalse();
  }

  private void put2029(List<Map<String, Object>> days, String source, String field) {
    Api.as(admin)
        .body(Map.of("source", source, "days", days))
        .put("/api/v1/calendar/years/2029")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo(field));
  }

  private List<String> audited(String type, String year) {
    return Jdbc.list(
        db,
        "SELECT entry FROM audit_entry WHERE event_type = ? AND target_type = 'calendar-year'"
            + " AND target_id = ? ORDER BY id",
        rs -> new String(rs.getBytes(1), StandardCharsets.UTF_8),
        type,
        year);
  }
}
