package org.custodia.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceService;
import org.custodia.retention.ProtectionPort;
import org.custodia.storage.BucketRole;
import org.custodia.storage.Protection;
import org.custodia.testing.Api;
import org.custodia.testing.Browser;
import org.custodia.testing.RetentionWorld;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With the bundled buckets (a default retention of 183 days from the upload), a record recorded
 * long ago may go by its class earlier than the store lets it: the record page says the store keeps
 * it longer, and until when, as the store reports it.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RetentionStoreLockPageTest {
  @RegisterExtension static final Browser browser = new Browser();

  @Inject ProtectionPort port;
  @Inject EvidenceService evidence;

  @Test
  void the_record_page_says_when_the_buckets_default_retention_keeps_the_bytes_longer()
      throws Exception {
    RetentionWorld w = new RetentionWorld();
    UUID id = w.record(Instant.now().minus(250, ChronoUnit.DAYS), null);
    Instant earliest = Instant.parse(w.retention(id).getString("earliestDeletion"));
    Evidence e = evidence.find(id).orElseThrow();
    Protection p = port.protection(BucketRole.EVIDENCE, e.objectKey(), e.objectVersion());
    assertThat(p.retainUntil()).isAfter(earliest);
    String storeDay = p.retainUntil().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().toString();

    Page page = browser.page();
    page.navigate(Browser.url("/evidence/" + id));
    browser.signIn(page, w.supervisorName1, Api.PASSWORD);
    assertThat(page.locator("[data-testid=retention-class]")).hasText("非证据（至少六个月）");
    assertThat(page.locator("[data-testid=store-lock]")).containsText("锁定至 " + storeDay);
    assertThat(page.locator("[data-testid=store-longer]"))
        .hasText("存储桶的默认保留期使原始文件保存至 " + storeDay + "，比保存类别的日期更晚：在此之前不会销毁。");
    browser.screenshot(page, "retention-store-keeps-longer-zh");
  }
}
