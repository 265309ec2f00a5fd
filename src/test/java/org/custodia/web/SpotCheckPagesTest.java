package org.custodia.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.Api;
import org.custodia.testing.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spot-check pages and the home page in a real Chromium: a supervisor draws with a seed (the
 * same sample as the API's draw with that seed), assigns, a reviewer finds the assignment on the
 * home page, a review submitted through the API shows in progress, distribution and the CSV
 * downloaded by the browser; roles the API refuses get the translated 403 page; zh-CN and en.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SpotCheckPagesTest {
  @RegisterExtension static final Browser browser = new Browser();

  static final LocalDate FROM = LocalDate.parse("2026-04-01");
  static final LocalDate TO = LocalDate.parse("2026-06-30");

  static String admin;
  static UUID unit;
  static UUID quietUnit;
  static String supervisor;
  static String reviewer1;
  static UUID reviewer1Id;
  static String reviewer2;
  static UUID reviewer2Id;
  static String officer;

  @BeforeEach
  void world() {
    if (admin != null) {
      return;
    }
    admin = Api.adminToken();
    unit = Api.createUnit(admin, Api.unique("PSC"), "滨江区城市管理执法局");
    quietUnit = Api.createUnit(admin, Api.unique("PSQ"), "未抽查的执法所");
    supervisor = Api.unique("jiandu.");
    Api.createUser(admin, supervisor, "SUPERVISOR", null);
    reviewer1 = Api.unique("li.pc.");
    reviewer1Id = Api.createUser(admin, reviewer1, "REVIEWER", unit);
    reviewer2 = Api.unique("wang.pc.");
    reviewer2Id = Api.createUser(admin, reviewer2, "REVIEWER", unit);
    officer = Api.unique("zhifa.");
    Api.createUser(admin, officer, "OFFICER", unit);
    UUID subject = company(unit, "滨江建材有限公司");
    for (int i = 0; i < 9; i++) {
      decidedCase(unit, subject, i % 3 == 0 ? "INSPECTION" : "PENALTY", FROM.plusDays(i * 9));
    }
    decidedCase(unit, subject, "PENALTY", TO.plusDays(1)); // outside the period
  }

  @Test
  void a_supervisor_draws_with_a_seed_assigns_and_progress_distribution_and_csv_follow_a_review() {
    String seed = "2026年第二季度抽查-滨江";
    Page page = browser.page();
    List<String> scriptErrors = new java.util.ArrayList<>();
    page.onPageError(scriptErrors::add);
    page.onConsoleMessage(
        m -> {
          if (m.type().equals("error") && !m.text().startsWith("Failed to load resource")) {
            scriptErrors.add(m.text());
          }
        });
    page.navigate(Browser.url("/spot-checks/new"));
    browser.signIn(page, supervisor, Api.PASSWORD);
    assertThat(page.url()).endsWith("/spot-checks/new");
    assertThat(page.locator("h1").textContent()).isEqualTo("新建抽查");
    page.locator("select[name=unitId]").selectOption(unit.toString());
    page.locator("input[name=from]").fill(FROM.toString());
    page.locator("input[name=to]").fill(TO.toString());
    page.locator("input[name=size]").fill("4");
    page.locator("input[name=seed]").fill(seed);
    shot(page, "spot-check-new");
    page.locator("[data-testid=draw]").click();
    page.waitForURL(url -> url.matches(".*/spot-checks/[0-9a-f-]{36}.*"));
    String checkId = page.url().replaceAll(".*/spot-checks/([0-9a-f-]{36}).*", "$1");

    // the seed is shown, and the sample is the API's sample for that seed
    assertThat(page.locator("[data-testid=seed]").textContent()).isEqualTo(seed);
    assertThat(page.locator("[data-testid=seed-box]").textContent()).contains("SHA-256");
    List<String> shown = page.locator("[data-testid=case-no]").allTextContents();
    String supervisorToken = Api.login(supervisor, Api.PASSWORD);
    Map<String, Object> request = new HashMap<>();
    request.put("unitId", unit.toString());
    request.put("from", FROM.toString());
    request.put("to", TO.toString());
    request.put("size", 4);
    request.put("seed", seed);
    List<String> byApi =
        as(supervisorToken)
            .body(request)
            .post("/api/v1/spot-checks")
            .then()
            .statusCode(201)
            .extract()
            .path("items.caseNo");
    assertThat(shown).hasSize(4).containsExactlyElementsOf(byApi);
    assertThat(page.locator("[data-testid=progress]").first().textContent())
        .isEqualTo("已评 0 / 共 4 件");

    // round-robin with nobody ticked: the service's refusal, said in the page
    Browser.htmx(
        page,
        "/assignments",
        r -> r.status() == 400,
        () -> page.locator("[data-testid=round-robin] button[type=submit]").click());
    assertThat(page.locator("[data-testid=assign-error]").textContent()).isEqualTo("请至少勾选一名评查人员。");

    // round-robin to the first reviewer, then one dossier to the second one
    page.locator("[data-testid=round-robin] input[value='" + reviewer1Id + "']").check();
    Browser.htmx(
        page,
        "/assignments",
        r -> r.status() == 200,
        () -> page.locator("[data-testid=round-robin] button[type=submit]").click());
    assertThat(page.locator("text=已分派 4 / 4 件").count()).isEqualTo(1);
    Locator second = page.locator("[data-testid=assignee]").nth(1);
    Browser.htmx(
        page,
        "/assignments",
        r -> r.status() == 200,
        () -> second.selectOption(reviewer2Id.toString()));
    List<String> assignees =
        as(supervisorToken)
            .get("/api/v1/spot-checks/" + checkId)
            .then()
            .statusCode(200)
            .extract()
            .path("items.assigneeId");
    assertThat(assignees)
        .containsExactly(
            reviewer1Id.toString(),
            reviewer2Id.toString(),
            reviewer1Id.toString(),
            reviewer1Id.toString());
    assertThat(page.locator("[data-testid=assignee]").nth(1).inputValue())
        .isEqualTo(reviewer2Id.toString());
    shot(page, "spot-check-assigned");

    // the reviewer signs in and finds the assignments on the home page
    BrowserContext other = browser.newContext(Browser.Options.defaults());
    Page reviewerPage = other.newPage();
    reviewerPage.navigate(Browser.url("/"));
    browser.signIn(reviewerPage, reviewer1, Api.PASSWORD);
    Locator assignments = reviewerPage.locator("[data-testid=assignments]");
    assertThat(assignments.locator("tbody tr").count()).isEqualTo(3);
    assertThat(assignments.textContent())
        .contains(shown.get(0))
        .contains("待评查")
        .contains("已评 0 / 共 3 件");
    assertThat(assignments.locator("[data-testid=review-link]").first().getAttribute("href"))
        .matches("/cases/[0-9a-f-]{36}/review");
    assertThat(reviewerPage.locator("[data-testid=recent-cases]").textContent()).contains("违法建设案");
    assertThat(reviewerPage.locator("[data-testid=home-distribution]").count()).isZero();
    shot(reviewerPage, "home-reviewer");

    // a review submitted through the API shows in progress, distribution and results
    String reviewerToken = Api.login(reviewer1, Api.PASSWORD);
    String firstCase = assignments.locator("tbody tr").first().getAttribute("data-case");
    String review =
        as(reviewerToken)
            .body(Map.of("grade", "GOOD", "finding", "证据确实充分，程序合法；个别文书签名不全。"))
            .post("/api/v1/cases/" + firstCase + "/reviews")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    as(reviewerToken).post("/api/v1/reviews/" + review + "/submission").then().statusCode(200);

    // the page refreshes its work area by itself (every 30 s; here asked for at once)
    Browser.htmx(
        page,
        "/spot-checks/" + checkId + "/work",
        r -> r.status() == 200,
        () -> page.evaluate("htmx.trigger('#work', 'refresh')"));
    assertThat(page.locator("[data-testid=progress]").first().textContent())
        .isEqualTo("已评 1 / 共 4 件");
    assertThat(page.locator("[data-testid=grade-bars] [data-testid=count-GOOD]").textContent())
        .isEqualTo("1");
    assertThat(page.locator("[data-testid=grade-bars] [data-testid=count-EXCELLENT]").textContent())
        .isEqualTo("0");
    assertThat(page.locator("tr[data-case='" + firstCase + "'] [data-testid=result]").textContent())
        .contains("良好")
        .contains(reviewer1);
    shot(page, "spot-check-reviewed");
    // the poll's condition is valid script, true while nothing in the work area is in use
    Object idle =
        page.evaluate(
            "() => { var t = document.getElementById('work').getAttribute('hx-trigger');"
                + " return new Function('return (' + t.substring(t.indexOf('[') + 1,"
                + " t.lastIndexOf(']')) + ')')(); }");
    assertThat(idle).isEqualTo(true);
    assertThat(scriptErrors).isEmpty();

    // the CSV, downloaded by the browser with its cookie: UTF-8 with BOM, the grade in Chinese
    Download download = page.waitForDownload(() -> page.locator("[data-testid=csv]").click());
    byte[] csv;
    try {
      csv = Files.readAllBytes(download.path());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(csv.length).isGreaterThan(3);
    assertThat(new byte[] {csv[0], csv[1], csv[2]})
        .containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
    assertThat(text).startsWith("序号,案件编号").contains("良好").contains(shown.get(0));
    assertThat(download.suggestedFilename()).endsWith("-results.csv");

    // the reviewer's home page shows the grade; the supervisor's the spot check and distribution
    reviewerPage.reload();
    assertThat(
            reviewerPage
                .locator("[data-testid=assignments] tr[data-case='" + firstCase + "']")
                .textContent())
        .contains("良好");
    page.navigate(Browser.url("/"));
    assertThat(page.locator("[data-testid=home-spot-checks]").textContent())
        .contains("滨江区城市管理执法局")
        .contains("已评 1 / 共 4 件");
    assertThat(page.locator("[data-testid=home-distribution]").textContent())
        .contains("滨江区城市管理执法局");
    shot(page, "home-supervisor");

    // the list shows it with its progress
    page.navigate(Browser.url("/spot-checks"));
    assertThat(
            page.locator("[data-testid=spot-checks] a[href='/spot-checks/" + checkId + "']")
                .count())
        .isEqualTo(1);
    shot(page, "spot-check-list");
    // filtered by unit: this unit's checks only; a unit without any says so
    page.locator("[data-testid=unit-filter]").selectOption(unit.toString());
    page.waitForURL(url -> url.contains("unitId=" + unit));
    assertThat(
            page.locator("[data-testid=spot-checks] a[href='/spot-checks/" + checkId + "']")
                .count())
        .isEqualTo(1);
    page.locator("[data-testid=unit-filter]").selectOption(quietUnit.toString());
    page.waitForURL(url -> url.contains("unitId=" + quietUnit));
    assertThat(page.locator("[data-testid=no-spot-checks]").count()).isEqualTo(1);
  }

  @Test
  void roles_the_api_refuses_get_the_translated_403_page_and_no_navigation_entry() {
    Page page = browser.page();
    page.navigate(Browser.url("/"));
    browser.signIn(page, reviewer1, Api.PASSWORD);
    assertThat(page.locator(".mainnav").textContent()).contains("抽查");
    Response form = page.navigate(Browser.url("/spot-checks/new"));
    assertThat(form.status()).isEqualTo(403);
    assertThat(page.locator("h1").textContent()).isEqualTo("无权操作");
    shot(page, "spot-check-403");
    // the list page shows a reviewer their assignments only, no draw button
    page.navigate(Browser.url("/spot-checks"));
    assertThat(page.locator("[data-testid=new-spot-check]").count()).isZero();
    assertThat(page.locator("[data-testid=assignments]").count()).isEqualTo(1);

    // a draw or an assignment posted by a reviewer is refused, with or without the CSRF token
    Browser.HttpSession session = Browser.httpSignIn(reviewer1, Api.PASSWORD);
    given()
        .cookie(org.custodia.security.SessionCookie.NAME, session.cookie())
        .header("X-CSRF-Token", session.csrf())
        .contentType("application/x-www-form-urlencoded")
        .formParam("unitId", unit.toString())
        .formParam("from", FROM.toString())
        .formParam("to", TO.toString())
        .formParam("size", "2")
        .post("/spot-checks")
        .then()
        .statusCode(403);

    // a supervisor's draw without the CSRF token is refused as well
    Browser.HttpSession sup = Browser.httpSignIn(supervisor, Api.PASSWORD);
    given()
        .cookie(org.custodia.security.SessionCookie.NAME, sup.cookie())
        .contentType("application/x-www-form-urlencoded")
        .formParam("unitId", unit.toString())
        .formParam("from", FROM.toString())
        .formParam("to", TO.toString())
        .formParam("size", "2")
        .post("/spot-checks")
        .then()
        .statusCode(403);

    // a spot check that does not exist is the translated 404 page, a malformed id too
    for (String id : List.of(UUID.randomUUID().toString(), "not-an-id")) {
      String body =
          given()
              .cookie(org.custodia.security.SessionCookie.NAME, sup.cookie())
              .get("/spot-checks/" + id)
              .then()
              .statusCode(404)
              .contentType("text/html")
              .extract()
              .asString();
      assertThat(body).contains("未找到");
    }

    // an officer sees no spot-check entry and gets 403 on the list
    BrowserContext other = browser.newContext(Browser.Options.defaults());
    Page officerPage = other.newPage();
    officerPage.navigate(Browser.url("/"));
    browser.signIn(officerPage, officer, Api.PASSWORD);
    assertThat(officerPage.locator(".mainnav").textContent()).contains("案卷检索").doesNotContain("抽查");
    assertThat(officerPage.locator("[data-testid=assignments]").count()).isZero();
    shot(officerPage, "home-officer");
    assertThat(officerPage.navigate(Browser.url("/spot-checks")).status()).isEqualTo(403);
  }

  @Test
  void in_english_the_draw_form_explains_a_refusal_inline_and_the_spot_check_page_is_english() {
    BrowserContext english = browser.newContext(new Browser.Options("en-US"));
    Page page = english.newPage();
    page.navigate(Browser.url("/spot-checks/new"));
    browser.signIn(page, supervisor, Api.PASSWORD);
    assertThat(page.locator("h1").textContent()).isEqualTo("New spot check");
    page.locator("select[name=unitId]").selectOption(unit.toString());
    page.locator("input[name=from]").fill(TO.toString());
    page.locator("input[name=to]").fill(FROM.toString());
    page.locator("input[name=size]").fill("3");
    page.waitForResponse(
        r -> r.request().method().equals("POST") && r.status() == 400,
        () -> page.locator("[data-testid=draw]").click());
    assertThat(page.locator("[data-testid=draw-error]").textContent())
        .isEqualTo("Enter a valid last decision date, not before the first.");
    assertThat(page.locator("input[name=to]").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(page.locator("input[name=size]").inputValue()).isEqualTo("3");
    shot(page, "spot-check-new-refused-en");

    page.locator("input[name=from]").fill(FROM.toString());
    page.locator("input[name=to]").fill(TO.toString());
    page.locator("[data-testid=draw]").click();
    page.waitForURL(url -> url.matches(".*/spot-checks/[0-9a-f-]{36}.*"));
    String seed = page.locator("[data-testid=seed]").textContent();
    assertThat(seed).matches("[0-9a-f]{32}"); // generated and shown
    assertThat(page.locator("h1").textContent()).startsWith("Spot check");
    assertThat(page.locator("[data-testid=progress]").first().textContent())
        .isEqualTo("0 of 3 reviewed");
    assertThat(page.locator("[data-testid=seed-box]").textContent())
        .contains("Drawing again with the same unit, period, number and this seed");
    shot(page, "spot-check-detail-en");

    // "draw again with this seed" gives the same dossiers
    List<String> first = page.locator("[data-testid=case-no]").allTextContents();
    page.locator(".seed-redraw").click();
    page.waitForURL(url -> url.contains("/spot-checks/new"));
    assertThat(page.locator("input[name=seed]").inputValue()).isEqualTo(seed);
    page.locator("[data-testid=draw]").click();
    page.waitForURL(url -> url.matches(".*/spot-checks/[0-9a-f-]{36}.*"));
    assertThat(page.locator("[data-testid=case-no]").allTextContents())
        .containsExactlyElementsOf(first);

    page.navigate(Browser.url("/"));
    assertThat(page.locator("h1").textContent()).isEqualTo("Workspace");
    assertThat(page.locator("[data-testid=home-spot-checks]").textContent())
        .contains("0 of 3 reviewed");
    shot(page, "home-supervisor-en");

    assertThat(page.locator("[data-testid=home-distribution]").count()).isEqualTo(1);

    // the home search box ("/" focuses it) goes to the dossier search
    page.locator("body").press("/");
    assertThat(page.evaluate("document.activeElement.id")).isEqualTo("home-q");
    page.keyboard().type("违法建设");
    page.locator("[data-testid=home-search]").press("Enter");
    page.waitForURL(url -> url.contains("/cases?q="));
    assertThat(page.url()).contains("/cases?q=%E8%BF%9D%E6%B3%95%E5%BB%BA%E8%AE%BE");
  }

  /** The harness's screenshot, also under its plain name (target/screenshots/home-….png). */
  private static void shot(Page page, String name) {
    java.nio.file.Path file = browser.screenshot(page, name);
    try {
      Files.copy(
          file,
          Browser.SCREENSHOTS.resolve(name + ".png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static UUID company(UUID unit, String name) {
    return Api.organisation(admin, unit, name);
  }

  private static void decidedCase(UUID unit, UUID subject, String type, LocalDate decided) {
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", unit.toString());
    body.put("caseNo", Api.unique("滨城执罚〔2026〕"));
    body.put("type", type);
    body.put("status", "DECIDED");
    body.put("title", "违法建设案");
    body.put("decisionDate", decided.toString());
    body.put("subjectIds", List.of(subject.toString()));
    as(admin).body(body).post("/api/v1/cases").then().statusCode(201);
  }
}
