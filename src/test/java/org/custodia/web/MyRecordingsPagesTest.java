package org.custodia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.custodia.testing.Api;
import org.custodia.testing.Browser;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "My recordings" in a real Chromium: an administrator links an officer's sign-in account on the
 * officer's page (a reason is required); that officer's inbox then shows his own unlinked record by
 * default and not a colleague's, with the unit's records one tab away; an officer whose account is
 * not linked sees the unit's records and a note that an administrator can link it. Screenshots:
 * target/screenshots/MyRecordingsPagesTest-*.png.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MyRecordingsPagesTest {
  @RegisterExtension static final Browser browser = new Browser();

  @Test
  void an_admin_links_the_account_and_the_officer_s_inbox_shows_his_records_only()
      throws Exception {
    UnitFixture f = new UnitFixture();
    String admin = Api.unique("adm");
    Api.createUser(f.admin, admin, "ADMIN", f.unit);
    String officerUser = Api.unique("zhang");
    UUID account = Api.createUser(f.admin, officerUser, "OFFICER", f.unit);
    String otherUser = Api.unique("wang");
    Api.createUser(f.admin, otherUser, "OFFICER", f.unit);
    UUID colleague = Api.officer(f.admin, f.unit, "执法员王五", "GREEN");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    // f.device is held by f.officer from its registration on: the colleague's earlier
    // recording with it is not f.officer's
    UUID his = f.uploadBy(f.device, f.officer, now.minus(1, ChronoUnit.HOURS));
    UUID theirs = f.uploadBy(f.device, colleague, now.minus(2, ChronoUnit.HOURS));

    Page page = browser.page();
    page.navigate(Browser.url("/officers/" + f.officer));
    browser.signIn(page, admin, Api.PASSWORD);
    assertThat(page.textContent("[data-testid=account-current]")).contains("未关联");
    page.selectOption("[data-testid=account-user]", account.toString());
    page.click("[data-testid=account-submit]");
    page.waitForSelector("[data-testid=account-error]");
    assertThat(page.textContent("[data-testid=account-error]")).isEqualTo("请填写关联或解除关联的理由。");
    assertThat(
            as(f.admin)
                .get("/api/v1/officers/" + f.officer)
                .then()
                .extract()
                .<Object>path("userId"))
        .isNull();
    page.fill("[data-testid=account-reason]", "本人执法账号");
    page.click("[data-testid=account-submit]");
    page.waitForSelector("[data-testid=account-saved]");
    assertThat(page.textContent("[data-testid=account-current]")).contains(officerUser);
    assertThat(
            as(f.admin)
                .get("/api/v1/officers/" + f.officer)
                .then()
                .extract()
                .<String>path("userId"))
        .isEqualTo(account.toString());
    browser.screenshot(page, "officer-account-linked");

    BrowserContext officer = browser.newContext(Browser.Options.defaults());
    Page inbox = officer.newPage();
    inbox.navigate(Browser.url("/inbox"));
    browser.signIn(inbox, officerUser, Api.PASSWORD);
    assertThat(inbox.textContent("nav.tabs [aria-current=page]")).isEqualTo("我的未关联记录");
    assertThat(inbox.locator("tr[data-evidence='" + his + "']").count()).isEqualTo(1);
    assertThat(inbox.locator("tr[data-evidence='" + theirs + "']").count()).isZero();
    assertThat(inbox.locator("[data-testid=inbox-not-linked]").count()).isZero();
    browser.screenshot(inbox, "inbox-mine");
    inbox.click("[data-testid=show-unlinked]");
    inbox.waitForURL("**/inbox?show=unit");
    assertThat(inbox.textContent("nav.tabs [aria-current=page]")).isEqualTo("本单位未关联");
    assertThat(inbox.locator("tr[data-evidence='" + his + "']").count()).isEqualTo(1);
    assertThat(inbox.locator("tr[data-evidence='" + theirs + "']").count()).isEqualTo(1);

    // a colleague whose account is not linked: the unit's records, and a note saying why
    BrowserContext unlinked = browser.newContext(Browser.Options.defaults());
    Page other = unlinked.newPage();
    other.navigate(Browser.url("/inbox"));
    browser.signIn(other, otherUser, Api.PASSWORD);
    assertThat(other.locator("[data-testid=inbox-not-linked]").textContent()).contains("管理员");
    assertThat(other.locator("[data-testid=show-mine]").count()).isZero();
    assertThat(other.locator("tr[data-evidence='" + his + "']").count()).isEqualTo(1);
    assertThat(other.locator("tr[data-evidence='" + theirs + "']").count()).isEqualTo(1);
    browser.screenshot(other, "inbox-not-linked");
  }
}
