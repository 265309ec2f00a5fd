package org.custodia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.custodia.audit.AuditLog;
import org.custodia.testing.Api;
import org.custodia.testing.Browser;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The officers' pages in a real Chromium: the inbox (unlinked station uploads linked in bulk to a
 * case, a refused link reported per record), the subject page (masked identifier, its cases and
 * records), a new case from the browser, and a document upload interrupted by a reload that resumes
 * and is archived with the browser's SHA-256; another unit's subject and case are the 404 page;
 * zh-CN and en. Screenshots: target/screenshots/officer-*.png.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OfficerPagesTest {
  @RegisterExtension static final Browser browser = new Browser();

  @Inject AuditLog auditLog;
  @Inject AgroalDataSource db;

  static UnitFixture f;
  static String officerUser;
  static UUID second;
  static UUID person;
  static String personId;
  static UUID organisation;
  static UUID otherSubject;
  static UUID otherCase;

  @BeforeEach
  void world() throws Exception {
    if (f != null) {
      return;
    }
    UnitFixture fixture = new UnitFixture();
    officerUser = Api.unique("off");
    Api.createUser(fixture.admin, officerUser, "OFFICER", fixture.unit);
    second = Api.officer(fixture.admin, fixture.unit, "执法员" + Api.unique("王"), "GREEN");
    String first17 = "11010519850612" + String.format("%03d", new Random().nextInt(1000));
    personId = first17 + check(first17);
    person =
        UUID.fromString(
            as(fixture.admin)
                .body(
                    Map.of(
                        "unitId",
                        fixture.unit.toString(),
                        "kind",
                        "PERSON",
                        "name",
                        "张某某",
                        "identifier",
                        personId))
                .post("/api/v1/subjects")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    organisation = Api.organisation(fixture.admin, fixture.unit, "某某建材有限公司");

    UnitFixture other = new UnitFixture();
    otherSubject = Api.organisation(other.admin, other.unit, "乙区某公司");
    UUID otherOfficer = Api.officer(other.admin, other.unit, "乙区执法员", "GREEN");
    otherCase = createCase(other, otherOfficer, Api.unique("乙执罚-"), "乙区某公司违法建设案", otherSubject);
    f = fixture;
  }

  private static char check(String first17) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * weights[i];
    }
    return "10X98765432".charAt(sum % 11);
  }

  private static UUID createCase(
      UnitFixture fixture, UUID secondOfficer, String caseNo, String title, UUID subject) {
    Instant b = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
    Map<String, Object> act = new HashMap<>();
    act.put("type", "ON_SITE");
    act.put("from", b.toString());
    act.put("to", b.plusSeconds(600).toString());
    act.put("officerIds", List.of(fixture.officer.toString(), secondOfficer.toString()));
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", fixture.unit.toString());
    body.put("caseNo", caseNo);
    body.put("type", "PENALTY");
    body.put("title", title);
    body.put("subjectIds", List.of(subject.toString()));
    body.put("officerIds", List.of(fixture.officer.toString(), secondOfficer.toString()));
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

  /** Ids of the unit's unlinked records as GET /api/v1/evidence?unlinked=true lists them. */
  private static List<String> unlinkedInApi() {
    return as(f.admin)
        .queryParam("unitId", f.unit.toString())
        .queryParam("unlinked", true)
        .queryParam("limit", 500)
        .get("/api/v1/evidence")
        .then()
        .statusCode(200)
        .extract()
        .path("items.id");
  }

  /** evidence.linked entries of a record (one per link, as the API records them). */
  private long linkEvents(UUID id) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM audit_entry WHERE event_type = 'evidence.linked'"
                    + " AND target_id = ?")) {
      ps.setString(1, id.toString());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private Page signedIn(BrowserContext context, String path) {
    Page page = context == null ? browser.page() : context.newPage();
    page.navigate(Browser.url(path));
    browser.signIn(page, officerUser, Api.PASSWORD);
    return page;
  }

  @Test
  void an_officer_links_unlinked_recordings_from_the_inbox_and_they_appear_on_the_dossier()
      throws Exception {
    String caseNo = Api.unique("执罚-");
    UUID kase = createCase(f, second, caseNo, "张某某违法占道经营案", person);
    UUID one = f.uploadSynthetic(new Random().nextLong(), 40_000, "video/mp4");
    UUID two = f.uploadSynthetic(new Random().nextLong(), 50_000, "video/mp4");

    assertThat(unlinkedInApi()).contains(one.toString(), two.toString());
    Page page = signedIn(null, "/inbox");
    assertThat(page.locator("h1").textContent()).isEqualTo("收件箱");
    assertThat(page.locator("tr[data-evidence='" + one + "']").count()).isEqualTo(1);
    assertThat(page.locator("tr[data-evidence='" + two + "']").count()).isEqualTo(1);
    assertThat(page.locator("[data-testid=nav-inbox]").getAttribute("aria-current"))
        .isEqualTo("page");
    page.locator("#pick-" + one).check();
    page.locator("#pick-" + two).check();
    page.locator("[data-testid=case]").selectOption(kase.toString());

    // without a reason: nothing is linked, the page says why
    page.locator("[data-testid=link]").click();
    page.locator("[data-testid=link-error]").waitFor();
    assertThat(page.locator("[data-testid=link-error]").textContent()).isEqualTo("请填写关联理由。");

    // a subject who is not a party to the case: every record refused, each one listed
    page.locator("[data-testid=subject]").selectOption(organisation.toString());
    page.locator("[data-testid=reason]").fill("现场执法记录，补录案件编号");
    page.locator("[data-testid=link]").click();
    page.locator("[data-testid=link-result]").waitFor();
    assertThat(page.locator("[data-outcome='" + one + "']").getAttribute("data-state"))
        .isEqualTo("FAILED");
    assertThat(page.locator("[data-outcome='" + two + "']").textContent()).contains("当事人不是该案件的当事人");
    assertThat(page.locator("[data-testid=link-summary]").textContent()).contains("失败 2 条");
    assertThat(as(f.admin).get("/api/v1/evidence/" + one).then().extract().<Object>path("link"))
        .isNull();
    browser.screenshot(page, "officer-inbox-refused-zh");

    // the case's own subject: both linked, audited as the API does, gone from the inbox
    page.locator("[data-testid=subject]").selectOption("");
    page.locator("[data-testid=link]").click();
    page.waitForCondition(
        () ->
            "LINKED"
                .equals(page.locator("[data-outcome='" + one + "']").getAttribute("data-state")));
    assertThat(page.locator("[data-outcome='" + two + "']").getAttribute("data-state"))
        .isEqualTo("LINKED");
    assertThat(page.locator("tr[data-evidence='" + one + "']").count()).isZero();
    browser.screenshot(page, "officer-inbox-linked-zh");
    for (UUID id : List.of(one, two)) {
      var link = as(f.admin).get("/api/v1/evidence/" + id).then().statusCode(200).extract();
      assertThat(link.<String>path("link.caseId")).isEqualTo(kase.toString());
      assertThat(link.<String>path("link.subjectId")).isEqualTo(person.toString());
      assertThat(link.<String>path("link.reason")).isEqualTo("现场执法记录，补录案件编号");
    }
    assertThat(unlinkedInApi()).doesNotContain(one.toString(), two.toString());
    auditLog.integrate();
    assertThat(linkEvents(one)).isEqualTo(1);
    assertThat(linkEvents(two)).isEqualTo(1);

    // the dossier lists both
    page.locator("[data-testid=open-dossier]").click();
    page.waitForURL("**/cases/" + kase);
    assertThat(page.locator("[data-testid=records] tr[data-evidence='" + one + "']").count())
        .isEqualTo(1);
    assertThat(page.locator("[data-testid=records] tr[data-evidence='" + two + "']").count())
        .isEqualTo(1);

    // the full list shows them with their case; relinking is the same action
    page.navigate(Browser.url("/inbox?show=all"));
    assertThat(page.locator("tr[data-evidence='" + one + "']").textContent()).contains(caseNo);
    String otherNo = Api.unique("改-");
    UUID otherKase = createCase(f, second, otherNo, "张某某另案", person);
    page.reload();
    page.locator("#pick-" + one).check();
    page.locator("[data-testid=case]").selectOption(otherKase.toString());
    page.locator("[data-testid=reason]").fill("原关联案件有误");
    page.locator("[data-testid=link]").click();
    page.waitForCondition(
        () ->
            "RELINKED"
                .equals(page.locator("[data-outcome='" + one + "']").getAttribute("data-state")));
    assertThat(
            as(f.admin).get("/api/v1/evidence/" + one).then().extract().<String>path("link.caseId"))
        .isEqualTo(otherKase.toString());
    assertThat(page.locator("tr[data-evidence='" + one + "'] [data-linked-case]").textContent())
        .isEqualTo(otherNo);
    browser.screenshot(page, "officer-records-zh");
  }

  @Test
  void the_subject_page_shows_the_masked_identifier_cases_and_records_in_english()
      throws Exception {
    String caseNo = Api.unique("Subj-");
    UUID kase = createCase(f, second, caseNo, "张某某违法建设案", person);
    UUID clip = f.uploadSynthetic(new Random().nextLong(), 30_000, "video/mp4");
    as(f.admin)
        .body(Map.of("caseId", kase.toString(), "reason", "linked for the subject page"))
        .post("/api/v1/evidence/" + clip + "/links")
        .then()
        .statusCode(201);

    BrowserContext en = browser.newContext(new Browser.Options("en-US"));
    Page page = signedIn(en, "/subjects/" + person);
    assertThat(page.locator("h1").textContent()).isEqualTo("张某某");
    String shown = page.locator("[data-testid=identifier]").textContent();
    assertThat(shown).isEqualTo(personId.substring(0, 4) + "**********" + personId.substring(14));
    assertThat(page.content()).doesNotContain(personId);
    assertThat(page.locator("[data-testid=subject-cases] tr[data-case='" + kase + "']").count())
        .isEqualTo(1);
    assertThat(
            page.locator("[data-testid=subject-records] tr[data-evidence='" + clip + "']")
                .textContent())
        .contains(caseNo);
    assertThat(page.locator("#cases-h").textContent()).startsWith("Cases (");
    browser.screenshot(page, "officer-subject-en");

    // another unit's subject and case: the translated 404 page, even by typed address
    Response response = page.navigate(Browser.url("/subjects/" + otherSubject));
    assertThat(response.status()).isEqualTo(404);
    assertThat(page.content()).doesNotContain("乙区某公司");
    browser.screenshot(page, "officer-subject-404-en");
    assertThat(page.navigate(Browser.url("/cases/" + otherCase + "/documents")).status())
        .isEqualTo(404);
    assertThat(page.content()).doesNotContain("乙区某公司违法建设案");

    // the inbox in English
    page.navigate(Browser.url("/inbox"));
    assertThat(page.locator("h1").textContent()).isEqualTo("Inbox");
    browser.screenshot(page, "officer-inbox-en");

    // a reviewer may not link or open cases: the inbox and the case forms are the 403 page
    String reviewer = Api.unique("rev");
    Api.createUser(f.admin, reviewer, "REVIEWER", f.unit);
    Page theirs = browser.newContext(new Browser.Options("en-US")).newPage();
    theirs.navigate(Browser.url("/"));
    browser.signIn(theirs, reviewer, Api.PASSWORD);
    assertThat(theirs.locator("[data-testid=nav-inbox]").count()).isZero();
    assertThat(theirs.navigate(Browser.url("/inbox")).status()).isEqualTo(403);
    assertThat(theirs.navigate(Browser.url("/cases/new")).status()).isEqualTo(403);
    // but the subject page is theirs to read, as GET /api/v1/subjects/{id} is
    assertThat(theirs.navigate(Browser.url("/subjects/" + person)).status()).isEqualTo(200);
  }

  @Test
  void an_officer_opens_a_case_from_the_browser_and_adds_an_action() {
    Page page = signedIn(null, "/cases/new");
    String caseNo = Api.unique("新案-");
    page.locator("[data-testid=case-no]").fill(caseNo);
    page.locator("[data-testid=case-type]").selectOption("INSPECTION");
    page.locator("[data-testid=case-title]").fill("某某建材有限公司现场检查");
    page.locator("input[name=subjectIds][value='" + organisation + "']").check();
    page.locator("input[name=officerIds][value='" + f.officer + "']").check();
    page.locator("input[name=officerIds][value='" + second + "']").check();
    page.locator("[data-action] [name=actionFrom]").fill("2026-11-30T09:00");
    page.locator("[data-action] [name=actionTo]").fill("2026-11-30T09:30");
    browser.screenshot(page, "officer-new-case-zh");
    page.locator("[data-testid=save-case]").click();
    page.waitForURL("**/documents");
    String id = page.url().replaceAll(".*/cases/([^/]+)/documents.*", "$1");
    var dossier = as(f.admin).get("/api/v1/cases/" + id).then().statusCode(200).extract();
    assertThat(dossier.<String>path("caseNo")).isEqualTo(caseNo);
    assertThat(dossier.<List<Object>>path("actions")).hasSize(1);
    assertThat(dossier.<String>path("subjects[0].id")).isEqualTo(organisation.toString());

    // a second action on the documents page
    page.locator("#add-action [data-action] [name=actionType]").selectOption("EVIDENCE_GATHERING");
    page.locator("#add-action [data-action] [name=actionFrom]").fill("2026-11-30T10:00");
    page.locator("#add-action [data-action] [name=actionTo]").fill("2026-11-30T10:20");
    page.locator("[data-testid=save-action]").click();
    page.locator("[data-testid=action-saved]").waitFor();
    assertThat(
            as(f.admin).get("/api/v1/cases/" + id).then().extract().<List<Object>>path("actions"))
        .hasSize(2);

    // a refused case (the same number again) says why and stays on the form
    page.navigate(Browser.url("/cases/new"));
    page.locator("[data-testid=case-no]").fill(caseNo);
    page.locator("input[name=subjectIds][value='" + organisation + "']").check();
    page.locator("[data-action] [data-remove-action]").click();
    page.locator("[data-testid=save-case]").click();
    page.locator("[data-testid=problem]").waitFor();
    assertThat(page.locator("[data-testid=problem]").textContent()).startsWith("未保存：");
    assertThat(page.url()).endsWith("/cases/new");
  }

  @Test
  void a_document_upload_interrupted_by_a_reload_resumes_and_completes_with_the_right_hash()
      throws Exception {
    String caseNo = Api.unique("文书-");
    UUID kase = createCase(f, second, caseNo, "张某某违法占道经营案（文书）", person);
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "officer-upload-");
    Path file = dir.resolve("行政处罚决定书.pdf");
    byte[] bytes = new byte[5 * 1024 * 1024 + 12_345];
    new Random().nextBytes(bytes);
    System.arraycopy("%PDF-1.4\n".getBytes(), 0, bytes, 0, 9);
    Files.write(file, bytes);
    String sha256 = UnitFixture.sha256(file);

    Page page = signedIn(null, "/cases/" + kase + "/documents");
    AtomicInteger posts = new AtomicInteger();
    AtomicInteger patches = new AtomicInteger();
    page.onRequest(
        r -> {
          if (r.url().contains("/api/v1/uploads")) {
            if (r.method().equals("POST")) {
              posts.incrementAndGet();
            }
          }
        });
    // the second PATCH never reaches the server: the connection "drops"
    page.route(
        "**/api/v1/uploads/**",
        route -> {
          if (route.request().method().equals("PATCH") && patches.incrementAndGet() == 2) {
            route.abort();
          } else {
            route.resume();
          }
        });
    page.locator("[data-testid=file]").setInputFiles(file);
    page.locator("[data-testid=doc-title]").fill("行政处罚决定书");
    page.locator("[data-testid=upload]").click();
    page.locator("[data-testid=upload-status].alert-error").waitFor();
    browser.screenshot(page, "officer-upload-interrupted-zh");
    Object stored =
        page.evaluate(
            "() => Object.keys(localStorage).filter(k => k.startsWith('custodia.tus::')).length");
    assertThat(((Number) stored).intValue()).isEqualTo(1);

    page.reload();
    page.locator("[data-testid=unfinished-upload]").waitFor();
    assertThat(page.locator("[data-testid=unfinished-upload]").textContent())
        .contains("行政处罚决定书.pdf", String.valueOf(2 * 1024 * 1024));
    browser.screenshot(page, "officer-upload-unfinished-zh");
    page.locator("[data-testid=file]").setInputFiles(file);
    page.locator("[data-testid=doc-title]").fill("行政处罚决定书");
    page.locator("[data-testid=upload]").click();
    page.locator("[data-testid=upload-status].alert-ok").waitFor();
    assertThat(page.locator("form#upload").getAttribute("data-resumed-at"))
        .isEqualTo(String.valueOf(2 * 1024 * 1024));
    assertThat(posts.get()).as("one upload, resumed, not a second one").isEqualTo(1);
    assertThat(page.locator("[data-testid=browser-sha256]").textContent()).isEqualTo(sha256);
    assertThat(page.locator("[data-testid=server-sha256]").textContent()).isEqualTo(sha256);
    browser.screenshot(page, "officer-upload-done-zh");
    String evidence = page.locator("[data-testid=upload-status]").getAttribute("data-evidence");
    var record = as(f.admin).get("/api/v1/evidence/" + evidence).then().statusCode(200).extract();
    assertThat(record.<String>path("sha256")).isEqualTo(sha256);
    assertThat(record.<Integer>path("size")).isEqualTo(bytes.length);
    assertThat(record.<String>path("link.caseId")).isEqualTo(kase.toString());
    assertThat(
            ((Number)
                    page.evaluate(
                        "() => Object.keys(localStorage).filter(k => k.startsWith('custodia.tus::')).length"))
                .intValue())
        .isZero();

    // the record is on the dossier, which leads back to the documents page
    page.locator("[data-testid=back-to-dossier]").click();
    page.waitForURL("**/cases/" + kase);
    assertThat(page.locator("[data-testid=documents-link]").getAttribute("href"))
        .isEqualTo("/cases/" + kase + "/documents");
    assertThat(
            page.locator("[data-testid=records] tr[data-evidence='" + evidence + "']")
                .textContent())
        .contains("行政处罚决定书");
    browser.screenshot(page, "officer-dossier-with-document-zh");
  }

  @Test
  void every_role_reaches_exactly_the_officer_pages_it_may() {
    UUID kase = createCase(f, second, Api.unique("角色-"), "角色检查案", person);
    String[] pages = {
      "/inbox",
      "/cases/new",
      "/cases/" + kase + "/documents",
      "/subjects/" + person,
      "/subjects/" + otherSubject,
      "/cases/" + otherCase + "/documents"
    };
    Map<String, List<Integer>> expected = new java.util.LinkedHashMap<>();
    expected.put("OFFICER", List.of(200, 200, 200, 200, 404, 404));
    expected.put("REVIEWER", List.of(403, 403, 403, 200, 404, 403));
    expected.put("AUDITOR", List.of(403, 403, 403, 200, 404, 403));
    expected.put("SUPERVISOR", List.of(403, 403, 403, 200, 200, 403));
    expected.put("ADMIN", List.of(200, 200, 200, 200, 200, 200));
    expected.forEach(
        (role, statuses) -> {
          String name;
          String password = Api.PASSWORD;
          if (role.equals("ADMIN")) {
            name = "admin";
            password = org.custodia.testing.EmbeddedServicesResource.ADMIN_PASSWORD;
          } else {
            name = Api.unique(role.toLowerCase(java.util.Locale.ROOT));
            Api.createUser(f.admin, name, role, role.equals("SUPERVISOR") ? null : f.unit);
          }
          Browser.HttpSession session = Browser.httpSignIn(name, password);
          for (int i = 0; i < pages.length; i++) {
            int status =
                io.restassured.RestAssured.given()
                    .cookie(org.custodia.security.SessionCookie.NAME, session.cookie())
                    .redirects()
                    .follow(false)
                    .get(pages[i])
                    .statusCode();
            assertThat(status).as(role + " " + pages[i]).isEqualTo(statuses.get(i));
          }
          // linking from the inbox: as the API, only officers and admins
          int link =
              io.restassured.RestAssured.given()
                  .cookie(org.custodia.security.SessionCookie.NAME, session.cookie())
                  .header("X-CSRF-Token", session.csrf())
                  .formParam("reason", "x")
                  .post("/inbox/links")
                  .statusCode();
          assertThat(link)
              .as(role + " POST /inbox/links")
              .isEqualTo(role.equals("OFFICER") || role.equals("ADMIN") ? 400 : 403);
        });
  }
}
