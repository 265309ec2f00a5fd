package org.custodia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Every page of the web UI walked as every role, in a real Chromium.
 *
 * <p>The table {@link #PAGES} is the specification: which roles reach each page. A role outside it
 * gets the 403 page; a user of unit B asking for unit A's case, record, subject, export, spot check
 * or audit entry gets the 404 page; lists shown to unit B carry nothing of unit A; only
 * administrators are offered or reach the registry pages. Every page reached is checked for
 * labelled form fields and for keyboard use (Tab reaches every visible control, with a visible
 * focus, and nothing clickable is reachable by mouse only), and a screenshot of it in zh-CN and en
 * is written under {@code target/screenshots/}.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PageWalkTest {
  @RegisterExtension static final Browser browser = new Browser();

  enum Who {
    ADMIN(true),
    SUPERVISOR(true),
    OFFICER_A(false),
    REVIEWER_A(false),
    AUDITOR_A(false),
    OFFICER_B(false),
    REVIEWER_B(false),
    AUDITOR_B(false);

    final boolean global;

    Who(boolean global) {
      this.global = global;
    }

    String role() {
      return name().replaceAll("_[AB]$", "");
    }

    boolean unitB() {
      return name().endsWith("_B");
    }
  }

  /**
   * One page: its path template ({@code {case}}, {@code {evidence}}, … filled from the world), the
   * roles that reach it, and whether it shows one record of unit A (404 for unit B).
   */
  record PageSpec(String path, Set<String> roles, boolean ofUnitA) {}

  static final Set<String> ALL = Set.of("ADMIN", "OFFICER", "REVIEWER", "SUPERVISOR", "AUDITOR");
  static final Set<String> ADMIN_ONLY = Set.of("ADMIN");
  static final Set<String> AUDIT = Set.of("ADMIN", "SUPERVISOR", "AUDITOR");
  static final Set<String> CASE_WORK = Set.of("ADMIN", "OFFICER");

  static final List<PageSpec> PAGES =
      List.of(
          new PageSpec("/", ALL, false),
          new PageSpec("/cases", ALL, false),
          new PageSpec("/cases/new", CASE_WORK, false),
          new PageSpec("/cases/{case}", ALL, true),
          new PageSpec("/cases/{case}/documents", CASE_WORK, true),
          new PageSpec(
              "/cases/{case}/review", Set.of("ADMIN", "REVIEWER", "SUPERVISOR", "AUDITOR"), true),
          new PageSpec("/cases/{case}/custody", AUDIT, true),
          new PageSpec("/cases/{case}/four-property-checks/{check}", AUDIT, true),
          new PageSpec("/evidence/{evidence}", ALL, true),
          new PageSpec("/evidence/{evidence}/custody", AUDIT, true),
          new PageSpec("/subjects/{subject}", ALL, true),
          new PageSpec("/inbox", CASE_WORK, false),
          new PageSpec("/exports", ALL, false),
          new PageSpec("/exports/{export}", ALL, true),
          new PageSpec("/spot-checks", Set.of("ADMIN", "SUPERVISOR", "REVIEWER"), false),
          new PageSpec("/spot-checks/new", Set.of("ADMIN", "SUPERVISOR"), false),
          new PageSpec("/spot-checks/{spotCheck}", Set.of("ADMIN", "SUPERVISOR"), true),
          new PageSpec("/audit", AUDIT, false),
          new PageSpec("/holds", AUDIT, false),
          new PageSpec("/disposals", AUDIT, false),
          new PageSpec("/disposals/{disposal}", AUDIT, true),
          new PageSpec("/fixity", AUDIT, false),
          new PageSpec("/fixity/{fixityRun}", AUDIT, true),
          new PageSpec("/disclosures", AUDIT, false),
          new PageSpec("/compliance", AUDIT, false),
          new PageSpec("/statistics/{year}", AUDIT, false),
          new PageSpec("/audit/entries/{entry}", AUDIT, true),
          new PageSpec("/admin/units", ADMIN_ONLY, false),
          new PageSpec("/admin/users", ADMIN_ONLY, false),
          new PageSpec("/admin/officers", ADMIN_ONLY, false),
          new PageSpec("/admin/officers/new", ADMIN_ONLY, false),
          new PageSpec("/officers/{officer}", ADMIN_ONLY, true),
          new PageSpec("/devices", ADMIN_ONLY, false),
          new PageSpec("/devices/new", ADMIN_ONLY, false),
          new PageSpec("/devices/{device}", ADMIN_ONLY, true),
          new PageSpec("/stations", ADMIN_ONLY, false),
          new PageSpec("/admin/status", ADMIN_ONLY, false));

  /** Paths only administrators may be offered (navigation, links). */
  static final List<String> REGISTRY_PREFIXES =
      List.of("/admin/", "/stations", "/devices", "/officers/");

  static final Map<Who, String> users = new LinkedHashMap<>();
  static final Map<String, String> ids = new HashMap<>();

  /** Text of unit A that no page shown to unit B may contain. */
  static final List<String> secrets = new ArrayList<>();

  @BeforeEach
  void world() throws Exception {
    if (!ids.isEmpty()) {
      return;
    }
    UnitFixture a = new UnitFixture();
    UnitFixture b = new UnitFixture();
    for (Who who : Who.values()) {
      String name = Api.unique("walk." + who.name().toLowerCase() + ".");
      UUID unit = who.global ? null : who.unitB() ? b.unit : a.unit;
      Api.createUser(a.admin, name, who.role(), who == Who.ADMIN ? a.unit : unit);
      users.put(who, name);
    }
    String subjectName = Api.unique("巡查对象有限公司");
    UUID subject = Api.organisation(a.admin, a.unit, subjectName);
    String caseNo = Api.unique("甲区执罚〔2026〕");
    String title = Api.unique("夜市占道经营案");
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", a.unit.toString());
    body.put("caseNo", caseNo);
    body.put("type", "PENALTY");
    body.put("status", "DECIDED");
    body.put("decisionDate", LocalDate.now().minusDays(1).toString());
    body.put("title", title);
    body.put("subjectIds", List.of(subject.toString()));
    body.put("actions", List.of());
    UUID caseId =
        UUID.fromString(
            as(a.admin)
                .body(body)
                .post("/api/v1/cases")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    UUID linked = a.uploadSynthetic(4101, 12 * 1024, "application/octet-stream");
    UUID unlinked = a.uploadSynthetic(4102, 10 * 1024, "application/octet-stream");
    String officerA = Api.login(users.get(Who.OFFICER_A), Api.PASSWORD);
    as(officerA)
        .body(Map.of("caseId", caseId.toString(), "reason", "归入占道经营案"))
        .post("/api/v1/evidence/" + linked + "/links")
        .then()
        .statusCode(201);
    ExportSteps.awaitReceipt(a.admin, linked, java.time.Duration.ofSeconds(60));
    String purpose = Api.unique("移送法院");
    String exportId =
        as(officerA)
            .body(Map.of("purpose", purpose, "recipient", "滨江区人民法院", "includeDerived", false))
            .post("/api/v1/cases/" + caseId + "/exports")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    String supervisor = Api.login(users.get(Who.SUPERVISOR), Api.PASSWORD);
    Map<String, Object> check = new HashMap<>();
    check.put("unitId", a.unit.toString());
    check.put("from", LocalDate.now().minusDays(2).toString());
    check.put("to", LocalDate.now().toString());
    check.put("size", 1);
    check.put("seed", Api.unique("seed"));
    String spotCheck =
        as(supervisor)
            .body(check)
            .post("/api/v1/spot-checks")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String fourPropertyCheck =
        as(a.admin)
            .post("/api/v1/cases/" + caseId + "/four-property-checks")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    String disposal =
        as(supervisor)
            .body(Map.of("unitId", a.unit.toString(), "reason", "到期销毁"))
            .post("/api/v1/disposals")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String fixityRun =
        as(a.admin)
            .body(Map.of("scope", "unit", "unitId", a.unit.toString()))
            .post("/api/v1/fixity/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    as(a.admin).post("/api/v1/audit/checkpoint").then().statusCode(200);
    long entry = entryOf(a.admin, linked);

    ids.put("case", caseId.toString());
    ids.put("evidence", linked.toString());
    ids.put("subject", subject.toString());
    ids.put("export", exportId);
    ids.put("spotCheck", spotCheck);
    ids.put("check", fourPropertyCheck);
    ids.put("entry", Long.toString(entry));
    ids.put("disposal", disposal);
    ids.put("fixityRun", fixityRun);
    ids.put("officer", a.officer.toString());
    ids.put("device", a.device.toString());
    // this year's statistics: always after the archive's first record (last year may not be)
    ids.put("year", String.valueOf(LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear()));
    secrets.addAll(List.of(subjectName, caseNo, title, purpose));
    secrets.addAll(
        List.of(caseId.toString(), linked.toString(), unlinked.toString(), subject.toString()));
    secrets.addAll(List.of(exportId, spotCheck, a.officer.toString(), a.device.toString()));
    secrets.add(fourPropertyCheck);
    secrets.addAll(List.of(disposal, fixityRun));
  }

  @Test
  void every_page_answers_every_role_as_the_table_says_and_unit_B_sees_nothing_of_unit_A() {
    assertThat(WALK_ORDER).containsExactlyInAnyOrder(Who.values());
    List<String> wrong = new ArrayList<>();
    for (Who who : WALK_ORDER) {
      Page page = signedIn(who, "zh-CN");
      for (PageSpec spec : listsFirst()) {
        String path = fill(spec.path());
        Response response = page.navigate(Browser.url(path));
        int expected = expected(who, spec);
        if (response.status() != expected) {
          wrong.add(who + " " + path + ": " + response.status() + ", expected " + expected);
          continue;
        }
        String html = page.content();
        if (expected != 200) {
          assertThat(page.locator("main").textContent())
              .as(who + " " + path)
              .contains(expected == 403 ? "无权操作" : "未找到");
        }
        if (who.unitB()) {
          for (String secret : secrets) {
            if (!path.contains(secret) && html.contains(secret)) {
              wrong.add(who + " " + path + " shows unit A's " + secret);
            }
          }
        }
        if (!who.role().equals("ADMIN") && expected == 200) {
          @SuppressWarnings("unchecked")
          List<String> hrefs =
              (List<String>)
                  page.evaluate(
                      "() => [...document.querySelectorAll('a[href]')]"
                          + ".map(a => a.getAttribute('href'))");
          for (String href : hrefs) {
            if (REGISTRY_PREFIXES.stream().anyMatch(href::startsWith)) {
              wrong.add(who + " " + path + " offers registry link " + href);
            }
          }
        }
      }
      page.context().close();
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void every_page_has_labelled_fields_works_by_keyboard_and_is_photographed_in_both_languages() {
    List<String> wrong = new ArrayList<>();
    Map<String, Page> pages = new HashMap<>();
    for (String language : List.of("zh-CN", "en")) {
      for (PageSpec spec : PAGES) {
        Who who = firstAllowed(spec);
        Page page = pages.computeIfAbsent(who + language, k -> signedIn(who, language));
        String path = fill(spec.path());
        Response response = page.navigate(Browser.url(path));
        assertThat(response.status()).as(who + " " + path).isEqualTo(200);
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        assertThat(page.locator("html").getAttribute("lang")).isEqualTo(language);
        browser.screenshot(page, slug(spec.path()) + "-" + language);
        if (language.equals("zh-CN")) {
          wrong.addAll(prefixed(path, unlabelled(page)));
          wrong.addAll(prefixed(path, mouseOnly(page)));
          wrong.addAll(prefixed(path, unreachableByTab(page)));
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  /**
   * Unit B's auditor walks before unit B's other users, and every user sees the lists before asking
   * for unit A's records: unit B's log then holds no denial of a probe for unit A's ids, which
   * would name them (rightly: the id was typed by unit B's own user).
   */
  static final List<Who> WALK_ORDER =
      List.of(
          Who.AUDITOR_B,
          Who.OFFICER_B,
          Who.REVIEWER_B,
          Who.ADMIN,
          Who.SUPERVISOR,
          Who.OFFICER_A,
          Who.REVIEWER_A,
          Who.AUDITOR_A);

  private static List<PageSpec> listsFirst() {
    List<PageSpec> ordered = new ArrayList<>();
    PAGES.stream().filter(p -> !p.ofUnitA()).forEach(ordered::add);
    PAGES.stream().filter(PageSpec::ofUnitA).forEach(ordered::add);
    return ordered;
  }

  /** The status {@code who} must get for {@code spec}. */
  private static int expected(Who who, PageSpec spec) {
    if (!spec.roles().contains(who.role())) {
      return 403;
    }
    if (spec.ofUnitA() && who.unitB()) {
      return 404;
    }
    return 200;
  }

  /** A role of unit A (or a global one) that reaches the page. */
  private static Who firstAllowed(PageSpec spec) {
    for (Who who : List.of(Who.OFFICER_A, Who.REVIEWER_A, Who.AUDITOR_A, Who.SUPERVISOR)) {
      if (spec.roles().contains(who.role())) {
        return who;
      }
    }
    return Who.ADMIN;
  }

  private Page signedIn(Who who, String language) {
    BrowserContext context = browser.newContext(new Browser.Options(language));
    if (language.equals("en")) {
      context.addCookies(
          List.of(
              new com.microsoft.playwright.options.Cookie("lang", "en")
                  .setUrl(Browser.origin() + "/")));
    }
    Page page = context.newPage();
    page.navigate(Browser.url("/login"));
    browser.signIn(page, users.get(who), Api.PASSWORD);
    return page;
  }

  private static String fill(String template) {
    String path = template;
    for (Map.Entry<String, String> e : ids.entrySet()) {
      path = path.replace("{" + e.getKey() + "}", e.getValue());
    }
    return path;
  }

  private static String slug(String template) {
    String s =
        template
            .replaceAll("[{}]", "")
            .toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-");
    s = s.replaceAll("^-|-$", "");
    return s.isEmpty() ? "home" : s;
  }

  private static List<String> prefixed(String path, List<String> problems) {
    return problems.stream().map(p -> path + ": " + p).toList();
  }

  private static final String VISIBLE =
      "const visible = e => e.checkVisibility({ visibilityProperty: true })"
          + " && !(e.closest('details:not([open])')"
          + " && e.closest('details:not([open]) > summary') !== e);";

  /** Visible form fields without a label (label element, aria-label or aria-labelledby). */
  @SuppressWarnings("unchecked")
  private static List<String> unlabelled(Page page) {
    return (List<String>)
        page.evaluate(
            "() => { "
                + VISIBLE
                + " return [...document.querySelectorAll('input, select, textarea')]"
                + " .filter(e => !['hidden', 'submit', 'button', 'reset'].includes(e.type) &&"
                + " visible(e))"
                + " .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')"
                + " && !e.getAttribute('aria-labelledby'))"
                + " .map(e => 'unlabelled field ' + e.outerHTML.slice(0, 140)); }");
  }

  /** Visible elements that act on a click but cannot take keyboard focus. */
  @SuppressWarnings("unchecked")
  private static List<String> mouseOnly(Page page) {
    return (List<String>)
        page.evaluate(
            "() => { "
                + VISIBLE
                + " const focusable = 'a[href], button, input, select, textarea, summary, form,"
                + " [tabindex]:not([tabindex=\"-1\"])';"
                + " return [...document.querySelectorAll('[hx-get], [hx-post], [hx-put],"
                + " [hx-delete], [onclick], [data-copy]')]"
                + " .filter(e => visible(e) && !e.matches(focusable)"
                + " && (e.getAttribute('hx-trigger') || 'click').includes('click'))"
                + " .map(e => 'mouse-only control ' + e.outerHTML.slice(0, 140)); }");
  }

  /**
   * Presses Tab through the page and reports every visible control that focus never reached, or
   * that showed no focus indicator (neither outline nor box shadow) when it did.
   */
  @SuppressWarnings("unchecked")
  private static List<String> unreachableByTab(Page page) {
    int count =
        ((Number)
                page.evaluate(
                    "() => { "
                        + VISIBLE
                        + " const all = [...document.querySelectorAll('a[href], button:not([disabled]),"
                        + " input:not([type=hidden]):not([disabled]), select:not([disabled]),"
                        + " textarea:not([disabled]), summary, [tabindex]:not([tabindex=\"-1\"])')]"
                        + " .filter(visible);"
                        + " all.forEach((e, i) => e.setAttribute('data-walk', i));"
                        + " window.__walk = { reached: new Set(), plain: [] };"
                        + " document.addEventListener('focusin', ev => { const e = ev.target;"
                        + " const i = e.getAttribute && e.getAttribute('data-walk');"
                        + " if (i === null) return; window.__walk.reached.add(i);"
                        + " const s = getComputedStyle(e);"
                        + " if ((s.outlineStyle === 'none' || s.outlineWidth === '0px')"
                        + " && s.boxShadow === 'none') window.__walk.plain.push(e.outerHTML.slice(0, 140)); });"
                        + " document.activeElement && document.activeElement.blur();"
                        + " return all.length; }"))
            .intValue();
    // date and time fields take one stop per part, so the number of stops is not known up front:
    // Tab on until every control was reached, or up to a generous bound
    for (int i = 0; i < 6 * count + 20; i++) {
      page.keyboard().press("Tab");
      if (((Number) page.evaluate("() => window.__walk.reached.size")).intValue() >= count) {
        break;
      }
    }
    return (List<String>)
        page.evaluate(
            "() => { const out = [];"
                + " document.querySelectorAll('[data-walk]').forEach(e => {"
                + " const i = e.getAttribute('data-walk');"
                + " const radio = e.type === 'radio' && [...document.getElementsByName(e.name)]"
                + " .some(r => window.__walk.reached.has(r.getAttribute('data-walk')));"
                + " if (!window.__walk.reached.has(i) && !radio)"
                + " out.push('not reached by Tab ' + e.outerHTML.slice(0, 140)); });"
                + " window.__walk.plain.forEach(h => out.push('no visible focus ' + h));"
                + " return out; }");
  }

  private static long entryOf(String token, UUID evidence) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      List<Integer> index =
          as(token)
              .queryParam("targetType", "evidence")
              .queryParam("targetId", evidence.toString())
              .queryParam("type", "evidence.linked")
              .get("/api/v1/audit/events")
              .then()
              .statusCode(200)
              .extract()
              .path("items.index");
      if (!index.isEmpty() && index.get(0) != null) {
        return index.get(0);
      }
      as(token).post("/api/v1/audit/checkpoint").then().statusCode(200);
      Thread.sleep(100);
    }
    throw new AssertionError("no integrated evidence.linked event for " + evidence);
  }
}
