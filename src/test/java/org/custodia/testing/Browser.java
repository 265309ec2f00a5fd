package org.custodia.testing;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real headless Chromium (Debian's {@code /usr/bin/chromium}, driven by Playwright; Playwright
 * never downloads a browser here) for browser tests of the web UI. Register it in a test class:
 *
 * <pre>{@code
 * @RegisterExtension static final Browser browser = new Browser();
 * ...
 * Page page = browser.page();              // this test's page, in its own fresh context
 * browser.signIn(page, "alice", Api.PASSWORD);
 * browser.screenshot(page, "home");         // target/screenshots/<TestClass>-home.png
 * }</pre>
 *
 * The browser starts once per test class (with its own fresh profile directory, which Playwright
 * creates and removes); every test gets a new context (no cookies, no storage), closed after it.
 * {@link #newContext(Browser.Options)} opens further contexts (another user, another language).
 */
public final class Browser
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  /** Debian's chromium (scripts/test installs it); CUSTODIA_TEST_CHROMIUM may name another. */
  public static final Path CHROMIUM =
      Paths.get(
          Optional.ofNullable(System.getenv("CUSTODIA_TEST_CHROMIUM")).orElse("/usr/bin/chromium"));

  public static final Path SCREENSHOTS = Paths.get("target", "screenshots");

  private static final List<String> ARGS =
      List.of(
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--autoplay-policy=no-user-gesture-required");

  private Playwright playwright;
  private com.microsoft.playwright.Browser browser;
  private final List<BrowserContext> contexts = new ArrayList<>();
  private BrowserContext context;
  private Page page;
  private String testClass = "Browser";

  /** Options of a new context. */
  public record Options(String locale) {
    public static Options defaults() {
      return new Options("zh-CN");
    }
  }

  @Override
  public void beforeAll(ExtensionContext extension) {
    testClass = extension.getRequiredTestClass().getSimpleName();
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(ARGS));
  }

  @Override
  public void afterAll(ExtensionContext extension) {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  @Override
  public void beforeEach(ExtensionContext extension) {
    context = newContext(Options.defaults());
    page = context.newPage();
  }

  @Override
  public void afterEach(ExtensionContext extension) {
    for (BrowserContext c : contexts) {
      c.close();
    }
    contexts.clear();
    context = null;
    page = null;
  }

  /** The base address of the application under test, e.g. {@code http://localhost:41234}. */
  /**
   * Runs an htmx action and waits for its response and for htmx to settle the swapped content (only
   * then are the new elements' triggers in place).
   */
  public static void htmx(
      Page page,
      String path,
      java.util.function.Predicate<com.microsoft.playwright.Response> response,
      Runnable action) {
    page.evaluate(
        "path => { window.__settled = false; document.body.addEventListener('htmx:afterSettle',"
            + " function listener(e) { var p = (e.detail.pathInfo || {}).requestPath || '';"
            + " if (p.endsWith(path)) { window.__settled = true;"
            + " document.body.removeEventListener('htmx:afterSettle', listener); } }); }",
        path);
    page.waitForResponse(r -> r.url().endsWith(path) && response.test(r), action);
    page.waitForFunction("() => window.__settled === true");
  }

  public static String origin() {
    return RestAssured.baseURI + ":" + RestAssured.port;
  }

  /** {@code path} on the application under test. */
  public static String url(String path) {
    return origin() + path;
  }

  /** This test's page (in this test's context; the browser language is zh-CN). */
  public Page page() {
    return page;
  }

  /** This test's context. */
  public BrowserContext context() {
    return context;
  }

  /** A further fresh context, closed after the test. */
  public BrowserContext newContext(Options options) {
    BrowserContext c =
        browser.newContext(
            new com.microsoft.playwright.Browser.NewContextOptions()
                .setLocale(options.locale())
                .setViewportSize(1280, 800)
                .setBaseURL(origin()));
    contexts.add(c);
    return c;
  }

  /** Signs in through the real sign-in page and waits for the page it leads to. */
  public Page signIn(Page page, String username, String password) {
    if (!page.url().contains("/login")) {
      page.navigate(url("/login"));
    }
    page.locator("input[name=username]").fill(username);
    page.locator("input[name=password]").fill(password);
    page.waitForResponse(
        r -> r.request().method().equals("POST") && r.url().endsWith("/login"),
        () -> page.locator("form button[type=submit]").click());
    page.waitForLoadState();
    return page;
  }

  /** The session cookie of {@code context}, when it has one. */
  public static Optional<Cookie> sessionCookie(BrowserContext context) {
    return context.cookies().stream()
        .filter(c -> c.name.equals(org.custodia.security.SessionCookie.NAME))
        .findFirst();
  }

  /** A browser session opened over plain HTTP: the session cookie's value and its CSRF token. */
  public record HttpSession(String cookie, String csrf) {}

  /**
   * Signs in through the sign-in form without a browser (GET /login for the form's token, POST it),
   * for tests that only need the cookie; the CSRF token is read from the home page.
   */
  public static HttpSession httpSignIn(String username, String password) {
    io.restassured.response.Response form = RestAssured.given().get("/login");
    String loginCsrf = form.cookie("custodia_login");
    io.restassured.response.Response signedIn =
        RestAssured.given()
            .redirects()
            .follow(false)
            .cookie("custodia_login", loginCsrf)
            .formParam("username", username)
            .formParam("password", password)
            .formParam("csrf", loginCsrf)
            .formParam("next", "/")
            .post("/login");
    if (signedIn.statusCode() != 303) {
      throw new AssertionError("sign-in answered " + signedIn.statusCode());
    }
    String cookie = signedIn.cookie(org.custodia.security.SessionCookie.NAME);
    String home =
        RestAssured.given()
            .cookie(org.custodia.security.SessionCookie.NAME, cookie)
            .get("/")
            .asString();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">")
            .matcher(home);
    if (!m.find()) {
      throw new AssertionError("no CSRF token on the home page");
    }
    return new HttpSession(cookie, m.group(1));
  }

  /** Writes a full-page PNG to {@code target/screenshots/<TestClass>-<name>.png}. */
  public Path screenshot(Page page, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Path file = SCREENSHOTS.resolve(testClass + "-" + name + ".png");
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    return file;
  }
}
