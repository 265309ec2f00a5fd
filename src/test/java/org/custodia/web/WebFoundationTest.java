package org.custodia.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custodia.testing.Api;
import org.custodia.testing.Browser;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The web UI's foundation in a real Chromium: sign-in, session cookie, CSRF, languages. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WebFoundationTest {
  @RegisterExtension static final Browser browser = new Browser();

  static UnitFixture fixture;
  static String reviewer;
  static UUID document;

  @BeforeEach
  void seed() throws Exception {
    if (fixture != null) {
      return;
    }
    UnitFixture f = new UnitFixture();
    reviewer = Api.unique("reviewer");
    Api.createUser(f.admin, reviewer, "REVIEWER", f.unit);
    document = f.uploadSynthetic(4242, 64 * 1024, "application/octet-stream");
    fixture = f;
  }

  private Page signedIn() {
    Page page = browser.page();
    page.navigate(Browser.url("/login"));
    browser.signIn(page, reviewer, Api.PASSWORD);
    return page;
  }

  @Test
  void signing_in_through_the_page_sets_an_httponly_samesite_strict_session_cookie() {
    Page page = browser.page();
    page.navigate(Browser.url("/login"));
    assertThat(page.locator("h1").textContent()).isEqualTo("登录");
    browser.screenshot(page, "sign-in");
    browser.signIn(page, reviewer, Api.PASSWORD);

    assertThat(page.url()).isEqualTo(Browser.url("/"));
    Cookie cookie = Browser.sessionCookie(browser.context()).orElseThrow();
    assertThat(cookie.httpOnly).isTrue();
    assertThat(cookie.sameSite).isEqualTo(SameSiteAttribute.STRICT);
    assertThat(cookie.path).isEqualTo("/");
    assertThat(cookie.secure).isFalse(); // plain HTTP in the test; Secure over HTTPS
    assertThat(page.locator("[data-testid=user]").textContent())
        .contains(reviewer)
        .contains("评查人员");
    assertThat(page.locator("meta[name=csrf-token]").getAttribute("content"))
        .hasSizeGreaterThan(30);
    // the token is HttpOnly: page scripts cannot read it
    assertThat((String) page.evaluate("document.cookie")).doesNotContain("custodia_session");
    browser.screenshot(page, "home-zh");
  }

  @Test
  void a_wrong_password_shows_the_sign_in_page_again_with_a_message() {
    Page page = browser.page();
    page.navigate(Browser.url("/login"));
    browser.signIn(page, reviewer, "not-the-password");
    assertThat(page.url()).startsWith(Browser.url("/login"));
    assertThat(page.locator("[data-testid=signin-error]").textContent()).contains("用户名或密码错误");
    assertThat(Browser.sessionCookie(browser.context())).isEmpty();
    browser.screenshot(page, "sign-in-wrong-password");
  }

  @Test
  void a_page_without_a_session_redirects_to_sign_in_and_back_after_it() {
    Response direct = given().redirects().follow(false).get("/?from=link");
    assertThat(direct.statusCode()).isEqualTo(303);
    assertThat(direct.header("Location")).endsWith("/login?next=%2F%3Ffrom%3Dlink");
    // a broken bearer token on a page route: sent to sign in as well
    Response broken =
        given().redirects().follow(false).header("Authorization", "Bearer broken").get("/");
    assertThat(broken.statusCode()).isEqualTo(303);
    assertThat(broken.header("Location")).isEqualTo("/login");
    // the API keeps answering 401 problems
    Response api = given().redirects().follow(false).get("/api/v1/auth/me");
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.contentType()).startsWith("application/problem+json");

    // htmx requests are sent to sign in by HX-Redirect (a redirect would load inside the page)
    Response htmx =
        given()
            .redirects()
            .follow(false)
            .header("HX-Request", "true")
            .header("HX-Current-URL", Browser.url("/?from=htmx"))
            .post("/logout");
    assertThat(htmx.statusCode()).isEqualTo(401);
    assertThat(htmx.header("HX-Redirect")).isEqualTo("/login?next=%2F%3Ffrom%3Dhtmx");

    Page page = browser.page();
    page.navigate(Browser.url("/?from=link"));
    assertThat(page.url()).startsWith(Browser.url("/login?next="));
    browser.signIn(page, reviewer, Api.PASSWORD);
    assertThat(page.url()).isEqualTo(Browser.url("/?from=link"));
    // signed in, the sign-in page sends the browser on
    page.navigate(Browser.url("/login?next=%2F%3Fagain"));
    assertThat(page.url()).isEqualTo(Browser.url("/?again"));
  }

  @Test
  void a_link_from_another_site_reaches_its_page_in_a_signed_in_browser() {
    Page page = signedIn();
    // a page of another site (a chat, a mail; here 127.0.0.1, another site than localhost):
    // SameSite=Strict keeps the cookie off the navigation the click starts
    String elsewhere = Browser.origin().replace("localhost", "127.0.0.1");
    assertThat(elsewhere).isNotEqualTo(Browser.origin());
    page.navigate(elsewhere + "/static/custodia.css");
    page.evaluate(
        "href => { document.body.innerHTML = '';"
            + " const a = document.createElement('a'); a.id = 'link'; a.href = href;"
            + " a.textContent = 'case'; document.body.appendChild(a); }",
        Browser.url("/?from=chat"));
    page.locator("#link").click();
    page.waitForURL(Browser.url("/?from=chat"));
    assertThat(page.locator("[data-testid=user]").textContent()).contains(reviewer);
  }

  @Test
  void next_may_only_name_a_path_of_this_site() {
    for (String hostile : List.of("https://evil.example/", "//evil.example/", "/\\evil.example")) {
      Page page = browser.newContext(Browser.Options.defaults()).newPage();
      page.navigate(
          Browser.url(
              "/login?next="
                  + java.net.URLEncoder.encode(hostile, java.nio.charset.StandardCharsets.UTF_8)));
      browser.signIn(page, reviewer, Api.PASSWORD);
      assertThat(page.url()).isEqualTo(Browser.url("/"));
    }
  }

  @Test
  void the_session_cookie_authenticates_media_and_the_api_with_the_same_identity() {
    Page page = signedIn();
    Object me = page.evaluate("async () => (await fetch('/api/v1/auth/me')).json()");
    @SuppressWarnings("unchecked")
    Map<String, Object> identity = (Map<String, Object>) me;
    assertThat(identity.get("username")).isEqualTo(reviewer);
    assertThat(identity.get("role")).isEqualTo("REVIEWER");
    assertThat(identity.get("unitId")).isEqualTo(fixture.unit.toString());

    Object status =
        page.evaluate(
            "async (p) => (await fetch(p, {headers: {Range: 'bytes=0-9'}})).status",
            "/api/v1/evidence/" + document + "/content");
    assertThat(status).isEqualTo(206);

    // a reviewer of another unit: the same record is "not found", by cookie as by token
    UUID otherUnit = Api.createUnit(fixture.admin, Api.unique("WEB"), "另一单位");
    String outsider = Api.unique("outsider");
    Api.createUser(fixture.admin, outsider, "REVIEWER", otherUnit);
    Page other = browser.newContext(Browser.Options.defaults()).newPage();
    other.navigate(Browser.url("/login"));
    browser.signIn(other, outsider, Api.PASSWORD);
    Object refused =
        other.evaluate(
            "async (p) => (await fetch(p)).status", "/api/v1/evidence/" + document + "/content");
    assertThat(refused).isEqualTo(404);
  }

  @Test
  void an_unsafe_request_by_cookie_needs_the_csrf_token() {
    Page page = signedIn();
    String token = page.locator("meta[name=csrf-token]").getAttribute("content");
    String body =
        "{\"currentPassword\":\"wrong-password-123\",\"newPassword\":\"another-password-456\"}";
    String post =
        "async ([body, token]) => { const h = {'Content-Type': 'application/json'};"
            + " if (token) h['X-CSRF-Token'] = token;"
            + " const r = await fetch('/api/v1/auth/password', {method: 'POST', headers: h, body});"
            + " return [r.status, r.headers.get('content-type'), await r.text()]; }";
    List<?> without = (List<?>) page.evaluate(post, List.of(body, ""));
    assertThat(without.get(0)).isEqualTo(403);
    assertThat((String) without.get(2)).contains("/problems/csrf");
    List<?> forged = (List<?>) page.evaluate(post, List.of(body, token.substring(1) + "x"));
    assertThat(forged.get(0)).isEqualTo(403);
    // with the token the request reaches the resource (which refuses the wrong current password)
    List<?> with = (List<?>) page.evaluate(post, List.of(body, token));
    assertThat(with.get(0)).isEqualTo(400);
    assertThat((String) with.get(2)).contains("invalid-credentials");
    // custodia.fetch adds the token itself
    Object helper =
        page.evaluate(
            "async (body) => (await custodia.fetch('/api/v1/auth/password', {method: 'POST',"
                + " headers: {'Content-Type': 'application/json'}, body})).status",
            body);
    assertThat(helper).isEqualTo(400);
    // a page route too: sign-out without the token is refused and the session lives on
    Object logout = page.evaluate("async () => (await fetch('/logout', {method: 'POST'})).status");
    assertThat(logout).isEqualTo(403);
    Object me = page.evaluate("async () => (await fetch('/api/v1/auth/me')).status");
    assertThat(me).isEqualTo(200);
  }

  @Test
  void signing_out_ends_the_session_on_the_server() {
    Page page = signedIn();
    String old = Browser.sessionCookie(browser.context()).orElseThrow().value;
    assertThat(given().cookie("custodia_session", old).get("/api/v1/auth/me").statusCode())
        .isEqualTo(200);

    page.locator("[data-testid=sign-out]").click();
    page.waitForURL(url -> url.contains("/login"));
    assertThat(Browser.sessionCookie(browser.context())).isEmpty();
    // the old cookie no longer works anywhere
    assertThat(given().cookie("custodia_session", old).get("/api/v1/auth/me").statusCode())
        .isEqualTo(401);
    Response home = given().redirects().follow(false).cookie("custodia_session", old).get("/");
    assertThat(home.statusCode()).isEqualTo(303);
  }

  @Test
  void chinese_by_default_english_after_the_switch_and_accept_language_honoured() {
    // no preference at all: zh-CN
    String plain = given().get("/login").then().statusCode(200).extract().asString();
    assertThat(plain).contains("<html lang=\"zh-CN\">").contains("用户名");

    Page page = signedIn();
    assertThat(page.locator("html").getAttribute("lang")).isEqualTo("zh-CN");
    assertThat(page.locator(".mainnav").textContent()).contains("案卷检索").contains("抽查");
    page.locator(".lang-switch a", new Page.LocatorOptions().setHasText("English")).click();
    page.waitForURL(Browser.url("/"));
    assertThat(page.locator("html").getAttribute("lang")).isEqualTo("en");
    assertThat(page.locator(".mainnav").textContent())
        .contains("Case files")
        .contains("Spot checks");
    assertThat(page.locator("[data-testid=user]").textContent()).contains("Reviewer");
    browser.screenshot(page, "home-en");
    // remembered
    page.navigate(Browser.url("/"));
    assertThat(page.locator("h1").textContent()).isEqualTo("Workspace");

    // Accept-Language: an English browser gets English, until it switches to Chinese
    BrowserContext english = browser.newContext(new Browser.Options("en-US"));
    Page en = english.newPage();
    en.navigate(Browser.url("/login"));
    assertThat(en.locator("h1").textContent()).isEqualTo("Sign in");
    browser.screenshot(en, "sign-in-en");
    en.locator(".lang-switch a", new Page.LocatorOptions().setHasText("中文")).click();
    en.waitForLoadState();
    assertThat(en.locator("h1").textContent()).isEqualTo("登录");
    assertThat(
            given()
                .header("Accept-Language", "en-GB,en;q=0.8")
                .get("/login")
                .then()
                .extract()
                .asString())
        .contains("<html lang=\"en\">");
  }

  @Test
  void errors_on_pages_are_translated_html_pages_with_their_status() {
    Page page = signedIn();
    com.microsoft.playwright.Response missing = page.navigate(Browser.url("/no-such-page"));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.headers().get("content-type")).startsWith("text/html");
    assertThat(page.locator("h1").textContent()).isEqualTo("未找到");
    browser.screenshot(page, "not-found");
  }

  private static final Pattern URL = Pattern.compile("(?i)https?://[^\\s\"'<>)]+");

  @Test
  void no_page_or_asset_names_an_external_address() {
    Set<String> requested = new LinkedHashSet<>();
    Page page = browser.page();
    page.onRequest(r -> requested.add(r.url()));
    List<String> pages = new ArrayList<>();
    page.navigate(Browser.url("/login"));
    pages.add(page.content());
    browser.signIn(page, reviewer, Api.PASSWORD);
    pages.add(page.content());
    page.navigate(Browser.url("/no-such-page"));
    pages.add(page.content());

    // every asset the pages name, fetched as served
    Set<String> assets = new LinkedHashSet<>();
    Pattern ref = Pattern.compile("(?:href|src)=\"(/[^\"]*)\"");
    for (String html : pages) {
      Matcher m = ref.matcher(html);
      while (m.find()) {
        if (m.group(1).startsWith("/static/") || m.group(1).startsWith("/webjars/")) {
          assets.add(m.group(1));
        }
      }
    }
    assertThat(assets).contains("/static/custodia.css", "/static/custodia.js");
    assertThat(assets).anyMatch(a -> a.startsWith("/webjars/htmx.org/"));
    List<String> texts = new ArrayList<>(pages);
    for (String asset : assets) {
      texts.add(given().get(asset).then().statusCode(200).extract().asString());
    }
    List<String> external = new ArrayList<>();
    for (String text : texts) {
      Matcher m = URL.matcher(text);
      while (m.find()) {
        if (!m.group().startsWith(Browser.origin())) {
          external.add(m.group());
        }
      }
    }
    assertThat(external).isEmpty();
    assertThat(requested).isNotEmpty().allMatch(u -> u.startsWith(Browser.origin()));
  }
}
