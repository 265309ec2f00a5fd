package org.custodia.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custodia.config.embedded.EmbeddedServices;
import org.custodia.testing.PackagedApp;
import org.custodia.testing.SyntheticStream;
import org.custodia.testing.TusResume;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * End to end on the packaged application, run as a separate process with its heap capped at 256
 * MiB: a multi-gigabyte upload is interrupted by killing the service (SIGKILL) half-way, the
 * service is started again on the same data, and the station resumes without re-sending a byte the
 * server had acknowledged.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IngestRestartIT {
  private static final long SIZE =
      Long.getLong("custodia.it.upload-size", 2L * 1024 * 1024 * 1024 + 12_345);
  private static final String PASSWORD = "it-admin-" + UUID.randomUUID();

  private static EmbeddedServices services;
  private static Map<String, String> settings;
  private static Path dataDir;
  private static int port;
  private static Process app;

  @BeforeAll
  static void startServices() throws Exception {
    Files.createDirectories(Path.of("target"));
    dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-data-");
    services = new EmbeddedServices(dataDir.resolve("backing"));
    settings = new java.util.HashMap<>(services.startPostgres());
    settings.putAll(services.startS3());
    port = PackagedApp.freePort();
  }

  @AfterAll
  static void stopServices() {
    if (app != null) {
      app.destroyForcibly();
    }
    if (services != null) {
      services.close();
    }
  }

  @Test
  void a_multi_gigabyte_upload_survives_a_killed_service_and_resumes_with_a_256_mib_heap()
      throws Exception {
    app = start();
    UnitFixture f = new UnitFixture(PASSWORD);
    String sha = UnitFixture.sha256(7, SIZE);
    TusClient client = UnitFixture.client(f.stationToken);
    TusUpload upload = new TusUpload();
    upload.setInputStream(new SyntheticStream(7, SIZE));
    upload.setSize(SIZE);
    upload.setFingerprint("it-" + UUID.randomUUID());
    upload.setMetadata(f.metadata(sha));
    // send until the server holds about half, then kill it mid-PATCH
    String location = TusResume.killHalfway(client, upload, 1024 * 1024, 64 * 1024 * 1024, app);

    app = start();
    long acknowledged = TusResume.offset(f.stationToken, location);
    assertThat(acknowledged).isGreaterThan(0).isLessThan(SIZE);

    upload.setInputStream(new SyntheticStream(7, SIZE));
    // the killed service's hold on the upload lapses within the lease time (409 + Retry-After)
    TusResume.awaitFree(f.stationToken, location, acknowledged);
    TusResume.rest(client, upload, acknowledged, 1024 * 1024, 64 * 1024 * 1024);

    var head = TusResume.head(f.stationToken, location);
    assertThat(head.header("Upload-Offset")).isEqualTo(String.valueOf(SIZE));
    assertThat(head.header("Custodia-SHA256")).isEqualTo(sha);
    assertThat(head.header("Custodia-SM3")).isEqualTo(UnitFixture.sm3(7, SIZE));
    // the restarted service received exactly the bytes it had not acknowledged
    String metrics =
        given()
            .header("Authorization", "Bearer " + f.admin)
            .get("/q/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    Matcher received =
        Pattern.compile("(?m)^custodia_ingest_bytes_received_total(?:\\{[^}]*\\})? ([0-9.E+]+)$")
            .matcher(metrics);
    assertThat(received.find()).isTrue();
    assertThat((long) Double.parseDouble(received.group(1))).isEqualTo(SIZE - acknowledged);
  }

  private static Process start() throws Exception {
    return PackagedApp.start(settings, dataDir.resolve("app"), port, PASSWORD, "256m");
  }
}
