package org.custodia.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.Api;
import org.custodia.testing.Browser;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The disclosure deadlines page in the real Chromium, for a past day (asOf Mon 12 Oct 2026) so that
 * the statuses do not move with the clock: a penalty decided Mon 21 Sep 2026 was due Thu 8 Oct (22,
 * 23, 24, 28, 29, 30 Sep, 8 Oct; 中秋 25–27 Sep and 国庆 1–7 Oct off) — overdue; one decided Wed 30 Sep
 * is due Thu 15 Oct — three working days left, due soon.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DisclosurePagesTest {
  @RegisterExtension static final Browser browser = new Browser();

  private static UUID decided(String admin, UUID unit, UUID subject, String date) {
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", unit.toString());
    body.put("caseNo", Api.unique("罚-"));
    body.put("type", "PENALTY");
    body.put("status", "DECIDED");
    body.put("title", "占道经营案");
    body.put("decisionDate", date);
    body.put("subjectIds", List.of(subject.toString()));
    return UUID.fromString(
        Api.as(admin).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id"));
  }

  @Test
  void a_supervisor_sees_overdue_and_due_soon_and_records_a_disclosure_date() {
    String admin = Api.adminToken();
    UUID unit = Api.createUnit(admin, Api.unique("PG"), "公示页面单位");
    UUID subject = Api.organisation(admin, unit, "某某餐饮有限公司");
    UUID overdue = decided(admin, unit, subject, "2026-09-21");
    UUID soon = decided(admin, unit, subject, "2026-09-30");
    String supervisor = Api.unique("sup");
    Api.createUser(admin, supervisor, "SUPERVISOR", null);
    String auditorB = Api.unique("audb");
    Api.createUser(admin, auditorB, "AUDITOR", Api.createUnit(admin, Api.unique("PB"), "另一单位"));

    String path = "/disclosures?unitId=" + unit + "&asOf=2026-10-12";
    Page page = browser.page();
    List<String> scriptErrors = new java.util.ArrayList<>();
    page.onPageError(scriptErrors::add);
    page.navigate(Browser.url(path));
    browser.signIn(page, supervisor, Api.PASSWORD);
    page.navigate(Browser.url(path));
    assertThat(page.locator("h1").textContent()).isEqualTo("执法决定公示期限");
    var overdueRow = page.locator("[data-testid=overdue] tr[data-case='" + overdue + "']");
    var soonRow = page.locator("[data-testid=dueSoon] tr[data-case='" + soon + "']");
    assertThat(page.locator("[data-testid=overdue-count]").textContent()).isEqualTo("1");
    assertThat(overdueRow.locator("[data-testid=due]").textContent()).isEqualTo("2026-10-08");
    assertThat(soonRow.locator("[data-testid=due]").textContent()).isEqualTo("2026-10-15剩余 3 个工作日");
    assertThat(overdueRow.textContent()).contains("行政处罚", "公示决定信息");
    assertThat(page.locator("[data-testid=nav-disclosures]").getAttribute("aria-current"))
        .isEqualTo("page");
    browser.screenshot(page, "disclosures-zh");

    // no date: said next to the row, nothing recorded
    Browser.htmx(
        page,
        "/disclosures/" + overdue,
        r -> r.status() == 400,
        () -> overdueRow.locator("[data-testid=record]").click());
    assertThat(overdueRow.locator("[data-testid=record-error]").textContent()).isEqualTo("请填写日期。");
    // a day before the decision: refused by the service, said in Chinese
    overdueRow.locator("[data-testid=date]").fill("2026-09-18");
    Browser.htmx(
        page,
        "/disclosures/" + overdue,
        r -> r.status() == 400,
        () -> overdueRow.locator("[data-testid=record]").click());
    assertThat(overdueRow.locator("[data-testid=record-error]").textContent())
        .isEqualTo("日期不能早于决定（或撤销）日期，也不能晚于今天。");
    assertThat(overdueRow.locator("[data-testid=date]").inputValue()).isEqualTo("2026-09-18");
    browser.screenshot(page, "disclosures-refused-zh");
    assertThat(status(admin, overdue)).isEqualTo("OVERDUE");

    // published on 9 Oct: one day late, no longer overdue on the 12th
    overdueRow.locator("[data-testid=date]").fill("2026-10-09");
    page.waitForResponse(
        r -> r.url().endsWith("/disclosures/" + overdue) && r.status() == 200,
        () -> overdueRow.locator("[data-testid=record]").click());
    // HX-Redirect: the same list again, which no longer has it
    assertThat(page.waitForSelector("[data-testid=overdue-empty]").textContent()).isEqualTo("没有。");
    assertThat(page.locator("[data-testid=dueSoon] tr[data-case='" + soon + "']").count())
        .isEqualTo(1);
    assertThat(status(admin, overdue)).isEqualTo("LATE");
    assertThat(scriptErrors).isEmpty();

    // in English
    BrowserContext en = browser.newContext(new Browser.Options("en-US"));
    Page enPage = en.newPage();
    enPage.navigate(Browser.url(path));
    browser.signIn(enPage, supervisor, Api.PASSWORD);
    enPage.navigate(Browser.url(path));
    assertThat(enPage.locator("#dueSoon-h").textContent()).startsWith("Due soon");
    assertThat(enPage.locator("[data-testid=dueSoon] tr[data-case='" + soon + "']").textContent())
        .contains("Administrative penalty", "3 working day(s) left");
    browser.screenshot(enPage, "disclosures-en");

    // another unit's auditor: not found
    Page other = browser.newContext(Browser.Options.defaults()).newPage();
    other.navigate(Browser.url(path));
    browser.signIn(other, auditorB, Api.PASSWORD);
    assertThat(other.navigate(Browser.url(path)).status()).isEqualTo(404);
  }

  private static String status(String admin, UUID caseId) {
    return Api.as(admin)
        .get("/api/v1/cases/" + caseId + "/disclosure?asOf=2026-10-12")
        .then()
        .statusCode(200)
        .extract()
        .path("obligations[0].status");
  }
}
