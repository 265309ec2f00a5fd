package org.custodia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.custodia.testing.Browser;
import org.custodia.testing.Clips;
import org.custodia.testing.SyntheticStream;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exports in a real Chromium: an officer requests one on the dossier page (a refused empty form
 * first), cannot decide it; a supervisor finds it in the queue with the header badge, is told a
 * reason is required, approves with one; the export's page polls to READY and the package fetched
 * with the page's session cookie has the SHA-256 shown; refused and expired exports show no link;
 * another unit's export is the 404 page; zh-CN and en.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExportPagesTest {
  @RegisterExtension static final Browser browser = new Browser();

  @Inject AgroalDataSource db;

  static UnitFixture f;
  static String officer;
  static String officerToken;
  static String supervisor;
  static String supervisorToken;
  static UUID supervisorId;
  static UUID caseId;
  static UUID otherUnitExport;
  static UUID otherUnitCase;

  @BeforeEach
  void world() throws Exception {
    if (f != null) {
      return;
    }
    UnitFixture fixture = new UnitFixture();
    officer = Api.unique("zhifa.ex.");
    Api.createUser(fixture.admin, officer, "OFFICER", fixture.unit);
    officerToken = Api.login(officer, Api.PASSWORD);
    supervisor = Api.unique("jiandu.ex.");
    supervisorId = Api.createUser(fixture.admin, supervisor, "SUPERVISOR", null);
    supervisorToken = Api.login(supervisor, Api.PASSWORD);
    caseId = caseWithDocument(fixture, "滨江餐饮油烟扰民案", 73);

    // another unit's case and export
    UnitFixture other = new UnitFixture();
    otherUnitCase = openCase(other, "乙区导出案件");
    otherUnitExport = request(other.user("OFFICER"), otherUnitCase, "乙区用途", "乙区法院");
    decide(other.admin, otherUnitExport, false, "测试数据");
    f = fixture;
  }

  @Test
  void
      an_officer_requests_a_supervisor_approves_and_the_page_polls_to_a_package_whose_hash_is_shown()
          throws Exception {
    UUID caseId = caseWithDocument(f, "滨江建材违法堆放案", 74);
    Page page = browser.page();
    List<String> scriptErrors = new java.util.ArrayList<>();
    page.onPageError(scriptErrors::add);
    page.navigate(Browser.url("/cases/" + caseId));
    browser.signIn(page, officer, Api.PASSWORD);
    assertThat(page.locator("#exports-h").textContent()).isEqualTo("导出");
    assertThat(page.locator("[data-testid=no-exports]").isVisible()).isTrue();
    // the officer cannot decide: no badge in the header
    assertThat(page.locator("[data-testid=pending-badge]").count()).isZero();

    // an empty request: the API's own constraints, said next to each field in Chinese
    Browser.htmx(
        page,
        "/exports",
        r -> r.status() == 400,
        () -> page.locator("[data-testid=request-export]").click());
    assertThat(page.locator("[data-testid=purpose-error]").textContent()).isEqualTo("不能为空");
    assertThat(page.locator("[data-testid=recipient-error]").textContent()).isEqualTo("不能为空");
    assertThat(page.locator("[data-testid=purpose]").getAttribute("aria-invalid"))
        .isEqualTo("true");
    // the keyboard focus is on the first refused field
    // htmx moves the focus once it has settled the swapped form, just after the response
    focused(page, "[data-testid=purpose]");
    shot(page, "dossier-export-invalid-zh");

    long pendingBefore = decidable();
    page.locator("[data-testid=purpose]").fill("移送人民法院审理");
    page.locator("[data-testid=recipient]").fill("某某区人民法院");
    Browser.htmx(
        page,
        "/exports",
        r -> r.status() == 200,
        () -> page.locator("[data-testid=request-export]").click());
    assertThat(page.locator("[data-testid=export-requested]").isVisible()).isTrue();
    assertThat(page.locator("[data-testid=case-exports] tbody tr").count()).isEqualTo(1);
    assertThat(page.locator("[data-testid=case-exports] [data-testid=state]").textContent())
        .isEqualTo("待审批");
    assertThat(page.locator("[data-testid=case-exports]").textContent())
        .contains("移送人民法院审理", "某某区人民法院", officer, "等待审批");
    shot(page, "dossier-export-requested-zh");
    String href = page.locator("[data-testid=requested-link]").getAttribute("href");
    UUID id = UUID.fromString(href.substring("/exports/".length()));
    Map<String, Object> api =
        as(officerToken).get("/api/v1/exports/" + id).then().statusCode(200).extract().path("");
    assertThat(api.get("state")).isEqualTo("PENDING_APPROVAL");
    assertThat(api.get("purpose")).isEqualTo("移送人民法院审理");

    // the requester's view of the export: no decision buttons, why not, and no queue on /exports
    page.navigate(Browser.url(href));
    assertThat(page.locator("[data-testid=approve]").count()).isZero();
    assertThat(page.locator("[data-testid=own-request]").textContent()).contains("您本人的申请");
    page.navigate(Browser.url("/exports"));
    assertThat(page.locator("[data-testid=queue]").count()).isZero();
    assertThat(page.locator("[data-testid=recent] [data-export='" + id + "']").count())
        .isEqualTo(1);

    // a supervisor's own request is in the queue without buttons, and not in the badge
    UUID own = request(supervisorToken, caseId, "供上级机关备案", "某某市司法局");
    BrowserContext supCtx = browser.newContext(Browser.Options.defaults());
    Page sup = supCtx.newPage();
    sup.onPageError(scriptErrors::add);
    sup.navigate(Browser.url("/exports"));
    browser.signIn(sup, supervisor, Api.PASSWORD);
    assertThat(decidable()).isEqualTo(pendingBefore + 1);
    assertThat(sup.locator("[data-testid=pending-badge]").textContent())
        .isEqualTo(String.valueOf(pendingBefore + 1));
    var ownRow = sup.locator("[data-testid=queue] tr[data-export='" + own + "']");
    assertThat(ownRow.locator("[data-testid=approve]").count()).isZero();
    assertThat(ownRow.locator("[data-testid=own-request]").textContent()).contains("另一名监督人员");
    var row = sup.locator("[data-testid=queue] tr[data-export='" + id + "']");
    assertThat(row.textContent()).contains("移送人民法院审理", officer);

    // refusing without a reason: the translated refusal next to the form; nothing decided
    Browser.htmx(
        sup,
        "/exports/" + id + "/decision",
        r -> r.status() == 400,
        () -> row.locator("[data-testid=refuse]").click());
    assertThat(row.locator("[data-testid=decision-error]").textContent())
        .isEqualTo("请填写审批理由（批准或拒绝都需要）。");
    // htmx moves the focus once it has settled the swapped form, just after the response
    focused(sup, "[data-testid=queue] tr[data-export='" + id + "'] [name=reason]");
    shot(sup, "exports-queue-reason-required-zh");
    assertThat(state(id)).isEqualTo("PENDING_APPROVAL");

    // approving with a reason opens the export's page, which follows the build to READY
    row.locator("[data-testid=reason]").fill("经审查，同意移送法院");
    decided(sup, id, () -> row.locator("[data-testid=approve]").click());
    sup.waitForSelector("[data-testid=status] [data-state=READY]");
    assertThat(sup.locator("[data-testid=status]").getAttribute("hx-trigger")).isNull();
    assertThat(sup.locator("[data-testid=decision-facts]").textContent())
        .contains(supervisor + " 批准", "经审查，同意移送法院");
    String shown = sup.locator("[data-testid=sha256]").textContent();
    Map<String, Object> ready =
        as(supervisorToken).get("/api/v1/exports/" + id).then().extract().path("");
    assertThat(shown).isEqualTo(ready.get("sha256")).hasSize(64);
    // the copy button puts the hash on the clipboard (or copies it by hand) and says so
    sup.locator("[data-testid=copy-sha]").click();
    sup.waitForFunction(
        "() => document.querySelector('[data-testid=copy-sha]').textContent.trim() === '已复制'");
    assertThat(sup.locator("[data-testid=verify-box]").textContent())
        .contains(
            "sha256sum custodia-export-" + id + ".zip", "custodia-verify.jar", "scripts/verify");
    String link = sup.locator("[data-testid=download]").getAttribute("href");
    assertThat(link).isEqualTo("/api/v1/exports/" + id + "/package");
    shot(sup, "export-ready-zh");

    // the link fetched inside the page (its session cookie, no token): the zip of the shown hash
    Object fetched =
        sup.evaluate(
            "async url => { const r = await fetch(url, { credentials: 'same-origin' });"
                + " const b = await r.arrayBuffer();"
                + " const h = new Uint8Array(await crypto.subtle.digest('SHA-256', b));"
                + " return r.status + ' ' + r.headers.get('content-type') + ' '"
                + " + Array.from(h).map(x => x.toString(16).padStart(2, '0')).join(''); }",
            link);
    assertThat(fetched).isEqualTo("200 application/zip " + shown);

    // the officer's dossier page shows it READY with size, hash and expiry
    page.navigate(Browser.url("/cases/" + caseId));
    assertThat(page.locator("[data-export='" + id + "'] [data-testid=state]").textContent())
        .isEqualTo("可下载");
    assertThat(page.locator("[data-export='" + id + "']").textContent())
        .contains(supervisor + " 批准", "到期", shown.substring(0, 12));

    // expired: says so, no link
    Jdbc.update(
        db, "UPDATE export_request SET state = 'EXPIRED', expired_at = now() WHERE id = ?", id);
    sup.reload();
    assertThat(sup.locator("[data-testid=expired]").textContent()).contains("已于", "过期");
    assertThat(sup.locator("[data-testid=download]").count()).isZero();
    shot(sup, "export-expired-zh");
    decide(f.admin, own, false, "清理测试数据");
    assertThat(scriptErrors).isEmpty();
  }

  @Test
  void a_refused_export_shows_who_refused_and_why_and_no_link() throws Exception {
    UUID id = request(officerToken, caseId, "供复议机关审查", "某某市人民政府");
    Page sup = browser.page();
    sup.navigate(Browser.url("/exports/" + id));
    browser.signIn(sup, supervisor, Api.PASSWORD);
    assertThat(sup.locator("[data-testid=status] [data-state=PENDING_APPROVAL]").count())
        .isEqualTo(1);
    sup.locator("[data-testid=reason]").fill("用途不明确，请补充说明");
    decided(sup, id, () -> sup.locator("[data-testid=refuse]").click());
    sup.waitForSelector("[data-testid=status] [data-state=REFUSED]");
    assertThat(sup.locator("[data-testid=refused]").isVisible()).isTrue();
    assertThat(sup.locator("[data-testid=decision-facts]").textContent())
        .contains(supervisor + " 拒绝", "用途不明确，请补充说明");
    assertThat(sup.locator("[data-testid=download]").count()).isZero();
    assertThat(sup.locator("[data-testid=approve]").count()).isZero();
    assertThat(state(id)).isEqualTo("REFUSED");
    shot(sup, "export-refused-zh");
    // the state filter lists it under 已拒绝 and not under 可下载
    sup.navigate(Browser.url("/exports?state=REFUSED"));
    assertThat(sup.locator("[data-testid=recent] [data-export='" + id + "']").count()).isEqualTo(1);
    assertThat(sup.locator("[data-testid=filter] [aria-current]").textContent()).isEqualTo("已拒绝");
    sup.navigate(Browser.url("/exports?state=READY"));
    assertThat(sup.locator("[data-testid=recent] [data-export='" + id + "']").count()).isZero();
    shot(sup, "exports-list-zh");
    Response bad = sup.navigate(Browser.url("/exports?state=DONE"));
    assertThat(bad.status()).isEqualTo(400);
  }

  @Test
  void a_build_in_progress_is_polled_every_two_seconds_until_ready() throws Exception {
    UUID id = request(officerToken, caseId, "移送检察院", "某某区人民检察院");
    // held as an instance building it would hold it: approved, leased, half done
    Jdbc.update(
        db,
        "UPDATE export_request SET state = 'BUILDING', decided_by = ?, decided_at = now(),"
            + " decision_reason = '同意', lease_owner = 'test/hold', lease_until = now() + interval"
            + " '1 hour', bytes_done = bytes_total / 2 WHERE id = ?",
        supervisorId,
        id);
    Page page = browser.page();
    page.navigate(Browser.url("/exports/" + id));
    browser.signIn(page, officer, Api.PASSWORD);
    assertThat(page.locator("[data-testid=status] [data-state=BUILDING]").count()).isEqualTo(1);
    assertThat(page.locator("[data-testid=status]").getAttribute("hx-trigger"))
        .isEqualTo("every 2s");
    assertThat(page.locator("[role=progressbar]").getAttribute("aria-valuenow")).isEqualTo("50");
    assertThat(page.locator("[data-testid=download]").count()).isZero();
    shot(page, "export-building-zh");
    // the next poll shows what the build wrote
    Jdbc.update(db, "UPDATE export_request SET bytes_done = bytes_total * 3 / 4 WHERE id = ?", id);
    page.waitForSelector("[role=progressbar][aria-valuenow='75']");
    // the lease lapses: a worker builds it from the start; the page follows to READY and stops
    Jdbc.update(
        db, "UPDATE export_request SET lease_until = now() - interval '1 second' WHERE id = ?", id);
    page.waitForSelector("[data-testid=status] [data-state=READY]");
    assertThat(page.locator("[data-testid=status]").getAttribute("hx-trigger")).isNull();
    assertThat(page.locator("[data-testid=download]").isVisible()).isTrue();
  }

  @Test
  void a_failed_build_names_the_record_and_offers_no_link() throws Exception {
    UUID id = request(officerToken, caseId, "移送法院", "某某区人民法院");
    UUID record =
        Jdbc.one(
                db,
                "SELECT evidence_ids[1] FROM export_request WHERE id = ?",
                rs -> rs.getObject(1, UUID.class),
                id)
            .orElseThrow();
    // as the package job leaves an export whose stored original no longer matches its hashes
    Jdbc.update(
        db,
        "UPDATE export_request SET state = 'FAILED', decided_by = ?, decided_at = now(),"
            + " failure = ?, failed_evidence = ? WHERE id = ?",
        supervisorId,
        "record " + record + ": the stored bytes do not match the recorded SHA-256",
        record,
        id);
    Page page = browser.page();
    page.navigate(Browser.url("/exports/" + id));
    browser.signIn(page, officer, Api.PASSWORD);
    assertThat(page.locator("[data-testid=failure]").textContent())
        .contains("导出包制作失败", "do not match the recorded SHA-256");
    assertThat(page.locator("[data-testid=failed-record]").getAttribute("href"))
        .isEqualTo("/evidence/" + record);
    assertThat(page.locator("[data-testid=download]").count()).isZero();
    assertThat(page.locator("[data-testid=status]").getAttribute("hx-trigger")).isNull();
    assertThat(page.locator("[data-testid=verify-box]").count()).isZero();
    shot(page, "export-failed-zh");
  }

  @Test
  void another_units_export_is_the_not_found_page() throws Exception {
    Page page = browser.page();
    page.navigate(Browser.url("/exports"));
    browser.signIn(page, officer, Api.PASSWORD);
    Response response = page.navigate(Browser.url("/exports/" + otherUnitExport));
    assertThat(response.status()).isEqualTo(404);
    assertThat(page.locator("h1").textContent()).isEqualTo("未找到");
    assertThat(page.content()).doesNotContain("乙区用途").doesNotContain("乙区法院");
    shot(page, "export-404-zh");
    // audited as a denial, as in the API
    assertThat(
            Jdbc.one(
                    db,
                    "SELECT count(*) FROM audit_entry WHERE event_type = 'access.denied'"
                        + " AND target_id = ?",
                    rs -> rs.getLong(1),
                    otherUnitExport.toString())
                .orElseThrow())
        .isEqualTo(1L);
    assertThat(page.navigate(Browser.url("/exports/case/" + otherUnitCase)).status())
        .isEqualTo(404);
    page.navigate(Browser.url("/exports"));
    assertThat(page.locator("[data-export='" + otherUnitExport + "']").count()).isZero();
  }

  @Test
  void the_pages_work_in_english() throws Exception {
    UUID id = request(officerToken, caseId, "Transfer to court", "District court");
    BrowserContext en = browser.newContext(new Browser.Options("en-US"));
    Page page = en.newPage();
    page.navigate(Browser.url("/cases/" + caseId));
    browser.signIn(page, officer, Api.PASSWORD);
    assertThat(page.locator("#exports-h").textContent()).isEqualTo("Exports");
    Browser.htmx(
        page,
        "/exports",
        r -> r.status() == 400,
        () -> page.locator("[data-testid=request-export]").click());
    assertThat(page.locator("[data-testid=purpose-error]").textContent())
        .isEqualTo("must not be blank");
    shot(page, "dossier-export-invalid-en");
    page.navigate(Browser.url("/exports/" + id));
    assertThat(page.locator("h1").textContent()).startsWith("Export of dossier");
    assertThat(page.locator("[data-testid=status] [data-testid=state]").textContent())
        .isEqualTo("Pending approval");
    assertThat(page.locator("[data-testid=own-request]").textContent())
        .contains("your own request");
    assertThat(page.locator("[data-testid=verify-box] h2").textContent())
        .isEqualTo("How the recipient verifies this package");
    shot(page, "export-pending-en");

    BrowserContext supEn = browser.newContext(new Browser.Options("en-US"));
    Page sup = supEn.newPage();
    sup.navigate(Browser.url("/exports"));
    browser.signIn(sup, supervisor, Api.PASSWORD);
    assertThat(sup.locator("h1").textContent()).isEqualTo("Exports");
    var row = sup.locator("[data-testid=queue] tr[data-export='" + id + "']");
    Browser.htmx(
        sup,
        "/exports/" + id + "/decision",
        r -> r.status() == 400,
        () -> row.locator("[data-testid=approve]").click());
    assertThat(row.locator("[data-testid=decision-error]").textContent())
        .isEqualTo("Please give a reason (for approving and for refusing).");
    shot(sup, "exports-queue-en");
    decide(f.admin, id, false, "cleanup");
  }

  private long decidable() {
    List<Map<String, Object>> pending =
        as(supervisorToken)
            .get("/api/v1/exports?pending=true")
            .then()
            .statusCode(200)
            .extract()
            .path("");
    return pending.stream()
        .filter(e -> !supervisorId.toString().equals(e.get("requestedBy")))
        .count();
  }

  private static String state(UUID id) {
    return as(supervisorToken)
        .get("/api/v1/exports/" + id)
        .then()
        .statusCode(200)
        .extract()
        .path("state");
  }

  private static UUID request(String token, UUID caseId, String purpose, String recipient) {
    return UUID.fromString(
        as(token)
            .body(Map.of("purpose", purpose, "recipient", recipient, "includeDerived", false))
            .post("/api/v1/cases/" + caseId + "/exports")
            .then()
            .statusCode(202)
            .extract()
            .path("id"));
  }

  private static void decide(String token, UUID id, boolean approve, String reason) {
    as(token)
        .body(Map.of("approve", approve, "reason", reason))
        .post("/api/v1/exports/" + id + "/approval")
        .then()
        .statusCode(200);
  }

  /** A case with one document linked to it. */
  private static UUID caseWithDocument(UnitFixture fixture, String title, long seed)
      throws Exception {
    UUID id = openCase(fixture, title);
    Path doc = Clips.dir("export-pages-").resolve("notice.pdf");
    try (InputStream in = new SyntheticStream(seed, 20_000)) {
      Files.write(doc, in.readAllBytes());
    }
    Instant at = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    fixture.uploadRecording(doc, "application/pdf", at, at, id);
    return id;
  }

  private static UUID openCase(UnitFixture fixture, String title) {
    UUID subject = Api.organisation(fixture.admin, fixture.unit, "滨江某某餐饮有限公司");
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", fixture.unit.toString());
    body.put("caseNo", Api.unique("导出页"));
    body.put("type", "PENALTY");
    body.put("title", title);
    body.put("subjectIds", List.of(subject.toString()));
    body.put("actions", List.of());
    return UUID.fromString(
        as(fixture.admin)
            .body(body)
            .post("/api/v1/cases")
            .then()
            .statusCode(201)
            .extract()
            .path("id"));
  }

  /** Clicks a decision button and waits for the export's page it opens. */
  private static void decided(Page page, UUID id, Runnable click) {
    page.waitForResponse(
        r -> r.url().endsWith("/exports/" + id + "/decision") && r.status() == 200, click);
    page.waitForURL(u -> u.endsWith("/exports/" + id));
    page.waitForLoadState();
  }

  private static void shot(Page page, String name) {
    browser.screenshot(page, name);
  }

  /**
   * Waits (5 s) for the keyboard focus to be on {@code selector}; a failure says where the focus is
   * instead.
   */
  private static void focused(Page page, String selector) {
    try {
      page.waitForFunction(
          "s => document.activeElement === document.querySelector(s)",
          selector,
          new Page.WaitForFunctionOptions().setTimeout(5000));
    } catch (com.microsoft.playwright.TimeoutError e) {
      Object where =
          page.evaluate(
              "() => (document.hasFocus() ? 'document focused; ' : 'document NOT focused; ')"
                  + " + (document.activeElement ? document.activeElement.outerHTML.slice(0, 300)"
                  + " : 'no active element')");
      throw new AssertionError("focus is not on " + selector + " but on: " + where, e);
    }
  }
}
