package org.custodia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.custodia.testing.Api;
import org.custodia.testing.Browser;
import org.custodia.testing.Clips;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The record page in a real Chromium: player, keys, scrub previews, wall clock, notes. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PlayerPageTest {
  @RegisterExtension static final Browser browser = new Browser();

  static PlayerWorld world;
  static UUID clip;
  static PlayerWorld other;
  static UUID otherClip;

  @BeforeEach
  void seed() throws Exception {
    if (world != null) {
      return;
    }
    PlayerWorld w = new PlayerWorld("播放");
    Path file =
        PlayerWorld.clip("DSJ_0001.mp4", "testsrc2=size=320x180:rate=25:duration=12", 12, true);
    clip = w.upload(file, "video/mp4", Duration.ofSeconds(30), Duration.ofSeconds(12));
    PlayerWorld o = new PlayerWorld("他单位");
    otherClip = o.upload(file, "video/mp4", Duration.ofSeconds(40), Duration.ofSeconds(12));
    w.awaitReviewCopy(clip, Duration.ofSeconds(90));
    world = w;
    other = o;
  }

  private Page open(String path, String locale) {
    Page page =
        locale.equals("zh-CN")
            ? browser.page()
            : browser.newContext(new Browser.Options(locale)).newPage();
    page.navigate(Browser.url(path));
    browser.signIn(page, world.reviewer, Api.PASSWORD);
    assertThat(page.url()).isEqualTo(Browser.url(path));
    page.waitForFunction("() => window.custodiaPlayer && window.custodiaPlayer.ready");
    page.waitForFunction("() => document.getElementById('player-video').readyState >= 1");
    return page;
  }

  private static double now(Page page) {
    return ((Number) page.evaluate("() => document.getElementById('player-video').currentTime"))
        .doubleValue();
  }

  @Test
  void the_player_plays_steps_frames_keeps_its_keys_and_shows_the_wall_clock_of_the_frame() {
    Page page = open("/evidence/" + clip, "zh-CN");
    assertThat(page.locator("h1").textContent()).contains("视频").contains("DSJ_0001.mp4");
    assertThat(page.locator("[data-testid=case-link]").textContent()).isEqualTo(world.caseNo);
    assertThat(page.locator("[data-testid=case-link]").getAttribute("href"))
        .isEqualTo("/cases/" + world.caseId);
    assertThat(page.locator("video").getAttribute("src"))
        .isEqualTo("/api/v1/evidence/" + clip + "/review");
    assertThat(page.locator(".player .zone").textContent()).isEqualTo("北京时间 (UTC+8)");
    assertThat(page.locator(".offset").textContent()).contains("90000 毫秒");

    page.locator("[data-testid=play]").click();
    page.waitForFunction("() => document.getElementById('player-video').currentTime > 0.5");
    assertThat(page.locator("[data-testid=play]").textContent()).isEqualTo("暂停");
    page.keyboard().press("k");
    page.waitForFunction("() => document.getElementById('player-video').paused");

    // the frame's wall-clock time: corrected start (device time − 90 s) + currentTime, in Beijing
    page.evaluate("() => window.custodiaPlayer.seek(2)");
    String expected =
        PlayerFormats.wall(world.start.plusSeconds(30).plusSeconds(2)) + ".0"; // 30 s into the act
    page.waitForFunction("t => document.getElementById('wall-time').textContent === t", expected);
    assertThat(page.locator("[data-testid=media-time]").textContent()).isEqualTo("0:02.000");

    // frame steps at the clip's 25 fps; ←/→ ±5 s; J back 10 s
    page.locator("body").press(".");
    assertThat(now(page)).isCloseTo(2.04, org.assertj.core.data.Offset.offset(0.001));
    page.locator("body").press(",");
    page.locator("body").press(",");
    assertThat(now(page)).isCloseTo(1.96, org.assertj.core.data.Offset.offset(0.001));
    page.locator("body").press("ArrowRight");
    assertThat(now(page)).isCloseTo(6.96, org.assertj.core.data.Offset.offset(0.001));
    page.locator("body").press("ArrowLeft");
    assertThat(now(page)).isCloseTo(1.96, org.assertj.core.data.Offset.offset(0.001));

    // speed: the select, and L again and again while playing speeds up to 4×
    page.locator("[data-testid=speed]").selectOption("0.25");
    assertThat(page.evaluate("() => document.getElementById('player-video').playbackRate"))
        .isEqualTo(0.25);
    page.locator("body").press("l");
    assertThat(page.evaluate("() => document.getElementById('player-video').playbackRate"))
        .isEqualTo(1);
    page.waitForFunction("() => !document.getElementById('player-video').paused");
    for (int i = 0; i < 8; i++) {
      page.locator("body").press("l");
    }
    assertThat(page.evaluate("() => document.getElementById('player-video').playbackRate"))
        .isEqualTo(4);
    page.locator("body").press(" ");
    page.waitForFunction("() => document.getElementById('player-video').paused");

    // keys do nothing while typing in the note's text box
    page.locator("[data-testid=add-note]").click();
    double before = now(page);
    page.locator("[data-testid=note-text]").press("ArrowRight");
    page.locator("[data-testid=note-text]").type("k l,.");
    assertThat(now(page)).isEqualTo(before);
    assertThat(page.locator("[data-testid=note-text]").inputValue()).isEqualTo("k l,.");
    page.locator("[data-testid=note-text]").press("Escape");

    // scrubbing shows the sprite tile of the hovered time, from the WebVTT track
    page.waitForFunction("() => window.custodiaPlayer.cues > 0");
    BoundingBox bar = page.locator("#scrub").boundingBox();
    page.mouse().move(bar.x + bar.width * 0.7, bar.y + bar.height / 2);
    page.waitForFunction("() => window.custodiaPlayer.spriteLoaded === true");
    page.mouse().move(bar.x + bar.width * 0.79, bar.y + bar.height / 2); // 9.48 s of 12
    assertThat(page.locator("#scrub-preview").isVisible()).isTrue();
    assertThat(page.locator("#scrub-thumb").getAttribute("style"))
        .contains(Browser.url("/api/v1/evidence/" + clip + "/sprite"));
    assertThat(page.locator("#scrub-time").textContent()).startsWith("0:09.");
    // the tenth tile (9–10 s): 160×90 tiles, ten to a row
    assertThat(page.locator("#scrub-thumb").getAttribute("data-cue")).isEqualTo("1440,0,160,90");
    assertThat(page.locator("#scrub-thumb").isVisible()).isTrue();
    browser.screenshot(page, "player-zh");
    // a click on the bar seeks there
    page.mouse().click(bar.x + bar.width * 0.5, bar.y + bar.height / 2);
    assertThat(now(page)).isCloseTo(6.0, org.assertj.core.data.Offset.offset(0.3));
  }

  @Test
  void a_note_is_added_at_the_current_time_listed_after_a_reload_and_seeks_there_when_clicked() {
    Page page = open("/evidence/" + clip + "?t=4.5", "zh-CN");
    page.waitForFunction(
        "() => Math.abs(document.getElementById('player-video').currentTime - 4.5) < 0.01");
    assertThat(page.locator("[data-testid=notes]").textContent()).contains("暂无笔记");

    // N (add a note) pauses and opens the form at the current time; a blank note is refused
    page.locator("body").press("n");
    assertThat(page.locator("#note-at-label").textContent()).isEqualTo("0:04.500");
    page.locator("[data-testid=save-note]").click();
    page.waitForSelector("[data-testid=note-error]");
    assertThat(page.locator("[data-testid=note-error]").textContent()).contains("请填写笔记内容");

    page.locator("[data-testid=note-text]").fill("执法人员未出示证件。\n第二行");
    page.locator("[data-testid=note-text]").press("Control+Enter");
    page.waitForSelector("[data-testid=note-time]");
    assertThat(page.locator("#note-form").isHidden()).isTrue();
    assertThat(page.locator("[data-testid=note-time]").textContent()).isEqualTo("0:04.500");
    assertThat(page.locator(".note-meta").textContent()).contains(world.reviewer);
    assertThat(page.locator(".scrub-mark").count()).isEqualTo(1);

    // the note is kept (through the API too) and is a link to its time
    String token = Api.login(world.reviewer, Api.PASSWORD);
    var notes =
        as(token).get("/api/v1/evidence/" + clip + "/notes").then().statusCode(200).extract();
    assertThat(notes.<Integer>path("[0].atMs")).isEqualTo(4500);
    assertThat(notes.<String>path("[0].text")).isEqualTo("执法人员未出示证件。\n第二行");

    page.evaluate("() => window.custodiaPlayer.seek(10)");
    page.reload();
    page.waitForFunction("() => window.custodiaPlayer && window.custodiaPlayer.ready");
    page.waitForFunction("() => document.getElementById('player-video').readyState >= 1");
    assertThat(page.locator("[data-testid=note-time]").getAttribute("href"))
        .isEqualTo("/evidence/" + clip + "?t=4.500");
    page.evaluate("() => window.custodiaPlayer.seek(9)");
    page.locator("[data-testid=note-time]").click();
    page.waitForFunction(
        "() => Math.abs(document.getElementById('player-video').currentTime - 4.5) < 0.01");
    assertThat(page.url()).endsWith("?t=4.500");

    // a correction is a new note at the same time that supersedes the earlier one
    page.locator("[data-testid=supersede]").click();
    assertThat(page.locator("[data-testid=note-text]").inputValue()).isEqualTo("执法人员未出示证件。\n第二行");
    page.locator("[data-testid=note-text]").fill("执法人员未出示执法证件（更正）。");
    page.locator("[data-testid=save-note]").click();
    page.waitForFunction("() => document.querySelectorAll('.note').length === 2");
    assertThat(page.locator(".note-superseded [data-testid=note-text-shown]").textContent())
        .isEqualTo("执法人员未出示证件。\n第二行");
    assertThat(page.locator("[data-testid=supersede]").count()).isEqualTo(1);
    var after =
        as(token).get("/api/v1/evidence/" + clip + "/notes").then().statusCode(200).extract();
    assertThat(after.<Integer>path("[1].atMs")).isEqualTo(4500);
    assertThat(after.<String>path("[0].supersededBy")).isEqualTo(after.<String>path("[1].id"));
    browser.screenshot(page, "notes-zh");
  }

  @Test
  void a_photo_or_document_is_shown_inline_without_a_player() throws Exception {
    Path png =
        Files.createTempDirectory(Path.of("target").toAbsolutePath(), "photo-").resolve("现场照片.png");
    Clips.still(png, "testsrc2=size=320x180");
    UUID photo = world.upload(png, "image/png", Duration.ofSeconds(50), Duration.ofSeconds(1));
    Page page = browser.page();
    page.navigate(Browser.url("/evidence/" + photo));
    browser.signIn(page, world.reviewer, Api.PASSWORD);
    assertThat(page.locator("video").count()).isZero();
    assertThat(page.locator("[data-testid=document-image]").getAttribute("src"))
        .isEqualTo("/api/v1/evidence/" + photo + "/content");
    page.waitForFunction(
        "() => document.querySelector('[data-testid=document-image]').naturalWidth === 320");
    assertThat(page.locator("[data-testid=sha256]").textContent()).hasSize(64);
    browser.screenshot(page, "photo-zh");
  }

  @Test
  void the_page_works_in_english() {
    Page page = open("/evidence/" + clip, "en-US");
    assertThat(page.locator("html").getAttribute("lang")).isEqualTo("en");
    assertThat(page.locator("h1").textContent()).contains("Video");
    assertThat(page.locator("[data-testid=play]").textContent()).isEqualTo("Play");
    assertThat(page.locator(".player .zone").textContent()).isEqualTo("Beijing time (UTC+8)");
    assertThat(page.locator("#meta-title").textContent()).isEqualTo("Record facts");
    assertThat(page.locator("[data-testid=notes]").textContent()).contains("No notes yet");
    assertThat(page.content()).doesNotContain("???").doesNotContain("{player:");
    browser.screenshot(page, "player-en");
  }

  @Test
  void another_units_record_is_not_found_even_by_typed_url_and_bad_parameters_are_named() {
    Page page = browser.page();
    page.navigate(Browser.url("/login"));
    browser.signIn(page, world.reviewer, Api.PASSWORD);
    var response = page.navigate(Browser.url("/evidence/" + otherClip));
    assertThat(response.status()).isEqualTo(404);
    assertThat(page.locator("h1").textContent()).isEqualTo("未找到");
    assertThat(page.content()).doesNotContain(other.caseNo);
    browser.screenshot(page, "other-unit");
    // nor its notes panel, nor its bytes
    assertThat(page.navigate(Browser.url("/evidence/" + otherClip + "/notes")).status())
        .isEqualTo(404);
    assertThat(page.navigate(Browser.url("/api/v1/evidence/" + otherClip + "/review")).status())
        .isEqualTo(404);
    assertThat(page.navigate(Browser.url("/evidence/" + clip + "?t=abc")).status()).isEqualTo(400);
  }
}
