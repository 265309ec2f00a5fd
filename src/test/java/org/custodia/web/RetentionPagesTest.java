package org.custodia.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceService;
import org.custodia.retention.DisposalJobs;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.testing.Api;
import org.custodia.testing.Browser;
import org.custodia.testing.EmbeddedServicesResource;
import org.custodia.testing.RetentionWorld;
import org.custodia.testing.UnitFixture;
import org.custodia.testing.UnlockedBucketsProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retention, legal holds, disposal and fixity in a real Chromium: the record page's retention panel
 * (class, basis, the longest case deciding, the store's lock, a downgrade refused without a
 * reason), a hold placed on the record page and lifted on the holds page by a second supervisor
 * (the placer refused in Chinese), a disposal approved by a second person and deleted with its
 * hashes shown and the tombstone on the record page, and a fixity run that finds a byte flipped in
 * the store behind the service's back, with the red mark on the record and dossier pages.
 */
@QuarkusTest
@TestProfile(UnlockedBucketsProfile.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RetentionPagesTest {
  @RegisterExtension static final Browser browser = new Browser();

  /** Within the officer's certificate (a year back), its six months long over. */
  static final Instant LONG_AGO =
      Instant.now().minus(250, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  @Inject DisposalJobs jobs;
  @Inject EvidenceService evidence;
  @Inject ObjectStore store;

  static RetentionWorld w;
  static UnitFixture f;
  static String supervisor1;
  static String supervisor2;
  static String auditor;
  static String officer;

  @BeforeEach
  void world() {
    if (w != null) {
      return;
    }
    RetentionWorld world = new RetentionWorld();
    f = world.f;
    supervisor1 = world.supervisorName1;
    supervisor2 = world.supervisorName2;
    auditor = user(f, "AUDITOR", f.unit);
    officer = user(f, "OFFICER", f.unit);
    w = world;
  }

  @Test
  void the_record_page_shows_class_basis_the_longest_case_and_the_store_lock_and_asks_a_reason()
      throws Exception {
    LocalDate decided = LocalDate.now(ZONE).minusYears(1);
    UUID inspection = w.createCase("INSPECTION", "CLOSED", decided);
    UUID penalty = w.createCase("PENALTY", "CLOSED", decided);
    UUID id = w.record(LONG_AGO, inspection);
    w.link(id, penalty);
    Instant penaltyEnds =
        LocalDate.of(decided.getYear() + 1, 1, 1).plusYears(30).atStartOfDay(ZONE).toInstant();

    Page page = signedIn(officer, "/evidence/" + id);
    assertThat(page.locator("#retention-h")).hasText("保存期限与完整性");
    assertThat(page.locator("[data-testid=retention-class]")).hasText("随案保存");
    assertThat(page.locator("[data-testid=basis]")).containsText("GB/T 18894-2016");
    assertThat(page.locator("[data-testid=earliest]")).hasText(day(penaltyEnds));
    assertThat(page.locator("[data-testid=why]")).containsText("保管期最长的案卷决定");
    // both cases listed, the PENALTY one (30 years) decides
    assertThat(page.locator("[data-testid=retention-cases] tbody tr")).hasCount(2);
    assertThat(page.locator("[data-testid=retention-cases] tr.deciding")).containsText("行政处罚");
    assertThat(page.locator("[data-testid=store-lock]")).containsText("锁定至 " + day(penaltyEnds));
    assertThat(page.locator("[data-testid=store-lock]")).containsText("由本系统强制");
    assertThat(page.locator("[data-testid=fixity-mark]")).hasText("尚未核验");
    assertThat(page.locator("[data-testid=not-held]")).isVisible();
    // an officer changes nothing and sees no one's holds
    assertThat(page.locator("[data-testid=retention-change]")).hasCount(0);
    assertThat(page.locator("[data-testid=hold-form]")).hasCount(0);
    browser.screenshot(page, "retention-panel-officer-zh");
    page.context().close();

    // a supervisor lowers the class: a reason is required, then the change is shown and audited
    Page sup = signedIn(supervisor1, "/evidence/" + id);
    sup.locator("[data-testid=new-class]").selectOption("NON_EVIDENCE");
    Browser.htmx(
        sup,
        "/retention/evidence/" + id,
        r -> r.status() == 400,
        () -> sup.locator("[data-testid=change-submit]").click());
    assertThat(sup.locator("[data-testid=change-error]")).hasText("降低保存类别须填写理由。");
    assertThat(sup.locator("[data-testid=retention-class]")).hasText("随案保存");
    sup.locator("[data-testid=change-reason]").fill("经复核不作为证据使用");
    Browser.htmx(
        sup,
        "/retention/evidence/" + id,
        r -> r.status() == 200,
        () -> sup.locator("[data-testid=change-submit]").click());
    assertThat(sup.locator("[data-testid=retention-class]")).hasText("非证据（至少六个月）");
    assertThat(sup.locator("[data-testid=manual]")).hasText("人工设定");
    assertThat(sup.locator("[data-testid=why]")).containsText("经复核不作为证据使用");
    // the store's lock is never shortened: it still keeps the bytes to the case's date
    assertThat(sup.locator("[data-testid=store-lock]")).containsText(day(penaltyEnds));
    browser.screenshot(sup, "retention-panel-downgraded-zh");
    Map<String, Object> api =
        as(f.admin).get("/api/v1/evidence/" + id + "/retention").then().extract().path("");
    assertThat(api.get("retentionClass")).isEqualTo("NON_EVIDENCE");
    assertThat(api.get("manualReason")).isEqualTo("经复核不作为证据使用");
  }

  @Test
  void a_hold_placed_on_the_record_page_is_lifted_only_by_a_second_supervisor() throws Exception {
    UUID id = w.record(LONG_AGO, null);
    Page page = signedIn(supervisor1, "/evidence/" + id);
    // a reason is required
    Browser.htmx(
        page,
        "/holds",
        r -> r.status() == 400,
        () -> page.locator("[data-testid=place-hold]").click());
    assertThat(page.locator("[data-testid=hold-error]")).hasText("请填写保全理由。");
    page.locator("[data-testid=hold-reason]").fill("行政复议期间冻结");
    page.waitForNavigation(() -> page.locator("[data-testid=place-hold]").click());
    assertThat(page.locator("[data-testid=held]")).containsText("法律保全之下（1 项）");
    assertThat(page.locator("[data-testid=holds] tbody tr")).hasCount(1);
    assertThat(page.locator("[data-testid=holds]")).containsText("行政复议期间冻结");
    assertThat(page.locator("[data-testid=store-lock]")).containsText("存储层法律保全");
    assertThat(page.locator("[data-testid=own-hold]")).isVisible();
    String holdId = page.locator("[data-testid=holds] tbody tr").getAttribute("data-hold");
    browser.screenshot(page, "retention-hold-placed-zh");

    // the placer's lift is refused, as the API refuses it
    page.navigate(Browser.url("/holds"));
    var row = page.locator("[data-hold='" + holdId + "']");
    row.locator("[data-testid=lift-reason]").fill("复议结束");
    Browser.htmx(
        page,
        "/holds/" + holdId + "/lift",
        r -> r.status() == 409,
        () -> row.locator("[data-testid=lift]").click());
    assertThat(row.locator("[data-testid=lift-error]"))
        .hasText("本人设置的法律保全不能由本人解除，须由另一名监督人员或系统管理员解除。");
    browser.screenshot(page, "holds-self-lift-refused-zh");
    assertThat(hold(holdId).get("liftedAt")).isNull();
    page.context().close();

    Page other = signedIn(supervisor2, "/holds");
    var row2 = other.locator("[data-hold='" + holdId + "']");
    assertThat(row2.locator("[data-testid=own-hold]")).hasCount(0);
    row2.locator("[data-testid=lift-reason]").fill("复议结束");
    other.waitForNavigation(() -> row2.locator("[data-testid=lift]").click());
    assertThat(other.locator("[data-hold='" + holdId + "']")).hasCount(0);
    other.navigate(Browser.url("/holds?state=lifted"));
    assertThat(other.locator("[data-hold='" + holdId + "'] [data-testid=hold-state]"))
        .hasText("已解除");
    assertThat(other.locator("[data-hold='" + holdId + "']")).containsText("复议结束");
    browser.screenshot(other, "holds-lifted-zh");
    assertThat(hold(holdId).get("liftReason")).isEqualTo("复议结束");
    other.navigate(Browser.url("/evidence/" + id));
    assertThat(other.locator("[data-testid=not-held]")).isVisible();
  }

  @Test
  void a_disposal_is_approved_by_a_second_person_and_shows_what_was_deleted_with_its_hashes()
      throws Exception {
    UUID expired = w.record(LONG_AGO, null);
    UUID young = w.record(Instant.now().minus(1, ChronoUnit.DAYS), null);
    Evidence before = evidence.find(expired).orElseThrow();

    Page page = signedIn(supervisor1, "/disposals?unit=" + f.unit);
    assertThat(page.locator("[data-testid=candidate-rows] [data-evidence='" + expired + "']"))
        .hasCount(1);
    assertThat(page.locator("[data-testid=candidate-rows] [data-evidence='" + young + "']"))
        .hasCount(0);
    browser.screenshot(page, "disposals-candidates-zh");
    page.locator("[data-testid=propose-reason]").fill("到期音像记录销毁");
    page.waitForNavigation(() -> page.locator("[data-testid=propose]").click());
    assertThat(page.url()).contains("/disposals/");
    UUID disposal = UUID.fromString(page.url().substring(page.url().lastIndexOf('/') + 1));
    assertThat(page.locator("[data-testid=disposal-state]").first()).hasText("待审批");
    assertThat(page.locator("[data-testid=own-disposal]")).isVisible();
    assertThat(page.locator("[data-testid=approval]")).hasCount(0);
    page.context().close();

    Page other = signedIn(supervisor2, "/disposals/" + disposal);
    Browser.htmx(
        other,
        "/disposals/" + disposal + "/approval",
        r -> r.status() == 400,
        () -> other.locator("[data-testid=approve]").click());
    assertThat(other.locator("[data-testid=approval-error]")).hasText("请填写审批理由。");
    other.locator("[data-testid=approval-reason]").fill("已核对清单");
    other.waitForNavigation(() -> other.locator("[data-testid=approve]").click());
    assertThat(other.locator("#status [data-testid=disposal-state]")).hasText("销毁中");
    assertThat(other.locator("[data-testid=approved-by]")).containsText(supervisor2);
    // the deletion job (run by the test in this profile) deletes; the page polls to DONE
    jobs.run(disposal, Integer.MAX_VALUE);
    assertThat(other.locator("#status [data-testid=disposal-state]")).hasText("已完成");
    other.reload();
    var item = other.locator("[data-testid=items] [data-evidence='" + expired + "']");
    assertThat(item.locator("[data-testid=item-state]")).hasText("已删除");
    assertThat(item.locator("[data-testid=deleted-sha256]")).hasText(before.sha256());
    assertThat(item).containsText(before.sm3());
    browser.screenshot(other, "disposal-done-zh");

    // the requester cannot approve it by the API either, and the record page shows the tombstone
    other.navigate(Browser.url("/evidence/" + expired));
    assertThat(other.locator("[data-testid=tombstone-top]")).containsText("经审批销毁");
    assertThat(other.locator("[data-testid=retention-change]")).hasCount(0);
    browser.screenshot(other, "record-tombstone-zh");
  }

  @Test
  void a_fixity_run_reports_a_flipped_byte_and_the_record_and_dossier_show_it_in_red()
      throws Exception {
    UUID caseId = w.createCase("INSPECTION", "OPEN", null);
    UUID id = w.record(Instant.now().minus(2, ChronoUnit.DAYS), caseId);
    Evidence e = evidence.find(id).orElseThrow();
    Path file =
        EmbeddedServicesResource.dataDir()
            .resolve("s3")
            .resolve(store.bucketName(BucketRole.EVIDENCE))
            .resolve(e.objectKey());
    assertThat(file).isRegularFile();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(1000);
      int b = raf.read();
      raf.seek(1000);
      raf.write(b ^ 0x01);
    }

    Page page = signedIn(auditor, "/fixity");
    // an auditor has no scope "all"
    assertThat(page.locator("[data-testid=run-scope] option[value=all]")).hasCount(0);
    page.locator("[data-testid=run-scope]").selectOption("evidence");
    page.locator("[data-testid=run-target]").fill("not an id");
    Browser.htmx(
        page,
        "/fixity",
        r -> r.status() == 400,
        () -> page.locator("[data-testid=start-run]").click());
    assertThat(page.locator("[data-testid=start-error]")).containsText("找不到该案件或记录");
    page.locator("[data-testid=run-target]").fill(id.toString());
    page.waitForNavigation(() -> page.locator("[data-testid=start-run]").click());
    assertThat(page.url()).contains("/fixity/");
    // the page polls, then loads the report
    assertThat(page.locator("[data-testid=report]"))
        .isVisible(
            new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                .setTimeout(60_000));
    var line = page.locator("[data-testid=report] tr[data-evidence='" + id + "']");
    assertThat(line.locator("[data-testid=line-result]")).hasText("不一致");
    assertThat(line).containsText(e.sha256());
    assertThat(line.locator("[data-testid=actual-sha256]")).not().hasText(e.sha256());
    assertThat(page.locator("[data-testid=problems]")).hasText("发现 1 个问题");
    browser.screenshot(page, "fixity-report-zh");

    page.navigate(Browser.url("/evidence/" + id));
    assertThat(page.locator("[data-testid=fixity-alert]")).containsText("完整性核验失败");
    assertThat(page.locator("[data-testid=failed-objects]")).hasText("原始文件 不一致");
    assertThat(page.locator("[data-testid=fixity-failed]")).hasText("完整性核验失败");
    browser.screenshot(page, "record-fixity-failed-zh");
    page.navigate(Browser.url("/cases/" + caseId));
    assertThat(page.locator("[data-testid=records] tr[data-evidence='" + id + "']"))
        .hasClass(java.util.regex.Pattern.compile("fixity-failed-row"));
    assertThat(
            page.locator(
                "[data-testid=records] tr[data-evidence='"
                    + id
                    + "'] [data-testid=record-fixity-failed]"))
        .isVisible();
    // the case file's retention: the case is open; an auditor sees its holds but places none
    assertThat(page.locator("[data-testid=case-ends]")).hasText("未结案，期满日期未定");
    assertThat(page.locator("[data-testid=no-case-holds]")).isVisible();
    assertThat(page.locator("[data-testid=case-retention] [data-testid=hold-form]")).hasCount(0);
    browser.screenshot(page, "dossier-fixity-failed-zh");
    page.navigate(Browser.url("/subjects/" + w.subject));
    assertThat(
            page.locator(
                "[data-testid=subject-records] tr[data-evidence='"
                    + id
                    + "'] [data-testid=record-fixity-failed]"))
        .isVisible();
    page.navigate(Browser.url("/fixity"));
    assertThat(page.locator("[data-testid=run-problems]").first()).isVisible();
    browser.screenshot(page, "fixity-runs-zh");
  }

  // ------------------------------------------------------------------ helpers

  private Page signedIn(String user, String path) {
    Page page = browser.newContext(Browser.Options.defaults()).newPage();
    page.navigate(Browser.url(path));
    browser.signIn(page, user, Api.PASSWORD);
    if (!page.url().endsWith(path)) {
      page.navigate(Browser.url(path));
    }
    page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
    return page;
  }

  private static String user(UnitFixture f, String role, UUID unit) {
    String name = Api.unique(role.toLowerCase(java.util.Locale.ROOT) + ".ret.");
    Api.createUser(f.admin, name, role, unit);
    return name;
  }

  private static String day(Instant t) {
    return t.atZone(ZONE).toLocalDate().toString();
  }

  private Map<String, Object> hold(String id) {
    return as(f.admin).get("/api/v1/holds/" + id).then().statusCode(200).extract().path("");
  }
}
