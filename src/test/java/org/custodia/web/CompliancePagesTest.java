package org.custodia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.action;
import static org.custodia.testing.Api.as;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.security.SessionCookie;
import org.custodia.testing.Api;
import org.custodia.testing.Browser;
import org.custodia.testing.Clips;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Recording compliance in the real Chromium: a dossier of unit A with a seizure nobody recorded
 * (mandatory-recording) and an on-site action recorded by one officer only (two-officers) shows 有违规
 * and both findings on its page; a supervisor acknowledges one with an explanation kept exactly
 * (leading spaces, a newline), audited; an officer sees the panel but no form, and a forged POST is
 * the API's 403, audited; {@code /compliance} lists the case for its unit and period only.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CompliancePagesTest {
  @RegisterExtension static final Browser browser = new Browser();

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  @Inject AgroalDataSource db;

  static UnitFixture a;
  static UnitFixture b;
  static UUID caseId;
  static String caseNo;
  static UUID seizure;
  static UUID onSite;
  static UUID clip;
  static Instant start;
  static String supervisor;
  static String officer;
  static String auditorA;
  static String auditorB;

  @BeforeEach
  void world() throws Exception {
    if (caseId != null) {
      return;
    }
    a = new UnitFixture();
    b = new UnitFixture();
    // two hours ago: recent enough not to be uploaded late
    start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    UUID second = Api.officer(a.admin, a.unit, "执法员李四", "GREEN");
    caseNo = Api.unique("未央城管罚〔2026〕");
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", a.unit.toString());
    body.put("caseNo", caseNo);
    body.put("type", "PENALTY");
    body.put("title", "占道堆放建材案");
    body.put("subjectIds", List.of(Api.organisation(a.admin, a.unit, "某某建材有限公司").toString()));
    body.put(
        "actions",
        List.of(
            action("SEIZURE", start, 600, a.officer, second),
            action("ON_SITE", start.plusSeconds(1200), 10, a.officer, second)));
    JsonPath c =
        as(a.admin).body(body).post("/api/v1/cases").then().statusCode(201).extract().jsonPath();
    caseId = UUID.fromString(c.getString("id"));
    seizure = UUID.fromString(c.getString("actions.find { it.type == 'SEIZURE' }.id"));
    onSite = UUID.fromString(c.getString("actions.find { it.type == 'ON_SITE' }.id"));
    // read before the clip comes: the on-site action has no recording yet (a warning)
    assertThat(compliance(a.admin).getInt("warnings")).isEqualTo(1);
    Path file =
        Clips.h264(
            Clips.dir("compliance-pages-").resolve("onsite.mp4"),
            "testsrc=size=160x120:rate=25:duration=3");
    clip =
        a.uploadRecording(
            file, "video/mp4", start.plusSeconds(1200), start.plusSeconds(1203), caseId);
    assertThat(a.awaitMediaJob(clip, Duration.ofSeconds(120))).isEqualTo("SUCCEEDED");

    supervisor = Api.unique("sup");
    Api.createUser(a.admin, supervisor, "SUPERVISOR", null);
    officer = Api.unique("off");
    Api.createUser(a.admin, officer, "OFFICER", a.unit);
    auditorA = Api.unique("auda");
    Api.createUser(a.admin, auditorA, "AUDITOR", a.unit);
    auditorB = Api.unique("audb");
    Api.createUser(a.admin, auditorB, "AUDITOR", b.unit);
  }

  private Page signedIn(BrowserContext context, String user, String path) {
    Page page = context.newPage();
    page.navigate(Browser.url(path));
    browser.signIn(page, user, Api.PASSWORD);
    page.navigate(Browser.url(path));
    return page;
  }

  private static Locator finding(Page page, String rule) {
    return page.locator("[data-testid=compliance] [data-finding][data-rule='" + rule + "']");
  }

  @Test
  void the_dossier_shows_the_violations_and_a_supervisor_acknowledges_one_exactly()
      throws Exception {
    Page page = signedIn(browser.context(), supervisor, "/cases/" + caseId);
    List<String> scriptErrors = new java.util.ArrayList<>();
    page.onPageError(scriptErrors::add);
    Locator panel = page.locator("[data-testid=compliance]");
    assertThat(panel.locator("[data-testid=compliance-status]").textContent()).isEqualTo("有违规");
    assertThat(panel.locator("[data-testid=compliance-status]").getAttribute("class"))
        .contains("compliance-VIOLATIONS");
    Locator mandatory = finding(page, "mandatory-recording");
    assertThat(mandatory.locator("[data-testid=rule]").textContent())
        .contains("应全程记录而未记录", "mandatory-recording", "第 1 版");
    assertThat(mandatory.locator("[data-testid=clause]").textContent())
        .startsWith("一(二)")
        .contains("查封扣押财产");
    assertThat(mandatory.locator("[data-testid=severity]").textContent()).isEqualTo("违规");
    assertThat(mandatory.locator("[data-testid=action]").textContent()).contains("查封扣押");
    assertThat(mandatory.locator("[data-testid=duration]").textContent()).isEqualTo("10:00");
    assertThat(mandatory.locator("[data-testid=records]").textContent()).contains("无");
    Locator lone = finding(page, "two-officers");
    assertThat(lone.getAttribute("data-action")).isEqualTo(onSite.toString());
    assertThat(lone.locator("[data-testid=records] a").getAttribute("href"))
        .isEqualTo("/evidence/" + clip);
    // the detail in the reader's language, from its code and values, not the engine's English
    assertThat(lone.locator("[data-testid=detail]").textContent())
        .isEqualTo("音像记录中只出现 1 名执法人员，少于 2 名");
    assertThat(mandatory.locator("[data-testid=detail]").textContent()).isEqualTo("查封扣押没有任何音像记录");
    assertThat(mandatory.getAttribute("data-action")).isEqualTo(seizure.toString());
    // the warning read before the clip came, resolved by it: history
    Locator history = page.locator("[data-testid=compliance-history]");
    assertThat(history.getAttribute("open")).isNull();
    assertThat(
            history
                .locator("[data-rule='recommended-recording'] [data-testid=resolved-at]")
                .count())
        .isEqualTo(1);
    assertThat(history.locator("[data-rule='recommended-recording']").isVisible()).isFalse();
    assertThat(history.locator("textarea").count()).isZero();
    browser.screenshot(page, "dossier-violations-zh");
    history.locator("summary").click();
    panel.screenshot(
        new Locator.ScreenshotOptions()
            .setPath(Browser.SCREENSHOTS.resolve("CompliancePagesTest-panel-zh.png")));

    // an empty explanation is refused in the page, nothing stored
    Browser.htmx(
        page,
        "/acknowledgements",
        r -> r.status() == 400,
        () -> mandatory.locator("[data-testid=acknowledge]").click());
    assertThat(mandatory.locator("[data-testid=ack-error]").textContent()).isEqualTo("请填写书面说明。");
    // too long (past the field's own limit): refused, the text kept in the field
    String tooLong = "故".repeat(2001);
    mandatory.locator("textarea").evaluate("t => t.removeAttribute('maxlength')");
    mandatory.locator("textarea").fill(tooLong);
    Browser.htmx(
        page,
        "/acknowledgements",
        r -> r.status() == 400,
        () -> mandatory.locator("[data-testid=acknowledge]").click());
    assertThat(mandatory.locator("[data-testid=ack-error]").textContent())
        .isEqualTo("书面说明不能超过 2000 个字。");
    assertThat(mandatory.locator("textarea").inputValue()).isEqualTo(tooLong);
    String adminToken = a.admin;
    assertThat(acknowledgements(adminToken, "mandatory-recording")).isEmpty();

    // the explanation exactly: leading spaces and a newline kept
    String explanation = "  执法记录仪故障\n当日已报修（设备 DSJ-V9）  ";
    mandatory.locator("textarea").fill(explanation);
    Browser.htmx(
        page,
        "/acknowledgements",
        r -> r.status() == 200,
        () -> mandatory.locator("[data-testid=acknowledge]").click());
    Locator shown = finding(page, "mandatory-recording").locator("[data-testid=ack-text]");
    assertThat(shown.textContent()).isEqualTo(explanation);
    assertThat(shown.evaluate("e => getComputedStyle(e).whiteSpace")).isEqualTo("pre-wrap");
    assertThat(finding(page, "mandatory-recording").locator("[data-testid=ack-by]").textContent())
        .isEqualTo(supervisor);
    assertThat(acknowledgements(adminToken, "mandatory-recording")).containsExactly(explanation);
    String findingId =
        compliance(adminToken).getString("findings.find { it.rule == 'mandatory-recording' }.id");
    assertThat(
            org.custodia.support.Jdbc.one(
                    db,
                    "SELECT count(*) FROM audit_entry WHERE event_type ="
                        + " 'compliance.finding-acknowledged' AND target_id = ?"
                        + " AND convert_from(entry, 'UTF8') LIKE ?",
                    rs -> rs.getLong(1),
                    caseId.toString(),
                    "%" + findingId + "%")
                .orElseThrow())
        .isEqualTo(1L);
    // still open, still counted
    assertThat(page.locator("[data-testid=compliance-status]").textContent()).isEqualTo("有违规");
    assertThat(scriptErrors).isEmpty();
    browser.screenshot(page, "dossier-acknowledged-zh");
    finding(page, "mandatory-recording")
        .screenshot(
            new Locator.ScreenshotOptions()
                .setPath(Browser.SCREENSHOTS.resolve("CompliancePagesTest-acknowledged-zh.png")));

    // in English, with the rule's English name beside its code
    Page en =
        signedIn(browser.newContext(new Browser.Options("en-US")), supervisor, "/cases/" + caseId);
    assertThat(en.locator("[data-testid=compliance-status]").textContent()).isEqualTo("Violations");
    assertThat(finding(en, "two-officers").locator("[data-testid=rule]").textContent())
        .contains("Fewer than two officers", "two-officers");
    assertThat(finding(en, "two-officers").locator("[data-testid=detail]").textContent())
        .isEqualTo("The recordings show 1 officer(s), fewer than 2");
    assertThat(finding(en, "mandatory-recording").locator("[data-testid=ack-text]").textContent())
        .isEqualTo(explanation);
    browser.screenshot(en, "dossier-acknowledged-en");
  }

  @Test
  void an_officer_sees_the_panel_but_no_form_and_a_forged_post_is_refused_and_audited()
      throws Exception {
    Page page = signedIn(browser.context(), officer, "/cases/" + caseId);
    assertThat(page.locator("[data-testid=compliance-status]").textContent()).isEqualTo("有违规");
    assertThat(finding(page, "mandatory-recording").count()).isEqualTo(1);
    assertThat(page.locator("[data-testid=compliance] textarea").count()).isZero();
    assertThat(page.locator("[data-testid=acknowledge]").count()).isZero();
    browser.screenshot(page, "dossier-officer-zh");

    String findingId =
        compliance(a.admin).getString("findings.find { it.rule == 'two-officers' }.id");
    Browser.HttpSession session = Browser.httpSignIn(officer, Api.PASSWORD);
    String path = "/compliance/cases/" + caseId + "/findings/" + findingId + "/acknowledgements";
    int status =
        RestAssured.given()
            .cookie(SessionCookie.NAME, session.cookie())
            .header("X-CSRF-Token", session.csrf())
            .header("HX-Request", "true")
            .formParam("explanation", "伪造的说明")
            .post(path)
            .statusCode();
    assertThat(status).isEqualTo(403);
    awaitAudited("access.denied", path, 1);
    // the API refuses the same role the same way
    String apiPath =
        "/api/v1/cases/" + caseId + "/compliance/findings/" + findingId + "/acknowledgements";
    assertThat(
            as(Api.login(officer, Api.PASSWORD))
                .body(Map.of("explanation", "伪造的说明"))
                .post(apiPath)
                .statusCode())
        .isEqualTo(403);
    awaitAudited("access.denied", apiPath, 1);
    assertThat(compliance(a.admin).getList("findings.acknowledgements.flatten()")).isEmpty();
  }

  @Test
  void the_supervisors_list_shows_the_case_for_its_unit_and_period_only() {
    LocalDate day = LocalDate.ofInstant(start, ZONE);
    String period = "&from=" + day + "&to=" + day;
    Page page = signedIn(browser.context(), supervisor, "/compliance?unitId=" + a.unit + period);
    assertThat(page.locator("h1").textContent()).isEqualTo("全过程记录合规");
    Locator row = page.locator("[data-testid=dossiers] tr[data-case='" + caseId + "']");
    assertThat(row.count()).isEqualTo(1);
    assertThat(row.locator("a").first().getAttribute("href")).isEqualTo("/cases/" + caseId);
    assertThat(row.textContent()).contains(caseNo, "占道堆放建材案", "有违规");
    assertThat(row.locator("[data-testid=violations]").textContent()).isEqualTo("2");
    assertThat(row.locator("[data-testid=warnings]").textContent()).isEqualTo("0");
    assertThat(page.locator("[data-testid=nav-compliance]").getAttribute("aria-current"))
        .isEqualTo("page");
    browser.screenshot(page, "list-zh");
    // the dossier search shows the status too
    page.navigate(Browser.url("/cases?caseNo=" + caseNo));
    assertThat(
            page.locator("tr[data-case='" + caseId + "'] [data-testid=compliance]").textContent())
        .isEqualTo("有违规");
    browser.screenshot(page, "cases-search-zh");
    page.navigate(Browser.url("/compliance?unitId=" + a.unit + period));

    // another period, another unit, only warnings, only compliant dossiers: not listed
    String before = "&from=" + day.minusDays(30) + "&to=" + day.minusDays(1);
    for (String query :
        List.of(
            "?unitId=" + a.unit + before,
            "?unitId=" + b.unit + period,
            "?unitId=" + a.unit + period + "&status=WARNINGS",
            "?unitId=" + a.unit + period + "&status=COMPLIANT")) {
      page.navigate(Browser.url("/compliance" + query));
      assertThat(page.locator("tr[data-case='" + caseId + "']").count()).as(query).isZero();
    }
    page.navigate(Browser.url("/compliance?unitId=" + a.unit + period + "&status=VIOLATIONS"));
    assertThat(page.locator("tr[data-case='" + caseId + "']").count()).isEqualTo(1);
    // a period that ends before it starts: said in the page
    page.navigate(Browser.url("/compliance?from=" + day + "&to=" + day.minusDays(1)));
    assertThat(page.locator("[data-testid=filter-error]").textContent()).isEqualTo("结束日期不能早于开始日期。");

    // the unit's auditor: own unit fixed, the case listed
    Page auditor =
        signedIn(browser.newContext(Browser.Options.defaults()), auditorA, "/compliance");
    assertThat(auditor.locator("select[name=unitId]").count()).isZero();
    assertThat(auditor.locator("tr[data-case='" + caseId + "']").count()).isEqualTo(1);
    browser.screenshot(auditor, "list-auditor-zh");
    // another unit's auditor: not in the list, and unit A asked for is "not found"
    Page stranger =
        signedIn(browser.newContext(Browser.Options.defaults()), auditorB, "/compliance");
    assertThat(stranger.locator("tr[data-case='" + caseId + "']").count()).isZero();
    assertThat(stranger.navigate(Browser.url("/compliance?unitId=" + a.unit)).status())
        .isEqualTo(404);
    // and the English list
    Page en =
        signedIn(
            browser.newContext(new Browser.Options("en-US")),
            supervisor,
            "/compliance?unitId=" + a.unit + period);
    assertThat(en.locator("h1").textContent()).isEqualTo("Recording compliance");
    assertThat(en.locator("tr[data-case='" + caseId + "']").textContent()).contains("Violations");
    browser.screenshot(en, "list-en");
  }

  /** Denials are written off the request thread: waits for {@code n} events naming the path. */
  private void awaitAudited(String type, String target, long n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (UnitFixture.audited(db, type, target) < n && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(UnitFixture.audited(db, type, target)).isEqualTo(n);
  }

  private static JsonPath compliance(String token) {
    return as(token)
        .get("/api/v1/cases/" + caseId + "/compliance")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static List<String> acknowledgements(String token, String rule) {
    return compliance(token)
        .getList("findings.find { it.rule == '" + rule + "' }.acknowledgements.explanation");
  }
}
