package org.custodia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.Api;
import org.custodia.testing.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The review form in a real Chromium: drafts, inline errors, submission, corrections. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReviewPageTest {
  @RegisterExtension static final Browser browser = new Browser();

  static PlayerWorld world;
  static UUID clip;
  static UUID note;
  static PlayerWorld other;

  @BeforeEach
  void seed() throws Exception {
    if (world != null) {
      return;
    }
    PlayerWorld w = new PlayerWorld("评查");
    clip =
        w.upload(
            PlayerWorld.clip("DSJ_0002.mp4", "testsrc2=size=320x180:rate=25:duration=3", 3, false),
            "video/mp4",
            Duration.ofSeconds(10),
            Duration.ofSeconds(3));
    String token = Api.login(w.reviewer, Api.PASSWORD);
    note =
        UUID.fromString(
            as(token)
                .body(Map.of("atMs", 1200, "text", "未告知当事人陈述申辩权利"))
                .post("/api/v1/evidence/" + clip + "/notes")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    other = new PlayerWorld("他单位评查");
    world = w;
  }

  private Page open(String locale, String reviewer, String query) {
    Page page =
        locale.equals("zh-CN")
            ? browser.page()
            : browser.newContext(new Browser.Options(locale)).newPage();
    String path = "/cases/" + world.caseId + "/review" + query;
    page.navigate(Browser.url(path));
    browser.signIn(page, reviewer, Api.PASSWORD);
    assertThat(page.url()).isEqualTo(Browser.url(path));
    return page;
  }

  private static void confirmSubmit(Page page) {
    page.locator("[data-testid=submit]").click();
    assertThat(page.locator("#submit-dialog").isVisible()).isTrue();
    page.locator("[data-testid=confirm-submit]").click();
  }

  @Test
  void
      a_draft_survives_a_reload_errors_show_inline_and_a_submitted_review_is_read_only_and_corrected()
          throws Exception {
    String reviewer = Api.unique("reviewer");
    Api.createUser(world.fixture.admin, reviewer, "REVIEWER", world.fixture.unit);
    Page page = open("zh-CN", reviewer, "?new=1");
    assertThat(page.locator("h1").textContent()).contains("案卷评查").contains(world.caseNo);
    assertThat(page.locator(".criterion-label").allTextContents())
        .containsExactly("1 法律依据（适用法律）", "2 证据", "3 程序", "4 文书", "5 全过程记录");
    assertThat(page.locator(".grade-choice").allTextContents())
        .extracting(String::strip)
        .containsExactly("优秀", "良好", "合格", "不合格");

    // a comment with a reference to the note, no grade: submitting is refused inline, the draft
    // kept
    page.locator("[data-testid=comment-procedure]").fill("未告知陈述申辩权利，见笔记。");
    page.locator("[data-criterion=procedure] summary").click();
    page.locator("[data-criterion=procedure] [data-testid=note-ref]").check();
    page.locator("[data-testid=finding]").fill("程序存在瑕疵。");
    browser.screenshot(page, "form-zh");
    confirmSubmit(page);
    page.waitForSelector("[data-testid=error-grade]");
    assertThat(page.locator("[data-testid=error-grade]").textContent()).isEqualTo("提交前必须填写此项。");
    assertThat(page.locator("[data-testid=form-error]").textContent()).contains("未能提交");
    browser.screenshot(page, "form-error-zh");

    page.navigate(Browser.url("/cases/" + world.caseId + "/review"));
    assertThat(page.locator("[data-testid=comment-procedure]").inputValue())
        .isEqualTo("未告知陈述申辩权利，见笔记。");
    assertThat(page.locator("[data-criterion=procedure] [data-testid=note-ref]").isChecked())
        .isTrue();
    page.locator("[data-testid=grade-GOOD]").check();
    page.locator("[data-testid=save-draft]").click();
    page.waitForFunction(
        "() => document.querySelector('[data-testid=save-state]').textContent.includes('草稿已保存')");

    confirmSubmit(page);
    page.waitForSelector("[data-testid=submitted-notice]");
    assertThat(page.url()).contains("/review?submitted=");
    assertThat(page.locator("[data-testid=review-form]").count()).isZero();
    assertThat(page.locator("[data-testid=submitted-grade]").textContent()).isEqualTo("良好");
    assertThat(page.locator("[data-testid=submitted-by]").textContent())
        .contains(reviewer)
        .contains("北京时间");
    assertThat(page.locator("[data-testid=submitted-review] .refs a").getAttribute("href"))
        .isEqualTo("/evidence/" + clip + "?t=1.200");
    browser.screenshot(page, "submitted-zh");

    String token = Api.login(reviewer, Api.PASSWORD);
    JsonPath mine =
        as(token)
            .get("/api/v1/cases/" + world.caseId + "/reviews")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    int i = mine.getList("reviewerId").indexOf(Api.as(token).get("/api/v1/auth/me").path("id"));
    assertThat(mine.getString("[" + i + "].state")).isEqualTo("SUBMITTED");
    assertThat(mine.getString("[" + i + "].grade")).isEqualTo("GOOD");
    assertThat(mine.getString("[" + i + "].finding")).isEqualTo("程序存在瑕疵。");
    assertThat(mine.getList("[" + i + "].entries.criterion")).containsExactly("procedure");
    assertThat(mine.<String>getList("[" + i + "].entries[0].noteIds"))
        .containsExactly(note.toString());
    String first = mine.getString("[" + i + "].id");

    // correct it: a new draft naming the submitted review, starting from its content
    page.locator("#review-" + first + " [data-testid=correct]").click();
    page.waitForSelector("[data-testid=review-form]");
    assertThat(page.locator(".review-form .alert-warn").textContent()).contains(first);
    assertThat(page.locator("[data-testid=grade-GOOD]").isChecked()).isTrue();
    page.locator("[data-testid=grade-PASS]").check();
    confirmSubmit(page);
    page.waitForSelector("#review-" + first + ".review-corrected");
    assertThat(page.locator("#review-" + first + " .badge-warn").textContent()).isEqualTo("已被更正");
    browser.screenshot(page, "corrected-zh");
    JsonPath corrected =
        as(token).get("/api/v1/reviews/" + first).then().statusCode(200).extract().jsonPath();
    assertThat(corrected.getString("correctedBy")).isNotNull();
    assertThat(
            as(token)
                .get("/api/v1/reviews/" + corrected.getString("correctedBy"))
                .then()
                .statusCode(200)
                .extract()
                .<String>path("grade"))
        .isEqualTo("PASS");
  }

  @Test
  void the_form_speaks_english_with_the_configured_labels() {
    String reviewer = Api.unique("reviewer");
    Api.createUser(world.fixture.admin, reviewer, "REVIEWER", world.fixture.unit);
    Page page = open("en-US", reviewer, "?new=1");
    assertThat(page.locator("html").getAttribute("lang")).isEqualTo("en");
    assertThat(page.locator(".criterion-label").first().textContent())
        .isEqualTo("1 Legal basis (applicable law)");
    assertThat(page.locator("[data-testid=save-draft]").textContent()).isEqualTo("Save draft");
    confirmSubmit(page);
    page.waitForSelector("[data-testid=error-grade]");
    assertThat(page.locator("[data-testid=error-grade]").textContent())
        .isEqualTo("Required for submission.");
    assertThat(page.locator("[data-testid=error-finding]").count())
        .isZero(); // grade is checked first
    assertThat(page.content()).doesNotContain("{review:");
    browser.screenshot(page, "form-en");
  }

  @Test
  void another_units_case_is_not_found_and_an_auditor_reads_without_a_form() {
    Page page = browser.page();
    page.navigate(Browser.url("/login"));
    browser.signIn(page, world.reviewer, Api.PASSWORD);
    var response = page.navigate(Browser.url("/cases/" + other.caseId + "/review"));
    assertThat(response.status()).isEqualTo(404);
    assertThat(page.content()).doesNotContain(other.caseNo);

    String auditor = Api.unique("auditor");
    Api.createUser(world.fixture.admin, auditor, "AUDITOR", world.fixture.unit);
    Page audit = browser.newContext(Browser.Options.defaults()).newPage();
    audit.navigate(Browser.url("/cases/" + world.caseId + "/review"));
    browser.signIn(audit, auditor, Api.PASSWORD);
    assertThat(audit.locator("h1").textContent()).contains(world.caseNo);
    assertThat(audit.locator("[data-testid=review-form]").count()).isZero();
    // a posted form without the CSRF header is refused
    int status =
        ((Number)
                page.evaluate(
                    "async u => (await fetch(u, {method: 'POST', headers: {'Content-Type':"
                        + " 'application/x-www-form-urlencoded'}, body: 'grade=GOOD'})).status",
                    "/cases/" + world.caseId + "/review/draft"))
            .intValue();
    assertThat(status).isEqualTo(403);
  }
}
