package org.custodia.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import org.custodia.statistics.StatisticsWorld;
import org.custodia.testing.Api;
import org.custodia.testing.Browser;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The printable yearly statistics in the real Chromium, on the 2003 world of {@link
 * StatisticsWorld} (whose figures StatisticsTest checks through the API): the district for a
 * supervisor, one unit for an auditor (another unit not found, audited), English on request, the
 * CSV link, the provisional mark of the current year, and a screenshot of the report.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StatisticsPageTest {
  @RegisterExtension static final Browser browser = new Browser();

  @Inject AgroalDataSource db;

  @Test
  void a_supervisor_reads_the_district_report_of_2003_and_downloads_its_csv() throws Exception {
    StatisticsWorld w = StatisticsWorld.get(db);
    String supervisor = Api.unique("stsup");
    Api.createUser(w.admin, supervisor, "SUPERVISOR", null);
    Page page = browser.page();
    page.navigate(Browser.url("/statistics/2003"));
    browser.signIn(page, supervisor, Api.PASSWORD);
    page.navigate(Browser.url("/statistics/2003"));
    assertThat(page.locator("h1").textContent()).isEqualTo("2003 年度行政执法统计年报");
    assertThat(page.locator("[data-testid=unit-line]").textContent()).isEqualTo("填报单位：全区");
    assertThat(page.locator("[data-testid=provisional]").count()).isZero();
    // the district's figures, as StatisticsTest counts them
    assertThat(cell(page, "casesByType", "PENALTY")).isEqualTo("4");
    assertThat(page.locator("[data-testid=casesByType-total]").textContent()).isEqualTo("8");
    assertThat(page.locator("[data-testid=casesByType] tr[data-key=PENALTY] th").textContent())
        .isEqualTo("行政处罚");
    assertThat(cell(page, "casesByOutcome", "CLOSED")).isEqualTo("1");
    assertThat(page.locator("[data-testid=recordings-count]").textContent()).isEqualTo("3");
    assertThat(page.locator("[data-testid=recordings-hours]").textContent()).isEqualTo("2.0");
    assertThat(page.locator("[data-testid=recordings-unknown]").textContent()).isEqualTo("1");
    assertThat(page.locator("[data-testid=documents-count]").textContent()).isEqualTo("1");
    Locator gap = page.locator("[data-testid=findings] tr[data-key=coverage-gap-VIOLATION]");
    assertThat(gap.locator("[data-testid=found]").textContent()).isEqualTo("2");
    assertThat(gap.locator("[data-testid=acknowledged]").textContent()).isEqualTo("1");
    assertThat(gap.locator("[data-testid=open]").textContent()).isEqualTo("1");
    assertThat(gap.locator("th").textContent()).contains("记录中断");
    assertThat(cell(page, "grades", "EXCELLENT")).isEqualTo("1");
    assertThat(cell(page, "grades", "FAIL")).isEqualTo("0");
    assertThat(cell(page, "disclosure", "MISSING")).isEqualTo("2");
    assertThat(cell(page, "disclosure", "LATE")).isEqualTo("1");
    assertThat(page.locator("[data-testid=disclosure] tr[data-key=MISSING] th").textContent())
        .isEqualTo("逾期未公示");
    assertThat(page.locator("[data-testid=certificates] tbody tr").count()).isEqualTo(2);
    assertThat(page.locator("[data-testid=certificates] td[data-state=EXPIRED]").allTextContents())
        .containsExactlyInAnyOrder("1", "0");
    assertThat(page.locator("[data-testid=version-compliance]").textContent()).isEqualTo("2026.1");
    assertThat(page.locator(".st-notes li").count()).isEqualTo(10);
    assertThat(page.locator("#note-6").textContent()).contains("年末");
    assertThat(page.locator("[data-testid=nav-statistics]").getAttribute("aria-current"))
        .isEqualTo("page");
    browser.screenshot(page, "statistics-2003-zh");
    page.emulateMedia(
        new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
    assertThat(page.locator(".mainnav").isVisible()).isFalse();
    assertThat(page.locator("[data-testid=choose]").isVisible()).isFalse();
    browser.screenshot(page, "statistics-2003-print");
    page.emulateMedia(
        new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.SCREEN));

    // the CSV link downloads the same figures, with the browser's session
    String href = page.locator("[data-testid=csv]").getAttribute("href");
    assertThat(href).isEqualTo("/api/v1/statistics/2003.csv?lang=zh-CN");
    APIResponse csv = page.context().request().get(Browser.url(href));
    assertThat(csv.status()).isEqualTo(200);
    byte[] body = csv.body();
    assertThat(body).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    assertThat(new String(body, StandardCharsets.UTF_8)).contains("\r\nPENALTY,4\r\n");

    // the selector leads to one unit's page
    page.locator("[data-testid=unit]").selectOption(w.a.unit.toString());
    page.waitForNavigation(() -> page.locator("[data-testid=show]").click());
    page.waitForLoadState();
    assertThat(page.url()).contains("/statistics/2003?unitId=" + w.a.unit);
    assertThat(cell(page, "casesByType", "PENALTY")).isEqualTo("3");

    // English
    page.navigate(Browser.url("/lang?to=en&next=/statistics/2003"));
    assertThat(page.locator("h1").textContent()).isEqualTo("Enforcement statistics 2003");
    assertThat(page.locator("[data-testid=disclosure] tr[data-key=MISSING] th").textContent())
        .isEqualTo("Overdue, not disclosed");
    browser.screenshot(page, "statistics-2003-en");

    // the current year is provisional; a future year is refused on the page, naming it
    int now = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
    page.navigate(Browser.url("/lang?to=zh-CN&next=/statistics/" + now));
    assertThat(page.locator("[data-testid=provisional]").textContent()).startsWith("暂定数据");
    Response future = page.navigate(Browser.url("/statistics/" + (now + 1)));
    assertThat(future.status()).isEqualTo(400);
    assertThat(page.locator("[data-testid=error]").textContent()).contains((now + 1) + " 年尚未到来");
  }

  @Test
  void an_auditor_sees_only_their_unit_and_another_unit_is_not_found_and_audited()
      throws Exception {
    StatisticsWorld w = StatisticsWorld.get(db);
    String auditor = Api.unique("staud");
    Api.createUser(w.admin, auditor, "AUDITOR", w.b.unit);
    Page page = browser.page();
    page.navigate(Browser.url("/statistics/2003"));
    browser.signIn(page, auditor, Api.PASSWORD);
    page.navigate(Browser.url("/statistics/2003"));
    assertThat(page.locator("[data-testid=unit] option").count()).isEqualTo(1);
    assertThat(page.locator("[data-testid=unit] option").getAttribute("value"))
        .isEqualTo(w.b.unit.toString());
    assertThat(cell(page, "casesByType", "LICENSING")).isEqualTo("1");
    assertThat(page.locator("[data-testid=casesByType-total]").textContent()).isEqualTo("3");
    long before = w.denials();
    Response other = page.navigate(Browser.url("/statistics/2003?unitId=" + w.a.unit));
    assertThat(other.status()).isEqualTo(404);
    assertThat(w.denials()).isEqualTo(before + 1);
  }

  private static String cell(Page page, String table, String key) {
    return page.locator("[data-testid=" + table + "] tr[data-key=" + key + "] td.num")
        .textContent();
  }
}
