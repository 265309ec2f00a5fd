package org.custodia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URL;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.Api;
import org.custodia.testing.Browser;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The administrators' pages in a real Chromium: a station registered on the page shows its token
 * once and that token uploads with the tus client (then shows in the station's health); rotating
 * stops the old token, revoking the new one; a custody handover shows in the device's history and
 * an overlapping one is refused in the page's language; a certificate change needs a reason and
 * shows in the history with it; auxiliary staff are marked; other roles get the 403 page; zh-CN and
 * en.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AdminPagesTest {
  @RegisterExtension static final Browser browser = new Browser();

  static UnitFixture f;
  static String admin;
  static String officerUser;

  @BeforeEach
  void world() {
    if (f != null) {
      return;
    }
    f = new UnitFixture();
    admin = Api.unique("adm");
    Api.createUser(f.admin, admin, "ADMIN", f.unit);
    officerUser = Api.unique("off");
    Api.createUser(f.admin, officerUser, "OFFICER", f.unit);
  }

  private Page signedIn(String path) {
    Page page = browser.page();
    page.onDialog(d -> d.accept());
    page.navigate(Browser.url(path));
    browser.signIn(page, admin, Api.PASSWORD);
    return page;
  }

  @Test
  void a_registered_station_s_token_uploads_with_tus_and_shows_in_its_health() throws Exception {
    Page page = signedIn("/stations");
    assertThat(page.title()).contains("采集站");
    String name = Api.unique("三号采集站");
    page.selectOption("[data-testid=unit]", f.unit.toString());
    page.fill("[data-testid=name]", name);
    page.fill("[data-testid=location]", "二楼值班室");
    page.click("[data-testid=register-button]");
    page.waitForSelector("[data-testid=issued]");
    String token = page.textContent("[data-testid=issued-token]").strip();
    String snippet = page.textContent("[data-testid=snippet]");
    assertThat(token).hasSizeGreaterThan(30);
    assertThat(snippet)
        .contains("custodia.token=" + token)
        .contains("custodia.tus-endpoint=" + Browser.origin() + "/api/v1/uploads");
    assertThat(page.textContent("[data-testid=issued]")).contains("只显示这一次");
    browser.screenshot(page, "station-issued");

    // the shown token is a working station credential: a tus upload with it completes
    long size = 300_000;
    Map<String, String> m = f.metadata(UnitFixture.sha256(11, size));
    m.put(
        "recordedFrom",
        java.time.Instant.now().minusSeconds(900).minusMillis(System.nanoTime() % 1000).toString());
    m.put("recordedTo", java.time.Instant.now().minusSeconds(840).toString());
    URL upload = UnitFixture.upload(UnitFixture.client(token), 11, size, m, 1024 * 1024);
    assertThat(upload).isNotNull();

    page.navigate(Browser.url("/stations"));
    var row = page.locator("[data-testid=station-row]", new Page.LocatorOptions().setHasText(name));
    assertThat(row.locator("[data-testid=today]").textContent()).contains("1 件");
    assertThat(row.locator("[data-testid=last-contact]").textContent()).doesNotContain("从未");
    browser.screenshot(page, "stations");

    // rotate: a new token is shown, the old one stops working
    row.locator("[data-testid=rotate]").click();
    page.waitForSelector("#issued [data-testid=issued-token]");
    String rotated = page.textContent("#issued [data-testid=issued-token]").strip();
    assertThat(rotated).isNotEqualTo(token);
    assertThat(uploadStatus(token)).isEqualTo(401);
    assertThat(uploadStatus(rotated)).isEqualTo(201);

    // revoke: the station's token stops working, the row says so
    page.navigate(Browser.url("/stations"));
    row = page.locator("[data-testid=station-row]", new Page.LocatorOptions().setHasText(name));
    row.locator("[data-testid=revoke]").click();
    page.waitForURL(Browser.url("/stations"));
    row = page.locator("[data-testid=station-row]", new Page.LocatorOptions().setHasText(name));
    row.locator("[data-testid=revoked]").waitFor();
    assertThat(uploadStatus(rotated)).isEqualTo(401);
  }

  /** The status of a tus creation request (an empty upload of 10 bytes) with {@code token}. */
  private int uploadStatus(String token) throws Exception {
    return RestAssured.given()
        .header("Authorization", "Bearer " + token)
        .header("Tus-Resumable", "1.0.0")
        .header("Upload-Length", "10")
        .header("Upload-Metadata", UnitFixture.tusMetadata(f.metadata(UnitFixture.sha256(12, 10))))
        .post("/api/v1/uploads")
        .statusCode();
  }

  @Test
  void officers_and_bodycams_are_registered_on_their_pages_with_the_api_s_rules() {
    Page page = signedIn("/admin/officers");
    page.click("[data-testid=new-officer]");
    page.waitForURL(Browser.url("/admin/officers/new"));
    String certificate = Api.unique("ZF");
    String name = Api.unique("李明");
    page.selectOption("[data-testid=new-officer-unit]", f.unit.toString());
    page.fill("[data-testid=new-officer-name]", name);
    page.fill("[data-testid=new-officer-cert]", certificate);
    page.selectOption("[data-testid=new-officer-status]", "YELLOW");
    page.fill("[data-testid=new-officer-from]", "2025-01-01");
    page.fill("[data-testid=new-officer-until]", "2030-12-31");
    // a name typed with a trailing space is refused as the API refuses it, never trimmed
    page.fill("[data-testid=new-officer-name]", name + " ");
    page.click("[data-testid=officer-create]");
    page.waitForSelector("[data-testid=new-officer-name-error]");
    assertThat(page.textContent("[data-testid=new-officer-name-error]")).isEqualTo("首尾不能有空白字符");
    assertThat(officersNamed(name)).isEmpty();
    page.fill("[data-testid=new-officer-name]", name);
    page.fill("[data-testid=new-officer-until]", "");
    // no end of validity: refused next to the field, in Chinese, nothing registered
    page.click("[data-testid=officer-create]");
    page.waitForSelector("[data-testid=new-officer-until-error]");
    assertThat(page.textContent("[data-testid=new-officer-until-error]")).isEqualTo("必填");
    assertThat(page.inputValue("[data-testid=new-officer-cert]")).isEqualTo(certificate);
    assertThat(officersNamed(name)).isEmpty();
    page.fill("[data-testid=new-officer-until]", "2030-12-31");
    page.click("[data-testid=officer-create]");
    page.waitForURL(url -> url.matches(".*/officers/[0-9a-f-]{36}$"));
    UUID officer = UUID.fromString(page.url().replaceAll(".*/officers/", ""));
    assertThat(page.textContent("h1")).contains(name);
    assertThat(page.textContent("[data-testid=cert-history]")).contains("登记");
    Map<String, Object> byApi =
        as(f.admin).get("/api/v1/officers/" + officer).then().statusCode(200).extract().path("");
    assertThat(byApi)
        .containsEntry("certificateNo", certificate)
        .containsEntry("certificateStatus", "YELLOW")
        .containsEntry("certificateValidUntil", "2030-12-31")
        .containsEntry("unitId", f.unit.toString());
    browser.screenshot(page, "officer-registered");

    // the same certificate number again: the API's conflict, said at the field
    page.navigate(Browser.url("/admin/officers/new"));
    page.selectOption("[data-testid=new-officer-unit]", f.unit.toString());
    page.fill("[data-testid=new-officer-name]", Api.unique("王刚"));
    page.fill("[data-testid=new-officer-cert]", certificate);
    page.fill("[data-testid=new-officer-until]", "2030-12-31");
    page.click("[data-testid=officer-create]");
    page.waitForSelector("[data-testid=new-officer-cert-error]");
    assertThat(page.textContent("[data-testid=new-officer-cert-error]")).contains("已有使用此执法证号");

    // auxiliary staff: no certificate asked, marked as such
    String helper = Api.unique("辅警赵六");
    page.navigate(Browser.url("/admin/officers/new"));
    page.selectOption("[data-testid=new-officer-unit]", f.unit.toString());
    page.fill("[data-testid=new-officer-name]", helper);
    page.check("[data-testid=new-officer-auxiliary]");
    page.click("[data-testid=officer-create]");
    page.waitForURL(url -> url.matches(".*/officers/[0-9a-f-]{36}$"));
    UUID auxiliary = UUID.fromString(page.url().replaceAll(".*/officers/", ""));
    page.locator("h1 [data-testid=aux-tag]").waitFor();

    // a bodycam: an auxiliary custodian is refused, the certified officer accepted
    String serial = Api.unique("DSJ-");
    page.navigate(Browser.url("/devices"));
    page.click("[data-testid=new-device]");
    page.waitForURL(Browser.url("/devices/new"));
    page.selectOption("[data-testid=new-device-unit]", f.unit.toString());
    page.fill("[data-testid=new-device-serial]", serial);
    page.fill("[data-testid=new-device-model]", "DSJ-V9");
    // auxiliary staff are not offered; a form altered to send one anyway meets the service's rule
    assertThat(page.locator("[data-testid=new-device-custodian] option").allTextContents())
        .noneMatch(o -> o.contains(helper));
    page.evaluate(
        "id => { const o = new Option('x', id); document.querySelector('[data-testid=new-device-custodian]').add(o); }",
        auxiliary.toString());
    page.selectOption("[data-testid=new-device-custodian]", auxiliary.toString());
    page.click("[data-testid=device-create]");
    page.waitForSelector("[data-testid=new-device-custodian-error]");
    assertThat(page.textContent("[data-testid=new-device-custodian-error]")).contains("不能是辅警");
    assertThat(devicesWithSerial(serial)).isEmpty();
    page.selectOption("[data-testid=new-device-custodian]", officer.toString());
    page.click("[data-testid=device-create]");
    page.waitForURL(url -> url.matches(".*/devices/[0-9a-f-]{36}$"));
    assertThat(page.textContent("[data-testid=holder]")).contains(name);
    assertThat(devicesWithSerial(serial)).hasSize(1);
    browser.screenshot(page, "device-registered");
  }

  private static List<Object> officersNamed(String name) {
    return as(f.admin)
        .queryParam("q", name)
        .get("/api/v1/officers")
        .then()
        .statusCode(200)
        .extract()
        .path("items");
  }

  private static List<Object> devicesWithSerial(String serial) {
    return as(f.admin)
        .queryParam("q", serial)
        .get("/api/v1/devices")
        .then()
        .statusCode(200)
        .extract()
        .path("items");
  }

  @Test
  void a_handover_shows_in_the_device_s_custody_history_and_an_overlap_is_refused() {
    UUID next = Api.officer(f.admin, f.unit, "执法员李四", "GREEN");
    Page page = signedIn("/devices?unit=" + f.unit);
    page.click("[data-device='" + f.device + "'] [data-testid=device-link]");
    page.waitForURL(Browser.url("/devices/" + f.device));
    assertThat(page.textContent("[data-testid=holder]")).contains("执法员张三");
    page.selectOption("[data-testid=officer]", next.toString());
    page.fill("[data-testid=handover-reason]", "交接班");
    page.click("[data-testid=handover-button]");
    page.waitForSelector("[data-testid=holder]:has-text('执法员李四')");
    var rows = page.locator("[data-testid=custody-row]");
    assertThat(rows.count()).isEqualTo(2);
    assertThat(rows.nth(0).textContent()).contains("执法员李四").contains("交接班").contains("当前");
    assertThat(rows.nth(1).textContent()).contains("执法员张三");
    assertThat(
            as(f.admin)
                .get("/api/v1/devices/" + f.device)
                .then()
                .extract()
                .<String>path("custodianOfficerId"))
        .isEqualTo(next.toString());
    browser.screenshot(page, "device");

    // an earlier start overlaps the periods on record: refused, said in Chinese, nothing changed
    String yesterday =
        LocalDateTime.now(ZoneId.of("Asia/Shanghai"))
            .minusDays(1)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
    page.selectOption("[data-testid=officer]", f.officer.toString());
    page.fill("[data-testid=from]", yesterday);
    Response refused =
        page.waitForResponse(
            r -> r.url().endsWith("/custody"), () -> page.click("[data-testid=handover-button]"));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(page.textContent("[data-testid=handover-error]")).contains("重叠");
    assertThat(as(f.admin).get("/api/v1/devices/" + f.device + "/custody").jsonPath().getList("$"))
        .hasSize(2);
    browser.screenshot(page, "device-overlap");
  }

  @Test
  void a_certificate_change_needs_a_reason_and_shows_in_the_history_with_it() {
    UUID officer = Api.officer(f.admin, f.unit, "执法员赵六", "GREEN");
    Page page = signedIn("/admin/officers?unit=" + f.unit);
    assertThat(page.locator("[data-officer='" + f.auxiliary + "'] [data-testid=aux-tag]").count())
        .isEqualTo(1);
    browser.screenshot(page, "officers");
    page.click("[data-officer='" + officer + "'] [data-testid=officer-link]");
    page.waitForURL(Browser.url("/officers/" + officer));
    int before = page.locator("[data-testid=cert-row]").count();
    page.selectOption("[data-testid=status]", "YELLOW");
    page.click("[data-testid=cert-submit]");
    page.waitForSelector("[data-testid=cert-reason-error]");
    assertThat(page.textContent("[data-testid=cert-reason-error]")).contains("不能为空");
    assertThat(page.locator("[data-testid=cert-row]").count()).isEqualTo(before);
    page.fill("[data-testid=cert-reason-input]", "年度复核：培训未完成");
    page.click("[data-testid=cert-submit]");
    page.waitForSelector("[data-testid=cert-reason]:text-is('年度复核：培训未完成')");
    var rows = page.locator("[data-testid=cert-row]");
    assertThat(rows.count()).isEqualTo(before + 1);
    // newest first: GREEN → YELLOW with the reason
    assertThat(rows.nth(0).textContent()).contains("绿").contains("黄").contains("年度复核");
    assertThat(page.textContent("[data-testid=officer-facts]")).contains("黄");
    List<Object> history =
        as(f.admin).get("/api/v1/officers/" + officer + "/status-history").jsonPath().getList("$");
    assertThat(history).hasSize(before + 1);
    browser.screenshot(page, "officer");

    // auxiliary staff: marked, and no certificate form
    page.navigate(Browser.url("/officers/" + f.auxiliary));
    assertThat(page.locator("h1 [data-testid=aux-tag]").count()).isEqualTo(1);
    assertThat(page.locator("[data-testid=cert-change]").count()).isZero();
  }

  @Test
  void the_status_page_shows_what_health_and_metrics_expose() {
    Page page = signedIn("/admin/status");
    // the same bean as /q/health: S3Proxy enforces no Object Lock, and the page says so
    String lock =
        RestAssured.get("/q/health")
            .then()
            .extract()
            .path("checks.find { it.name == 'object-store' }.data.objectLockEnforced")
            .toString();
    assertThat(page.textContent("[data-testid=object-lock]"))
        .isEqualTo("true".equals(lock) ? "由对象存储强制" : "对象存储未强制，由本服务强制");
    assertThat(page.textContent("[data-testid=generation]")).matches("\\d+");
    assertThat(page.textContent("[data-testid=tsa]")).isEqualTo("内置 TSA");
    assertThat(page.textContent("[data-testid=tree-size]")).matches("\\d+");
    assertThat(page.locator("[data-check='object-store']").count()).isEqualTo(1);
    assertThat(page.locator("[data-testid=status-media] [data-state=QUEUED]").textContent())
        .matches("\\d+");
    browser.screenshot(page, "status");
  }

  @Test
  void units_and_users_are_run_by_the_user_service_s_rules() {
    Page page = signedIn("/admin/units");
    String code = Api.unique("U").replaceAll("[^A-Za-z0-9_-]", "");
    page.fill("[data-testid=unit-code]", code);
    page.fill("[data-testid=unit-name]", "测试第二单位");
    page.click("[data-testid=unit-create]");
    page.waitForSelector("[data-testid=units] td:text-is('" + code + "')");
    // the same code again: refused by the service, said under the field
    page.fill("[data-testid=unit-code]", code);
    page.fill("[data-testid=unit-name]", "重复");
    page.click("[data-testid=unit-create]");
    assertThat(page.waitForSelector("[data-testid=unit-code-error]").textContent()).contains("已有");
    browser.screenshot(page, "units");

    page.navigate(Browser.url("/admin/users?unit=" + f.unit));
    String name = Api.unique("rev").toLowerCase(java.util.Locale.ROOT);
    page.fill("[data-testid=new-username]", name);
    page.fill("[data-testid=new-password-input]", Api.PASSWORD);
    page.selectOption("[data-testid=new-role]", "REVIEWER");
    page.click("[data-testid=user-create]");
    // a unit-scoped role needs a unit (UserService's rule)
    assertThat(page.waitForSelector("[data-testid=new-unit-error]").textContent())
        .contains("必须选择单位");
    page.fill("[data-testid=new-password-input]", Api.PASSWORD);
    page.selectOption("[data-testid=new-unit]", f.unit.toString());
    page.click("[data-testid=user-create]");
    var row = page.locator("[data-user='" + name + "']");
    row.waitFor();
    assertThat(Api.login(name, Api.PASSWORD)).isNotBlank();

    // change the role
    row.locator("[data-testid=user-role]").selectOption("SUPERVISOR");
    row.locator("[data-testid=user-save]").click();
    page.waitForSelector(
        "[data-user='" + name + "'] [data-testid=user-role] option[value=SUPERVISOR][selected]",
        new Page.WaitForSelectorOptions()
            .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
    assertThat(
            as(Api.login(name, Api.PASSWORD))
                .get("/api/v1/auth/me")
                .then()
                .extract()
                .<String>path("role"))
        .isEqualTo("SUPERVISOR");

    // reset the password: shown once, the old one stops working
    page.locator("[data-user='" + name + "'] [data-testid=user-reset]").click();
    String fresh = page.waitForSelector("[data-testid=new-password]").textContent().strip();
    assertThat(Api.login(name, fresh)).isNotBlank();
    RestAssured.given()
        .contentType("application/json")
        .body(Map.of("username", name, "password", Api.PASSWORD))
        .post("/api/v1/auth/login")
        .then()
        .statusCode(401);
    browser.screenshot(page, "users-password");

    // disable: the account stops working
    page.locator("[data-user='" + name + "'] [data-testid=user-disable]").click();
    page.waitForSelector("[data-user='" + name + "'] [data-testid=disabled]");
    RestAssured.given()
        .contentType("application/json")
        .body(Map.of("username", name, "password", fresh))
        .post("/api/v1/auth/login")
        .then()
        .statusCode(401);

    // no administrator disables their own account
    page.locator("[data-user='" + admin + "'] [data-testid=user-disable]").click();
    assertThat(page.waitForSelector("[data-testid=user-error]").textContent()).contains("不能停用自己");
    browser.screenshot(page, "users");
  }

  @Test
  void only_administrators_reach_the_pages() {
    String supervisor = Api.unique("sup");
    Api.createUser(f.admin, supervisor, "SUPERVISOR", null);
    String auditor = Api.unique("aud");
    Api.createUser(f.admin, auditor, "AUDITOR", f.unit);
    for (String user : List.of(officerUser, supervisor, auditor)) {
      BrowserContext context = browser.newContext(Browser.Options.defaults());
      Page page = context.newPage();
      page.navigate(Browser.url("/stations"));
      browser.signIn(page, user, Api.PASSWORD);
      assertThat(page.locator("[data-testid=nav-admin]").count()).as(user).isZero();
      for (String path :
          List.of(
              "/stations",
              "/devices",
              "/devices/" + f.device,
              "/admin/officers",
              "/officers/" + f.officer,
              "/admin/status",
              "/admin/units",
              "/admin/users")) {
        Response r = page.navigate(Browser.url(path));
        assertThat(r.status()).as(user + " " + path).isEqualTo(403);
        assertThat(page.locator("[data-testid=stations]").count()).isZero();
      }
      // a state change by typed request is refused the same way (the CSRF token is valid)
      Object status =
          page.evaluate(
              "() => fetch('/stations/' + '"
                  + f.station
                  + "' + '/revoke', {method: 'POST', headers: {'X-CSRF-Token':"
                  + " document.querySelector('meta[name=csrf-token]').content}}).then(r => r.status)");
      assertThat(status).as(user).isEqualTo(403);
      if (user.equals(officerUser)) {
        browser.screenshot(page, "forbidden");
      }
      context.close();
    }
    assertThat(
            as(f.admin)
                .get("/api/v1/stations/" + f.station)
                .then()
                .extract()
                .<Boolean>path("enabled"))
        .isTrue();
  }

  @Test
  void the_pages_in_english() {
    BrowserContext en = browser.newContext(new Browser.Options("en-US"));
    Page page = en.newPage();
    page.navigate(Browser.url("/stations"));
    browser.signIn(page, admin, Api.PASSWORD);
    assertThat(page.textContent("h1")).isEqualTo("Docking stations");
    assertThat(page.textContent("[data-testid=nav-admin]")).isEqualTo("Administration");
    browser.screenshot(page, "stations-en");
    page.navigate(Browser.url("/devices/" + f.device));
    assertThat(page.textContent("#history-h")).isEqualTo("Custody history");
    browser.screenshot(page, "device-en");
    page.navigate(Browser.url("/officers/" + f.officer));
    assertThat(page.textContent("#history-h")).isEqualTo("Certificate history");
    browser.screenshot(page, "officer-en");
    en.close();
  }
}
