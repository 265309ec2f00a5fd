package org.custodia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.LoadState;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.audit.AuditLog;
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
 * The dossier search and the dossier page in a real Chromium: a unit with three dossiers, the main
 * one with a 20-second demolition whose two recordings (uploaded through tus, probed by the real
 * media pipeline) leave a 6-second gap, a PDF and a PNG; another unit with its own dossier. Search
 * by Chinese free text and by case number, count, paging both ways and sorting; the timeline with
 * its gap marked, "verify now" with every check passing, documents shown inline, another unit's
 * dossier answering the 404 page; zh-CN and en. Screenshots: target/screenshots/cases-search-*.png
 * and dossier-*.png.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DossierPagesTest {
  @RegisterExtension static final Browser browser = new Browser();

  @Inject AuditLog auditLog;
  @Inject AgroalDataSource db;

  static UnitFixture f;
  static String reviewer;
  static String prefix;
  static UUID main;
  static UUID second;
  static UUID third;
  static UUID otherUnitCase;
  static String mainCaseNo;
  static UUID clip1;
  static UUID clip2;
  static UUID pdf;
  static UUID png;

  @BeforeEach
  void world() throws Exception {
    if (f != null) {
      return;
    }
    UnitFixture fixture = new UnitFixture();
    reviewer = Api.unique("rev");
    Api.createUser(fixture.admin, reviewer, "REVIEWER", fixture.unit);
    UUID yellow = officer(fixture, "执法员" + Api.unique("李"), "YELLOW");
    UUID subject = subject(fixture, "某某餐饮有限公司");
    Instant b = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES);
    prefix = Api.unique("浏览器执罚-");
    mainCaseNo = prefix + "1";
    main =
        createCase(fixture, mainCaseNo, "某某餐饮有限公司违法建设强制拆除案", subject, yellow, "DEMOLITION", b, 20);
    third = createCase(fixture, prefix + "3", "违法占道经营案", subject, yellow, "ON_SITE", b, 60);
    second = createCase(fixture, prefix + "2", "违法排放油烟案", subject, yellow, "ON_SITE", b, 60);

    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "dossier-pages-");
    Path c1 = ffmpeg(dir, "one.mp4", "testsrc=size=320x180:rate=25:duration=4");
    Path c2 = ffmpeg(dir, "two.mp4", "testsrc2=size=320x180:rate=25:duration=10");
    Path image = dir.resolve("现场照片.png");
    Clips.still(image, "testsrc=size=160x120:rate=1:duration=1");
    Path document = dir.resolve("强制拆除决定书.pdf");
    Files.write(document, minimalPdf());
    // recordings at b+0..4 s and b+10..20 s: a gap of 6 s inside the action window b..b+20 s
    clip1 = fixture.uploadRecording(c1, "video/mp4", b, b.plusSeconds(4), main);
    clip2 = fixture.uploadRecording(c2, "video/mp4", b.plusSeconds(10), b.plusSeconds(20), main);
    pdf =
        fixture.uploadRecording(
            document, "application/pdf", b.plusSeconds(2), b.plusSeconds(2), main);
    png = fixture.uploadRecording(image, "image/png", b.plusSeconds(12), b.plusSeconds(12), main);
    assertThat(fixture.awaitMediaJob(clip1, Duration.ofSeconds(120))).isEqualTo("SUCCEEDED");
    assertThat(fixture.awaitMediaJob(clip2, Duration.ofSeconds(120))).isEqualTo("SUCCEEDED");

    UnitFixture other = new UnitFixture();
    UUID otherYellow = officer(other, "执法员" + Api.unique("赵"), "GREEN");
    otherUnitCase =
        createCase(
            other,
            Api.unique("乙执罚-"),
            "乙区违法建设强制拆除案",
            subject(other, "另一家公司"),
            otherYellow,
            "DEMOLITION",
            b,
            20);
    f = fixture;
  }

  private Page signedIn(BrowserContext context, String path) {
    Page page = context == null ? browser.page() : context.newPage();
    page.navigate(Browser.url(path));
    browser.signIn(page, reviewer, Api.PASSWORD);
    return page;
  }

  private static void shot(Page page, String name) throws Exception {
    Files.createDirectories(Browser.SCREENSHOTS);
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(Browser.SCREENSHOTS.resolve(name + ".png"))
            .setFullPage(true));
  }

  @SuppressWarnings("unchecked")
  private static List<String> listedCases(Page page) {
    return (List<String>)
        page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=results] tbody tr')]"
                + ".map(r => r.dataset.case)");
  }

  @Test
  void search_finds_the_dossier_by_chinese_free_text_and_by_case_number() throws Exception {
    Page page = signedIn(null, "/cases");
    assertThat(page.url()).endsWith("/cases");
    // a reviewer sees one unit: no unit select
    assertThat(page.locator("select[name=unit]").count()).isZero();
    page.locator("body").click();
    page.keyboard().press("/");
    Locator q = page.locator("input[name=q]");
    assertThat((Boolean) q.evaluate("e => e === document.activeElement")).isTrue();
    q.fill("违法建设");
    page.locator("form[data-testid=case-search] button[type=submit]").click();
    page.waitForCondition(() -> page.url().contains("q="));
    page.waitForCondition(() -> listedCases(page).size() == 1);
    assertThat(listedCases(page)).containsExactly(main.toString());
    assertThat(page.locator("[data-testid=count]").textContent()).isEqualTo("共 1 件案卷");
    // the address carries the filter: the same search opened afresh shows the same result
    assertThat(page.url())
        .contains("q=" + java.net.URLEncoder.encode("违法建设", StandardCharsets.UTF_8));

    q.fill("");
    page.locator("input[name=caseNo]").fill(mainCaseNo);
    page.locator("form[data-testid=case-search] button[type=submit]").click();
    page.waitForCondition(() -> page.url().contains("caseNo="));
    page.waitForCondition(() -> listedCases(page).equals(List.of(main.toString())));
    shot(page, "cases-search-zh");

    page.locator("a.case-link").first().click();
    page.waitForURL("**/cases/" + main);
    assertThat(page.locator("[data-testid=case-no]").textContent()).isEqualTo(mainCaseNo);
  }

  @Test
  void search_counts_pages_forward_and_back_and_sorts() throws Exception {
    String q = java.net.URLEncoder.encode(prefix, StandardCharsets.UTF_8);
    Page page = signedIn(null, "/cases?q=" + q + "&limit=2");
    assertThat(page.locator("[data-testid=count]").textContent()).isEqualTo("共 3 件案卷");
    // newest first: 2, 3, then 1
    assertThat(listedCases(page)).containsExactly(second.toString(), third.toString());
    assertThat(page.locator("[data-testid=previous]").count()).isZero();
    page.locator("[data-testid=next]").click();
    page.waitForCondition(() -> listedCases(page).equals(List.of(main.toString())));
    assertThat(page.url()).contains("cursor=");
    assertThat(page.locator("[data-testid=count]").textContent()).isEqualTo("共 3 件案卷");
    assertThat(page.locator("[data-testid=next]").count()).isZero();
    page.locator("[data-testid=previous]").click();
    page.waitForCondition(
        () -> listedCases(page).equals(List.of(second.toString(), third.toString())));
    assertThat(page.locator("[data-testid=previous]").count()).isZero();

    // by case number: 1, 2, then 3
    page.locator("select[data-testid=sort]").selectOption("CASE_NO");
    page.waitForCondition(() -> page.url().contains("sort=CASE_NO"));
    page.waitForCondition(
        () -> listedCases(page).equals(List.of(main.toString(), second.toString())));
    page.locator("[data-testid=next]").click();
    page.waitForCondition(() -> listedCases(page).equals(List.of(third.toString())));
    shot(page, "cases-search-paged-zh");
  }

  @Test
  void the_dossier_page_shows_the_timeline_with_its_gap_and_verifies_a_record() throws Exception {
    Page page = signedIn(null, "/cases/" + main);
    assertThat(page.locator("[data-testid=case-no]").textContent()).isEqualTo(mainCaseNo);
    // officers with their certificate badges
    assertThat(page.locator("[data-testid=officers] [data-testid=cert]").allTextContents())
        .contains("绿色 · 正常", "黄色 · 预警");
    // the timeline: one band, the two recordings and the two documents, the gap marked
    Locator timeline = page.locator("[data-testid=timeline]");
    assertThat(timeline.locator(".tl-band-labelled").count()).isEqualTo(1);
    assertThat(timeline.locator("[data-testid=bar]").count()).isEqualTo(4);
    assertThat(timeline.locator("[data-testid=gap]").count()).isEqualTo(1);
    assertThat(timeline.locator("[data-testid=gap]").getAttribute("title")).contains("（0:06）");
    assertThat(page.locator("[data-testid=findings]").textContent()).contains("中断", "强制拆除");
    assertThat(timeline.locator("[data-evidence='" + clip1 + "'] img.thumb").count()).isEqualTo(1);
    page.waitForFunction(
        "id => { const i = document.querySelector(`[data-evidence='${id}'] img.thumb`);"
            + " return i && i.complete && i.naturalWidth > 0; }",
        clip1.toString());

    // verify now: every check passes
    auditLog.integrate();
    page.locator("tr[data-evidence='" + clip1 + "'] [data-testid=verify]").click();
    Locator result =
        page.locator("[data-verify-result='" + clip1 + "'] [data-testid=verify-result]");
    result.waitFor();
    assertThat(result.getAttribute("data-result")).isEqualTo("PASS");
    assertThat(result.textContent()).isEqualTo("全部校验通过");
    Locator checks = page.locator("[data-verify-result='" + clip1 + "'] li.check");
    assertThat(checks.count()).isEqualTo(DossierPage.CHECKS.size());
    for (Locator check : checks.all()) {
      assertThat(check.getAttribute("data-status")).as(check.textContent()).isEqualTo("pass");
    }
    assertThat(checks.allTextContents()).anyMatch(t -> t.contains("SM2 签名"));
    shot(page, "dossier-zh");

    // the view is audited once for this viewing session, however often the page is opened
    auditLog.integrate();
    long viewed = views(main);
    assertThat(viewed).isPositive();
    page.reload();
    page.waitForLoadState(LoadState.NETWORKIDLE);
    auditLog.integrate();
    assertThat(views(main)).isEqualTo(viewed);
  }

  @Test
  void documents_show_inline_without_a_download() throws Exception {
    Page page = signedIn(null, "/cases/" + main);
    List<String> downloads = new ArrayList<>();
    page.onDownload(d -> downloads.add(d.suggestedFilename()));

    Locator pdfRow = page.locator("[data-testid=document-view][data-evidence='" + pdf + "']");
    Response pdfResponse =
        page.waitForResponse(
            r -> r.url().endsWith("/api/v1/evidence/" + pdf + "/content"),
            () -> page.locator("details:has([data-evidence='" + pdf + "']) summary").click());
    assertThat(pdfResponse.status()).isEqualTo(200);
    assertThat(pdfResponse.headerValue("content-type")).isEqualTo("application/pdf");
    assertThat(pdfResponse.headerValue("content-disposition")).isEqualTo("inline");
    pdfRow.locator("iframe[data-testid=document-pdf]").waitFor();

    Response pngResponse =
        page.waitForResponse(
            r -> r.url().endsWith("/api/v1/evidence/" + png + "/content"),
            () -> page.locator("details:has([data-evidence='" + png + "']) summary").click());
    assertThat(pngResponse.headerValue("content-type")).isEqualTo("image/png");
    assertThat(pngResponse.headerValue("content-disposition")).isEqualTo("inline");
    page.waitForFunction(
        "() => { const i = document.querySelector('[data-testid=document-image]');"
            + " return i && i.complete && i.naturalWidth === 160; }");
    // the PDF rendered in its frame (Chromium's viewer), nothing was downloaded
    page.waitForFunction(
        "() => { const f = document.querySelector('[data-testid=document-pdf]');"
            + " const d = f && f.contentDocument;"
            + " return d && d.contentType === 'application/pdf'; }");
    page.locator("details:has([data-evidence='" + pdf + "'])").scrollIntoViewIfNeeded();
    shot(page, "dossier-documents-zh");
    assertThat(downloads).isEmpty();
  }

  @Test
  void an_uploaded_html_file_is_never_rendered_on_this_origin() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "dossier-html-");
    Path html = dir.resolve("page.html");
    Files.writeString(html, "<!DOCTYPE html><script>document.title='owned'</script>");
    UUID id =
        f.uploadRecording(html, "text/html", Instant.now().minusSeconds(60), Instant.now(), null);
    io.restassured.response.Response r =
        as(f.admin).get("/api/v1/evidence/" + id + "/content").then().extract().response();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.header("Content-Disposition")).isEqualTo("attachment");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void a_supervisor_searches_every_unit_and_chooses_one() throws Exception {
    String supervisor = Api.unique("sup");
    Api.createUser(f.admin, supervisor, "SUPERVISOR", null);
    Page page = browser.page();
    page.navigate(
        Browser.url(
            "/cases?q="
                + java.net.URLEncoder.encode("违法建设强制拆除案", StandardCharsets.UTF_8)
                + "&limit=100"));
    browser.signIn(page, supervisor, Api.PASSWORD);
    assertThat(listedCases(page)).contains(main.toString(), otherUnitCase.toString());
    assertThat(page.locator("[data-testid=results] th").allTextContents()).contains("单位");
    page.locator("select[name=unit]").selectOption(f.unit.toString());
    page.waitForCondition(() -> page.url().contains("unit=" + f.unit));
    page.waitForCondition(() -> listedCases(page).equals(List.of(main.toString())));
    assertThat(page.locator("[data-testid=count]").textContent()).isEqualTo("共 1 件案卷");
    shot(page, "cases-search-supervisor-zh");
  }

  @Test
  void another_units_dossier_is_the_not_found_page_even_by_typed_address() throws Exception {
    Page page = signedIn(null, "/cases");
    Response response = page.navigate(Browser.url("/cases/" + otherUnitCase));
    assertThat(response.status()).isEqualTo(404);
    assertThat(page.locator("h1").textContent()).isEqualTo("未找到");
    assertThat(page.content()).doesNotContain("乙区违法建设强制拆除案");
    shot(page, "dossier-404-zh");
    // and the search does not list it either
    page.navigate(
        Browser.url("/cases?q=" + java.net.URLEncoder.encode("乙区违法建设", StandardCharsets.UTF_8)));
    assertThat(page.locator("[data-testid=count]").textContent()).isEqualTo("共 0 件案卷");
    assertThat(page.locator("[data-testid=empty]").isVisible()).isTrue();
  }

  @Test
  void the_pages_work_in_english() throws Exception {
    BrowserContext en = browser.newContext(new Browser.Options("en-US"));
    Page page =
        signedIn(en, "/cases?q=" + java.net.URLEncoder.encode(prefix, StandardCharsets.UTF_8));
    assertThat(page.locator("html").getAttribute("lang")).isEqualTo("en");
    assertThat(page.locator("h1").textContent()).isEqualTo("Dossier search");
    assertThat(page.locator("[data-testid=count]").textContent()).isEqualTo("3 dossiers");
    assertThat(page.locator("select[data-testid=sort] option").allTextContents())
        .contains("Newest first", "Case number");
    shot(page, "cases-search-en");

    page.navigate(Browser.url("/cases/" + main));
    assertThat(page.locator("#timeline-h").textContent()).isEqualTo("Timeline");
    assertThat(page.locator("[data-testid=findings]").textContent()).contains("Gap", "Demolition");
    assertThat(page.locator("[data-testid=officers] [data-testid=cert]").allTextContents())
        .contains("Green · valid", "Yellow · warning");
    auditLog.integrate();
    page.locator("tr[data-evidence='" + clip2 + "'] [data-testid=verify]").click();
    Locator result =
        page.locator("[data-verify-result='" + clip2 + "'] [data-testid=verify-result]");
    result.waitFor();
    assertThat(result.textContent()).isEqualTo("All checks passed");
    assertThat(page.content()).doesNotContain("{dossier:").doesNotContain("{cases:");
    shot(page, "dossier-en");
  }

  private long views(UUID caseId) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM audit_entry WHERE event_type = 'case.viewed'"
                    + " AND target_id = ?")) {
      ps.setString(1, caseId.toString());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** A one-page PDF with a line of text, its cross-reference table computed byte by byte. */
  static byte[] minimalPdf() {
    String[] objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 200] /Contents 4 0 R"
          + " /Resources << /Font << /F1 5 0 R >> >> >>",
      null,
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    };
    String text = "BT /F1 18 Tf 40 100 Td (Decision on demolition) Tj ET";
    objects[3] = "<< /Length " + text.length() + " >>\nstream\n" + text + "\nendstream";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Integer> offsets = new ArrayList<>();
    write(out, "%PDF-1.4\n");
    for (int i = 0; i < objects.length; i++) {
      offsets.add(out.size());
      write(out, (i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n");
    }
    int xref = out.size();
    StringBuilder table = new StringBuilder("xref\n0 " + (objects.length + 1) + "\n");
    table.append("0000000000 65535 f \n");
    for (int offset : offsets) {
      table.append(String.format("%010d 00000 n \n", offset));
    }
    table.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\n");
    table.append("startxref\n").append(xref).append("\n%%EOF\n");
    write(out, table.toString());
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  private static UUID officer(UnitFixture fixture, String name, String status) {
    return Api.officer(fixture.admin, fixture.unit, name, status);
  }

  private static UUID subject(UnitFixture fixture, String name) {
    return Api.organisation(fixture.admin, fixture.unit, name);
  }

  private static UUID createCase(
      UnitFixture fixture,
      String caseNo,
      String title,
      UUID subject,
      UUID secondOfficer,
      String actionType,
      Instant from,
      int seconds) {
    Map<String, Object> act = new HashMap<>();
    act.put("type", actionType);
    act.put("from", from.toString());
    act.put("to", from.plusSeconds(seconds).toString());
    act.put("officerIds", List.of(fixture.officer.toString(), secondOfficer.toString()));
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", fixture.unit.toString());
    body.put("caseNo", caseNo);
    body.put("type", "COERCIVE_MEASURE");
    body.put("title", title);
    body.put("subjectIds", List.of(subject.toString()));
    body.put("actions", List.of(act));
    return UUID.fromString(
        as(fixture.admin)
            .body(body)
            .post("/api/v1/cases")
            .then()
            .statusCode(201)
            .extract()
            .path("id"));
  }

  private static Path ffmpeg(Path dir, String name, String source) throws Exception {
    return Clips.h264(dir.resolve(name), source);
  }
}
