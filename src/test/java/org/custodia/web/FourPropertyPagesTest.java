package org.custodia.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.Media;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.custodia.testing.Api;
import org.custodia.testing.Browser;
import org.custodia.testing.ExportSteps;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The four-property check in a real Chromium: a unit's auditor starts a check from the dossier page
 * (htmx, CSRF), the section polls until it is done, the printable report names the failing item and
 * record, prints without the navigation; the English report; an officer neither sees the section
 * nor reaches the report.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FourPropertyPagesTest {
  @RegisterExtension static final Browser browser = new Browser();

  static UnitFixture f;
  static String auditor;
  static String officer;
  static UUID caseId;
  static UUID record;

  @BeforeEach
  void world() throws Exception {
    if (f != null) {
      return;
    }
    UnitFixture fixture = new UnitFixture();
    auditor = Api.unique("shenji.fp.");
    Api.createUser(fixture.admin, auditor, "AUDITOR", fixture.unit);
    officer = Api.unique("zhifa.fp.");
    Api.createUser(fixture.admin, officer, "OFFICER", fixture.unit);
    caseId = ExportSteps.openCase(fixture, "FPW", "四性检测页面案件");
    // bytes that claim to be a PDF and are not: the usability property fails on them
    java.nio.file.Path bytes = java.nio.file.Files.createTempFile("fourprop-page-", ".pdf");
    java.nio.file.Files.write(bytes, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    Instant at = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    record = fixture.uploadRecording(bytes, "application/pdf", at, at.plusSeconds(1), caseId);
    ExportSteps.awaitReceipt(fixture.admin, record, Duration.ofSeconds(30));
    f = fixture;
  }

  @Test
  void an_auditor_starts_a_check_on_the_dossier_page_and_prints_its_report() {
    Page page = browser.page();
    java.util.List<String> scriptErrors = new java.util.ArrayList<>();
    page.onPageError(scriptErrors::add);
    page.navigate(Browser.url("/cases/" + caseId));
    browser.signIn(page, auditor, Api.PASSWORD);
    assertThat(page.locator("#fp-h").textContent()).isEqualTo("四性检测");
    assertThat(page.locator("[data-testid=no-checks]").isVisible()).isTrue();

    Response started =
        page.waitForResponse(
            r ->
                r.request().method().equals("POST")
                    && r.url().endsWith("/cases/" + caseId + "/four-property-checks"),
            () -> page.locator("[data-testid=start-check]").click());
    assertThat(started.status()).as(started.text()).isEqualTo(200);
    page.locator("[data-testid=check-started]").waitFor();
    assertThat(page.locator("[data-testid=check-started]").isVisible()).isTrue();
    assertThat(page.locator("[data-testid=case-checks] tbody tr").count()).isEqualTo(1);
    assertThat(page.locator("[data-testid=case-checks]").textContent()).contains("人工发起");
    // the section polls until the check is done
    page.locator("[data-testid=case-checks] .fp-FAIL")
        .waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(60_000));
    assertThat(page.locator("[data-testid=case-checks]").textContent()).contains("已完成", "不合格");
    browser.screenshot(page, "dossier-section-zh");

    page.locator("[data-testid=check-link]").first().click();
    page.waitForLoadState();
    assertThat(page.locator("h1").textContent()).startsWith("四性检测报告");
    assertThat(page.locator("[data-testid=overall]").textContent()).isEqualTo("不合格");
    assertThat(page.locator("[data-testid=property]").count()).isEqualTo(4);
    var usability = page.locator("[data-property=USABILITY]");
    assertThat(usability.locator("h2").textContent()).contains("可用性", "不合格");
    var opens = usability.locator("tr[data-code='usability.opens']");
    assertThat(opens.getAttribute("data-result")).isEqualTo("FAIL");
    assertThat(opens.textContent()).contains("可打开", record.toString(), "not a PDF");
    assertThat(page.locator("[data-property=AUTHENTICITY] h2").textContent()).contains("合格");
    assertThat(page.locator("[data-testid=summary]").textContent()).contains("真实性", "安全性");
    browser.screenshot(page, "report-zh");

    page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
    assertThat(page.locator(".mainnav").isVisible()).isFalse();
    assertThat(page.locator("[data-testid=print]").isVisible()).isFalse();
    assertThat(
            page.evaluate(
                "() => getComputedStyle(document.querySelector('[data-property=INTEGRITY]'))"
                    + ".breakBefore"))
        .isEqualTo("page");
    assertThat(page.evaluate("() => getComputedStyle(document.body).backgroundColor"))
        .isEqualTo("rgb(255, 255, 255)");
    browser.screenshot(page, "report-print-zh");
    page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));
    assertThat(scriptErrors).isEmpty();

    // the same report in English
    String reportPath = page.url().substring(Browser.origin().length());
    BrowserContext en = browser.newContext(new Browser.Options("en"));
    Page english = en.newPage();
    english.navigate(Browser.url(reportPath));
    browser.signIn(english, auditor, Api.PASSWORD);
    english.navigate(Browser.url(reportPath));
    assertThat(english.locator("h1").textContent()).startsWith("Four-property check");
    assertThat(english.locator("[data-property=USABILITY] h2").textContent())
        .contains("Usability", "Fail");
    assertThat(english.locator("tr[data-code='usability.opens']").textContent())
        .contains("Content opens");
    browser.screenshot(english, "report-en");
  }

  @Test
  void an_officer_sees_no_section_and_cannot_open_a_report() {
    UUID caseId = ExportSteps.openCase(f, "FPO", "执法人员看不到四性检测");
    String id =
        Api.as(f.admin)
            .post("/api/v1/cases/" + caseId + "/four-property-checks")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    Page page = browser.page();
    page.navigate(Browser.url("/cases/" + caseId));
    browser.signIn(page, officer, Api.PASSWORD);
    assertThat(page.locator("h1").count()).isPositive();
    assertThat(page.locator("[data-testid=fourprop-section]").count()).isZero();
    Response r = page.navigate(Browser.url("/cases/" + caseId + "/four-property-checks/" + id));
    assertThat(r.status()).isEqualTo(403);
  }
}
