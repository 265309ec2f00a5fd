package org.custodia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.Api;
import org.custodia.testing.Browser;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The review workspace end to end, in a real Chromium against the real stack: a recording uploaded
 * through tus and processed; sign in through the login page; find the dossier on {@code /cases},
 * open it, open the recording, play it, add a note, reload, jump to the note, fill and submit the
 * review form; then find the grade and the audit events of the dossier view and the playback
 * through the API with a bearer token. And the time from opening {@code /evidence/{id}} of a
 * one-hour recording to its first played frame ({@code FIRST-FRAME ms=…}, printed, not asserted).
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReviewWorkspaceFlowTest {
  @RegisterExtension static final Browser browser = new Browser();

  private static double now(Page page) {
    return ((Number) page.evaluate("() => document.getElementById('player-video').currentTime"))
        .doubleValue();
  }

  private static void awaitPlayer(Page page) {
    page.waitForFunction("() => window.custodiaPlayer && window.custodiaPlayer.ready");
    page.waitForFunction("() => document.getElementById('player-video').readyState >= 1");
  }

  /** The events of {@code type} on {@code target}, as the API lists them (waits for the log). */
  private static List<Map<String, Object>> events(
      String token, String type, UUID target, int atLeast) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      List<Map<String, Object>> items =
          as(token)
              .queryParams(Map.of("type", type, "targetId", target.toString()))
              .get("/api/v1/audit/events")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("items");
      if (items.size() >= atLeast) {
        return items;
      }
      assertThat(System.currentTimeMillis())
          .as(type + " on " + target + " not in the audit log")
          .isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  @SuppressWarnings("unchecked")
  private static String actorOf(Map<String, Object> item) {
    return (String)
        ((Map<String, Object>) ((Map<String, Object>) item.get("event")).get("actor")).get("id");
  }

  /** Runs the whole flow in one language; returns the reviewer's id and the ids it made. */
  private void flow(String locale, String tag, boolean full) throws Exception {
    boolean zh = locale.startsWith("zh");
    PlayerWorld world = new PlayerWorld(zh ? "流程" : "FLOW");
    Path file =
        PlayerWorld.clip("DSJ_flow.mp4", "testsrc2=size=320x180:rate=25:duration=8", 8, true);
    UUID clip = world.upload(file, "video/mp4", Duration.ofSeconds(20), Duration.ofSeconds(8));
    world.awaitReviewCopy(clip, Duration.ofSeconds(90));

    Page page = zh ? browser.page() : browser.newContext(new Browser.Options(locale)).newPage();
    // sign in through the login page, coming from the dossier search
    page.navigate(Browser.url("/cases"));
    assertThat(page.url()).startsWith(Browser.url("/login?next="));
    browser.screenshot(page, tag + "-sign-in");
    browser.signIn(page, world.reviewer, Api.PASSWORD);
    assertThat(page.url()).startsWith(Browser.url("/cases"));

    // search the dossier, open it
    page.locator("input[name=caseNo]").fill(world.caseNo);
    page.locator("input[name=caseNo]").press("Enter");
    page.waitForSelector("a[href='/cases/" + world.caseId + "']");
    browser.screenshot(page, tag + "-search");
    page.locator("a[href='/cases/" + world.caseId + "']").first().click();
    page.waitForURL(Browser.url("/cases/" + world.caseId));
    assertThat(page.locator("h1").textContent()).contains(world.caseNo);
    browser.screenshot(page, tag + "-dossier");

    // open the recording, play it, see currentTime advance
    page.locator("a[href='/evidence/" + clip + "']").first().click();
    page.waitForURL(Browser.url("/evidence/" + clip));
    awaitPlayer(page);
    page.locator("[data-testid=play]").click();
    page.waitForFunction("() => document.getElementById('player-video').currentTime > 1");
    double played = now(page);
    page.waitForFunction(
        "t => document.getElementById('player-video').currentTime > t + 0.5", played);
    page.locator("body").press("k");
    browser.screenshot(page, tag + "-player");

    // a note at the current time
    page.evaluate("() => window.custodiaPlayer.seek(3.2)");
    page.locator("body").press("n");
    String text = zh ? "3 秒处执法人员未出示执法证件。" : "Officer shows no warrant card at 3 s.";
    page.locator("[data-testid=note-text]").fill(text);
    page.locator("[data-testid=save-note]").click();
    page.waitForSelector("[data-testid=note-time]");

    // reload: the note is still there; clicking it seeks to its time
    page.reload();
    awaitPlayer(page);
    assertThat(page.locator(".note-text").textContent()).isEqualTo(text);
    page.evaluate("() => window.custodiaPlayer.seek(7)");
    page.locator("[data-testid=note-time]").click();
    page.waitForFunction(
        "() => Math.abs(document.getElementById('player-video').currentTime - 3.2) < 0.01");
    browser.screenshot(page, tag + "-notes");

    // the review form: fill it, reference the note, submit
    page.locator("[data-testid=review-link]").click();
    page.waitForURL(Browser.url("/cases/" + world.caseId + "/review"));
    page.locator("[data-testid=comment-recording-completeness]")
        .fill(zh ? "执法记录完整，但有未出示证件的情况。" : "Complete recording, but no warrant card shown.");
    if (full) {
      page.locator("[data-criterion=recording-completeness] summary").click();
      page.locator("[data-criterion=recording-completeness] [data-testid=note-ref]").check();
    }
    page.locator("[data-testid=grade-GOOD]").check();
    page.locator("[data-testid=finding]").fill(zh ? "案卷基本规范，评为良好。" : "Mostly in order: good.");
    browser.screenshot(page, tag + "-review-form");
    page.locator("[data-testid=submit]").click();
    page.locator("[data-testid=confirm-submit]").click();
    page.waitForSelector("[data-testid=submitted-notice]");
    assertThat(page.locator("[data-testid=submitted-grade]").textContent())
        .isEqualTo(zh ? "良好" : "Good (良好)");
    browser.screenshot(page, tag + "-review-submitted");

    // through the API with a bearer token: the submitted review with its grade, and the audit
    // events of the dossier view and the playback, each once, by this reviewer
    String token = Api.login(world.reviewer, Api.PASSWORD);
    JsonPath reviews =
        as(token)
            .get("/api/v1/cases/" + world.caseId + "/reviews")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(reviews.getList("state")).containsExactly("SUBMITTED");
    assertThat(reviews.getString("[0].grade")).isEqualTo("GOOD");
    assertThat(reviews.getString("[0].reviewerId")).isEqualTo(world.reviewerId.toString());
    if (full) {
      String noteId =
          as(token).get("/api/v1/evidence/" + clip + "/notes").then().extract().path("[0].id");
      assertThat(reviews.<String>getList("[0].entries[0].noteIds")).containsExactly(noteId);
    }
    String auditor = world.fixture.user("AUDITOR");
    List<Map<String, Object>> viewed = events(auditor, "case.viewed", world.caseId, 1);
    assertThat(viewed)
        .extracting(ReviewWorkspaceFlowTest::actorOf)
        .containsExactly(world.reviewerId.toString());
    List<Map<String, Object>> streamed = events(auditor, "evidence.streamed", clip, 1);
    // dozens of range requests and a reload: one viewing session, one event
    assertThat(streamed)
        .extracting(ReviewWorkspaceFlowTest::actorOf)
        .containsExactly(world.reviewerId.toString());
    assertThat(events(auditor, "review.submitted", reviews.getUUID("[0].id"), 1)).hasSize(1);
    assertThat(events(auditor, "review.note-added", clip, 1)).hasSize(1);
  }

  @Test
  void a_reviewer_finds_watches_notes_and_grades_a_dossier_in_chinese() throws Exception {
    flow("zh-CN", "zh", true);
  }

  @Test
  void the_same_in_english() throws Exception {
    flow("en-US", "en", false);
  }

  @Test
  void the_first_frame_of_a_one_hour_recording_is_measured() throws Exception {
    PlayerWorld world = new PlayerWorld("一小时");
    long made = System.nanoTime();
    Path hour =
        PlayerWorld.clip("DSJ_hour.mp4", "testsrc2=size=320x180:rate=5:duration=3600", 3600, false);
    System.out.printf(
        "FIRST-FRAME one-hour clip made in %d ms (%d bytes)%n",
        (System.nanoTime() - made) / 1_000_000, java.nio.file.Files.size(hour));
    UUID id = world.upload(hour, "video/mp4", Duration.ofSeconds(0), Duration.ofHours(1));
    world.awaitReviewCopy(id, Duration.ofMinutes(5));
    assertThat(
            as(world.fixture.admin)
                .get("/api/v1/evidence/" + id + "/playback")
                .then()
                .extract()
                .<Integer>path("durationMs"))
        .isEqualTo(3_600_000);

    Page page = browser.page();
    page.navigate(Browser.url("/login"));
    browser.signIn(page, world.reviewer, Api.PASSWORD);
    long[] figures = new long[3];
    for (int i = 0; i < figures.length; i++) {
      // navigation start of /evidence/{id} is performance.now() == 0 of the new document
      page.navigate(Browser.url("/evidence/" + id + "?play=1"));
      page.waitForFunction(
          "() => window.custodiaPlayer && window.custodiaPlayer.firstFrameMs != null");
      figures[i] =
          Math.round(
              ((Number) page.evaluate("() => window.custodiaPlayer.firstFrameMs")).doubleValue());
      assertThat(now(page)).isGreaterThanOrEqualTo(0);
      Object marks =
          page.evaluate(
              "() => { const m = window.custodiaPlayer.marks; const n ="
                  + " performance.getEntriesByType('navigation')[0]; return 'html=' +"
                  + " Math.round(n.responseEnd) + ' script=' + Math.round(m.script) + ' metadata=' +"
                  + " Math.round(m.loadedmetadata) + ' canplay=' + Math.round(m.canplay); }");
      System.out.printf(
          "FIRST-FRAME ms=%d (%s; %s)%n",
          figures[i], i == 0 ? "first viewing" : "again, same session", marks);
    }
    page.waitForFunction("() => document.getElementById('player-video').currentTime > 0.2");
    // seeking near the end plays from there too (range requests into a one-hour file)
    page.evaluate("() => window.custodiaPlayer.seek(3590)");
    page.waitForFunction("() => document.getElementById('player-video').currentTime > 3590.2");
    browser.screenshot(page, "one-hour");
  }
}
