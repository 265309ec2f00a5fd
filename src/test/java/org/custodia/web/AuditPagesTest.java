package org.custodia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
 * The audit pages in a real Chromium: an auditor filters the log, opens an entry and the page's own
 * JavaScript verifies it (leaf hash, audit path, root, Ed25519 checkpoint signature) — and shows
 * failure when the test alters one byte of the entry or of the proof on its way to the page; the
 * chain of custody of a record and of a case lists their events in log order; another unit's record
 * and entry are the 404 page; roles without audit access get the 403 page; zh-CN and en.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuditPagesTest {
  @RegisterExtension static final Browser browser = new Browser();
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> STEPS = List.of("entry", "leaf", "key", "signature", "path", "root");

  static UnitFixture f;
  static String auditor;
  static String auditorToken;
  static UUID auditorId;
  static String officer;
  static String officerToken;
  static String reviewer;
  static String supervisor;
  static UUID caseId;
  static UUID evidence;
  static UUID otherEvidence;
  static UUID otherCase;
  static long linkedIndex;
  static long otherIndex;

  @BeforeEach
  void world() throws Exception {
    if (f != null) {
      return;
    }
    UnitFixture fixture = new UnitFixture();
    auditor = Api.unique("shenji.");
    auditorId = Api.createUser(fixture.admin, auditor, "AUDITOR", fixture.unit);
    auditorToken = Api.login(auditor, Api.PASSWORD);
    officer = Api.unique("zhifa.au.");
    Api.createUser(fixture.admin, officer, "OFFICER", fixture.unit);
    officerToken = Api.login(officer, Api.PASSWORD);
    reviewer = Api.unique("fuhe.au.");
    Api.createUser(fixture.admin, reviewer, "REVIEWER", fixture.unit);
    supervisor = Api.unique("jiandu.au.");
    Api.createUser(fixture.admin, supervisor, "SUPERVISOR", null);
    caseId = ExportSteps.openCase(fixture, "审计案", "滨江夜市占道经营案");
    evidence = fixture.uploadSynthetic(1701, 16 * 1024, "application/octet-stream");
    as(officerToken)
        .body(Map.of("caseId", caseId.toString(), "reason", "归入夜市占道案"))
        .post("/api/v1/evidence/" + evidence + "/links")
        .then()
        .statusCode(201);
    as(officerToken).get("/api/v1/evidence/" + evidence + "/content").then().statusCode(200);
    ExportSteps.awaitReceipt(fixture.admin, evidence, java.time.Duration.ofSeconds(60));

    UnitFixture other = new UnitFixture();
    otherEvidence = other.uploadSynthetic(1702, 8 * 1024, "application/octet-stream");
    otherCase = ExportSteps.openCase(other, "乙区审计案", "乙区案件");

    as(fixture.admin).post("/api/v1/audit/checkpoint").then().statusCode(200);
    linkedIndex = indexOf(fixture.admin, "evidence", evidence, "evidence.linked");
    otherIndex = indexOf(fixture.admin, "evidence", otherEvidence, "evidence.ingested");
    f = fixture;
  }

  @Test
  void an_auditor_filters_the_log_opens_an_entry_and_the_browser_verifies_it() {
    Page page = browser.page();
    List<String> scriptErrors = errors(page);
    page.navigate(Browser.url("/audit"));
    browser.signIn(page, auditor, Api.PASSWORD);
    assertThat(page.locator("h1").textContent()).isEqualTo("审计日志");
    assertThat(page.locator("[data-testid=nav-audit]").getAttribute("aria-current"))
        .isEqualTo("page");
    page.locator("#f-ttype").fill("evidence");
    page.locator("#f-tid").fill(evidence.toString());
    shot(page, "list-filter-zh");
    page.locator("[data-testid=apply]").click();
    page.waitForURL(u -> u.contains("targetId=" + evidence));
    List<String> types = page.locator("[data-testid=event-type]").allTextContents();
    assertThat(types).contains("evidence.ingested", "evidence.linked", "evidence.downloaded");
    shot(page, "list-zh");

    page.locator("tr[data-type='evidence.linked'] [data-testid=entry-link]").click();
    page.waitForURL(u -> u.endsWith("/audit/entries/" + linkedIndex));
    awaitVerdict(page);
    assertThat(page.locator("[data-testid=verdict]").getAttribute("data-state")).isEqualTo("pass");
    assertThat(page.locator("[data-testid=verdict]").textContent()).startsWith("核验通过");
    for (String step : STEPS) {
      assertThat(result(page, step)).as(step).isEqualTo("pass");
    }
    assertThat(page.locator("[data-step=root] .step-result").textContent()).isEqualTo("通过");
    assertThat(page.locator("[data-testid=raw]").textContent())
        .contains("\"type\":\"evidence.linked\"");
    assertThat(page.locator("[data-testid=pretty]").textContent()).contains("\n  \"type\": ");
    assertThat(page.locator("[data-testid=proof] li").count()).isPositive();
    assertThat(page.locator("[data-testid=checkpoint]").textContent()).contains("\n\n\u2014 ");
    shot(page, "entry-pass-zh");
    assertThat(scriptErrors).isEmpty();
  }

  @Test
  void the_entry_page_fails_when_one_byte_of_the_entry_is_altered() {
    Page page = signedIn("/audit/entries/" + linkedIndex);
    page.route(
        "**/api/v1/audit/entries/*", route -> alter(route, body -> flip(body, "entry", null)));
    page.reload();
    awaitVerdict(page);
    assertThat(page.locator("[data-testid=verdict]").getAttribute("data-state")).isEqualTo("fail");
    assertThat(result(page, "signature")).isEqualTo("pass");
    assertThat(result(page, "root")).isEqualTo("fail");
    assertThat(page.locator("[data-step=root] .step-result").textContent()).isEqualTo("失败");
    shot(page, "entry-tampered-entry-zh");
  }

  @Test
  void the_entry_page_fails_when_one_byte_of_the_proof_is_altered() {
    Page page = signedIn("/audit/entries/" + linkedIndex);
    page.route(
        "**/api/v1/audit/proof/inclusion*", route -> alter(route, body -> flip(body, "hashes", 0)));
    page.reload();
    awaitVerdict(page);
    assertThat(page.locator("[data-testid=verdict]").getAttribute("data-state")).isEqualTo("fail");
    assertThat(result(page, "leaf")).isEqualTo("pass");
    assertThat(result(page, "root")).isEqualTo("fail");
    shot(page, "entry-tampered-proof-zh");
  }

  @Test
  void the_entry_page_fails_when_the_checkpoint_is_altered() {
    Page page = signedIn("/audit/entries/" + linkedIndex);
    page.route(
        "**/api/v1/audit/checkpoint",
        route -> {
          APIResponse r = route.fetch();
          String note = r.text();
          String[] lines = note.split("\n", -1);
          lines[1] = String.valueOf(Long.parseLong(lines[1]) + 1); // one more leaf than signed
          route.fulfill(
              new Route.FulfillOptions().setResponse(r).setBody(String.join("\n", lines)));
        });
    page.reload();
    awaitVerdict(page);
    assertThat(page.locator("[data-testid=verdict]").getAttribute("data-state")).isEqualTo("fail");
    assertThat(result(page, "signature")).isEqualTo("fail");
  }

  @Test
  void an_entry_newer_than_the_checkpoint_is_pending_until_one_is_signed_from_the_page() {
    // a checkpoint signed now, then an event after it (the auditor's own listing)
    String older =
        as(auditorToken)
            .accept("text/plain")
            .get("/api/v1/audit/checkpoint")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    long olderSize = Long.parseLong(older.split("\n")[1]);
    as(auditorToken)
        .queryParam("type", "test.pending")
        .get("/api/v1/audit/events")
        .then()
        .statusCode(200);
    as(f.admin).post("/api/v1/audit/checkpoint").then().statusCode(200);
    List<Integer> listed =
        as(f.admin)
            .queryParam("actorId", auditorId.toString())
            .queryParam("type", "audit.events-listed")
            .queryParam("limit", 500)
            .get("/api/v1/audit/events")
            .then()
            .statusCode(200)
            .extract()
            .path("items.index");
    long index = listed.get(listed.size() - 1);
    assertThat(index).isGreaterThanOrEqualTo(olderSize);

    Page page = browser.page();
    boolean[] signed = {false};
    // until the page asks for a new checkpoint, it is served the older one (genuinely signed)
    page.route(
        "**/api/v1/audit/checkpoint",
        route -> {
          if (route.request().method().equals("POST")) {
            signed[0] = true;
            route.resume();
          } else if (!signed[0]) {
            route.fulfill(
                new Route.FulfillOptions()
                    .setStatus(200)
                    .setContentType("text/plain;charset=UTF-8")
                    .setBody(older));
          } else {
            route.resume();
          }
        });
    page.navigate(Browser.url("/audit/entries/" + index));
    browser.signIn(page, auditor, Api.PASSWORD);
    awaitVerdict(page);
    assertThat(page.locator("[data-testid=verdict]").getAttribute("data-state"))
        .isEqualTo("pending");
    assertThat(result(page, "signature")).isEqualTo("pass");
    assertThat(result(page, "path")).isEqualTo("pending");
    assertThat(page.locator("[data-testid=sign-now]").isVisible()).isTrue();
    shot(page, "entry-pending-zh");
    page.locator("[data-testid=sign-now]").click();
    page.waitForFunction(
        "() => document.querySelector('[data-testid=verdict]').getAttribute('data-state') === 'pass'");
    assertThat(signed[0]).isTrue();
    for (String step : STEPS) {
      assertThat(result(page, step)).as(step).isEqualTo("pass");
    }
    assertThat(page.locator("[data-testid=sign-now]").isVisible()).isFalse();
  }

  @Test
  void the_custody_view_lists_a_records_events_in_log_order_and_the_cases_too() {
    Page page = signedIn("/evidence/" + evidence + "/custody");
    assertThat(page.locator("h1").textContent()).startsWith("保管链：");
    List<String> types = page.locator("[data-testid=event-type]").allTextContents();
    // the whole chain, the system's receipt signing too (not only this unit's people's actions)
    assertThat(types).contains("evidence.ingested", "evidence.linked", "evidence.downloaded");
    assertThat(types).contains("evidence.signed");
    assertThat(types.indexOf("evidence.ingested")).isLessThan(types.indexOf("evidence.linked"));
    assertThat(types.indexOf("evidence.linked")).isLessThan(types.indexOf("evidence.downloaded"));
    List<Long> ids = ids(page);
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    // who and from where
    assertThat(page.locator("tr[data-type='evidence.linked'] .actor").textContent())
        .contains(officer);
    assertThat(page.locator("tr[data-type='evidence.ingested'] .actor").textContent())
        .contains("采集站");
    assertThat(page.locator("[data-testid=print]").isVisible()).isTrue();
    shot(page, "custody-evidence-zh");
    page.emulateMedia(
        new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
    assertThat(page.locator(".mainnav").isVisible()).isFalse();
    assertThat(page.locator("[data-testid=print]").isVisible()).isFalse();
    shot(page, "custody-evidence-print-zh");
    page.emulateMedia(
        new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.SCREEN));

    // every event of the chain opens as an entry this auditor may check, the system's too
    assertThat(page.locator("tr[data-type='evidence.signed'] .actor").textContent()).contains("系统");
    page.locator("tr[data-type='evidence.signed'] [data-testid=entry-link]").first().click();
    awaitVerdict(page);
    assertThat(page.locator("[data-testid=verdict]").getAttribute("data-state")).isEqualTo("pass");

    // the dossier page links to the case's chain for the audit roles
    page.navigate(Browser.url("/cases/" + caseId));
    page.locator("[data-testid=custody-link]").click();
    page.waitForURL(u -> u.endsWith("/cases/" + caseId + "/custody"));
    List<String> caseTypes = page.locator("[data-testid=event-type]").allTextContents();
    assertThat(caseTypes).contains("case.created", "evidence.ingested", "evidence.linked");
    assertThat(caseTypes.indexOf("case.created")).isLessThan(caseTypes.indexOf("evidence.linked"));
    assertThat(ids(page)).isSorted();
    shot(page, "custody-case-zh");
  }

  @Test
  void another_units_record_case_and_entry_are_not_found_and_other_roles_are_refused()
      throws Exception {
    Page page = signedIn("/evidence/" + otherEvidence + "/custody");
    assertThat(status(page, "/evidence/" + otherEvidence + "/custody")).isEqualTo(404);
    assertThat(page.locator("h1").textContent()).isNotBlank();
    shot(page, "custody-other-unit-404-zh");
    assertThat(status(page, "/cases/" + otherCase + "/custody")).isEqualTo(404);
    assertThat(status(page, "/audit/entries/" + otherIndex)).isEqualTo(404);
    // the API answers the same
    as(auditorToken).get("/api/v1/audit/entries/" + otherIndex).then().statusCode(404);
    as(auditorToken).get("/api/v1/audit/entries/" + linkedIndex).then().statusCode(200);
    // an event no one of the unit made (the system signing the receipt) but about its record
    long signed = indexOf(f.admin, "evidence", evidence, "evidence.signed");
    as(auditorToken).get("/api/v1/audit/entries/" + signed).then().statusCode(200);
    // the other unit's events are not in this auditor's list; the auditor's own probes are
    page.navigate(Browser.url("/audit?targetId=" + otherEvidence));
    assertThat(page.locator("[data-testid=event-type]").allTextContents())
        .isNotEmpty()
        .containsOnly("access.denied");
    shot(page, "list-probes-zh");

    BrowserContext ctx = browser.newContext(Browser.Options.defaults());
    Page rp = ctx.newPage();
    rp.navigate(Browser.url("/audit"));
    browser.signIn(rp, reviewer, Api.PASSWORD);
    assertThat(status(rp, "/audit")).isEqualTo(403);
    assertThat(rp.locator("[data-testid=nav-audit]").count()).isZero();
    shot(rp, "audit-reviewer-403-zh");
    assertThat(status(rp, "/audit/entries/" + linkedIndex)).isEqualTo(403);
    assertThat(status(rp, "/evidence/" + evidence + "/custody")).isEqualTo(403);
    ctx.close();

    BrowserContext octx = browser.newContext(Browser.Options.defaults());
    Page op = octx.newPage();
    op.navigate(Browser.url("/cases/" + caseId + "/custody"));
    browser.signIn(op, officer, Api.PASSWORD);
    assertThat(status(op, "/cases/" + caseId + "/custody")).isEqualTo(403);
    octx.close();
  }

  @Test
  void a_supervisor_sees_every_unit_and_pages_through_the_log_by_cursor() {
    BrowserContext ctx = browser.newContext(Browser.Options.defaults());
    Page page = ctx.newPage();
    page.navigate(Browser.url("/audit?targetType=evidence&targetId=" + evidence + "&limit=2"));
    browser.signIn(page, supervisor, Api.PASSWORD);
    List<Long> first = ids(page);
    assertThat(first).hasSize(2);
    page.locator("[data-testid=next-page]").click();
    page.waitForURL(u -> u.contains("cursor="));
    List<Long> second = ids(page);
    assertThat(second).isNotEmpty();
    assertThat(second.get(0)).isGreaterThan(first.get(1));
    assertThat(page.locator("#f-tid").inputValue()).isEqualTo(evidence.toString());
    // a global role may narrow to one unit, and sees other units' events
    page.navigate(Browser.url("/audit?targetId=" + otherEvidence));
    assertThat(page.locator("[data-testid=event-type]").allTextContents())
        .contains("evidence.ingested");
    page.navigate(Browser.url("/audit?targetId=" + otherEvidence + "&unitId=" + f.unit));
    assertThat(page.locator("[data-testid=no-events]").isVisible()).isTrue();
    // a period: a day long past has nothing
    page.navigate(Browser.url("/audit?from=2001-01-01&to=2001-01-02"));
    assertThat(page.locator("[data-testid=no-events]").isVisible()).isTrue();
    shot(page, "list-empty-zh");
    assertThat(status(page, "/audit?from=yesterday")).isEqualTo(400);
    // the API takes the same unit filter
    as(Api.login(supervisor, Api.PASSWORD))
        .queryParam("unitId", "not-a-unit")
        .get("/api/v1/audit/events")
        .then()
        .statusCode(400);
    ctx.close();
  }

  @Test
  void the_pages_in_english() {
    BrowserContext ctx = browser.newContext(new Browser.Options("en-US"));
    Page page = ctx.newPage();
    page.navigate(Browser.url("/audit?targetId=" + evidence));
    browser.signIn(page, auditor, Api.PASSWORD);
    assertThat(page.locator("h1").textContent()).isEqualTo("Audit log");
    assertThat(page.locator("label[for=f-actor]").textContent()).isEqualTo("Actor ID");
    // the filter works from the keyboard: type, Enter
    page.locator("#f-type").focus();
    page.keyboard().type("evidence.linked");
    page.keyboard().press("Enter");
    page.waitForURL(u -> u.contains("type=evidence.linked"));
    assertThat(page.locator("[data-testid=event-type]").allTextContents())
        .isNotEmpty()
        .containsOnly("evidence.linked");
    shot(page, "list-en");
    page.navigate(Browser.url("/audit/entries/" + linkedIndex));
    awaitVerdict(page);
    assertThat(page.locator("[data-testid=verdict]").textContent())
        .isEqualTo("Verified: this entry is included in the signed checkpoint.");
    assertThat(page.locator("[data-step=signature] .step-result").textContent()).isEqualTo("pass");
    shot(page, "entry-pass-en");
    page.navigate(Browser.url("/cases/" + caseId + "/custody"));
    assertThat(page.locator("h1").textContent()).startsWith("Chain of custody: ");
    shot(page, "custody-case-en");
    ctx.close();
  }

  // --- helpers

  private Page signedIn(String path) {
    Page page = browser.page();
    page.navigate(Browser.url(path));
    browser.signIn(page, auditor, Api.PASSWORD);
    return page;
  }

  private static void awaitVerdict(Page page) {
    page.waitForFunction(
        "() => { const v = document.querySelector('[data-testid=verdict]');"
            + " return v && v.getAttribute('data-state') !== 'running'; }");
  }

  private static String result(Page page, String step) {
    return page.locator("[data-step=" + step + "]").getAttribute("data-result");
  }

  private static List<Long> ids(Page page) {
    List<Long> ids = new ArrayList<>();
    for (String s :
        page.locator("[data-testid=audit-row]")
            .evaluateAll("rs => rs.map(r => r.dataset.id)")
            .toString()
            .replaceAll("[\\[\\] ]", "")
            .split(",")) {
      if (!s.isBlank()) {
        ids.add(Long.parseLong(s));
      }
    }
    return ids;
  }

  private static int status(Page page, String path) {
    Response r = page.navigate(Browser.url(path));
    return r.status();
  }

  interface Edit {
    void apply(ObjectNode body) throws Exception;
  }

  /** Passes the API's answer on with one edit (the test's tampering on the way to the page). */
  private static void alter(Route route, Edit edit) {
    try {
      APIResponse r = route.fetch();
      ObjectNode body = (ObjectNode) JSON.readTree(r.text());
      edit.apply(body);
      route.fulfill(
          new Route.FulfillOptions().setResponse(r).setBody(JSON.writeValueAsString(body)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Flips one bit of one byte of a base64 field (or of element {@code i} of a base64 array). */
  private static void flip(ObjectNode body, String field, Integer i) {
    String b64 = i == null ? body.get(field).asText() : body.get(field).get(i).asText();
    byte[] bytes = Base64.getDecoder().decode(b64);
    bytes[bytes.length / 2] ^= 0x01;
    String altered = Base64.getEncoder().encodeToString(bytes);
    if (i == null) {
      body.put(field, altered);
    } else {
      ((ArrayNode) body.get(field)).set(i, JSON.getNodeFactory().textNode(altered));
    }
  }

  private static List<String> errors(Page page) {
    List<String> errors = new ArrayList<>();
    page.onPageError(errors::add);
    page.onConsoleMessage(
        m -> {
          if (m.type().equals("error") && !m.text().startsWith("Failed to load resource")) {
            errors.add(m.text());
          }
        });
    return errors;
  }

  private static long indexOf(String token, String targetType, UUID id, String type)
      throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      List<Integer> idx =
          as(token)
              .queryParam("targetType", targetType)
              .queryParam("targetId", id.toString())
              .queryParam("type", type)
              .get("/api/v1/audit/events")
              .then()
              .statusCode(200)
              .extract()
              .path("items.index");
      if (!idx.isEmpty() && idx.get(0) != null) {
        return idx.get(0);
      }
      as(token).post("/api/v1/audit/checkpoint").then().statusCode(200);
      Thread.sleep(100);
    }
    throw new AssertionError("no integrated " + type + " event for " + id);
  }

  private void shot(Page page, String name) {
    browser.screenshot(page, name);
  }
}
