package org.custodia.config.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
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
 * The packaged service on its embedded default (what {@code scripts/run} starts), killed the way
 * {@code kill -9} of scripts/run's process group kills it: the JVM dies, its embedded PostgreSQL,
 * in a session of its own, keeps running. Started again on the same data directory, it must be
 * ready on the first try, and a station resumes its upload where the server left it.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CrashRestartIT {
  private static final long SIZE = 24L * 1024 * 1024 + 4_321;
  private static final String PASSWORD = "it-admin-" + UUID.randomUUID();

  private static Path dataDir;
  private static int port;
  private static Process app;

  @BeforeAll
  static void freshDataDirectory() throws Exception {
    Files.createDirectories(Path.of("target"));
    dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-crash-");
    port = PackagedApp.freePort();
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (app != null) {
      app.destroy(); // SIGTERM: the service stops its PostgreSQL
      app.waitFor();
    }
    // a PostgreSQL a failed run left behind on the shared machine
    if (Files.exists(dataDir.resolve("postgres/postmaster.pid"))) {
      ProcessHandle.of(postmasterPid())
          .filter(p -> p.info().command().orElse("").endsWith("/postgres"))
          .ifPresent(
              p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
              });
    }
  }

  @Test
  void
      killed_with_its_postgres_left_running_it_comes_back_on_the_first_start_and_the_upload_resumes()
          throws Exception {
    app = PackagedApp.startEmbedded(dataDir, port, PASSWORD, "512m");
    UnitFixture f = new UnitFixture(PASSWORD);
    String sha = UnitFixture.sha256(11, SIZE);
    TusClient client = UnitFixture.client(f.stationToken);
    TusUpload upload = new TusUpload();
    upload.setInputStream(new SyntheticStream(11, SIZE));
    upload.setSize(SIZE);
    upload.setFingerprint("crash-" + UUID.randomUUID());
    upload.setMetadata(f.metadata(sha));
    // SIGKILL to the JVM alone, mid-upload: its PostgreSQL survives, as it does kill -9 -<pgid>
    String location = TusResume.killHalfway(client, upload, 256 * 1024, 4 * 1024 * 1024, app);
    ProcessHandle leftover = ProcessHandle.of(postmasterPid()).orElseThrow();
    assertThat(leftover.isAlive()).as("the killed service's PostgreSQL still runs").isTrue();

    // the first start on the same data directory must come up (it throws if the service exits)
    app = PackagedApp.startEmbedded(dataDir, port, PASSWORD, "512m");
    assertThat(leftover.isAlive()).as("the leftover PostgreSQL was stopped").isFalse();

    long acknowledged = TusResume.offset(f.stationToken, location);
    assertThat(acknowledged).isGreaterThan(0).isLessThan(SIZE);

    upload.setInputStream(new SyntheticStream(11, SIZE));
    TusResume.awaitFree(f.stationToken, location, acknowledged);
    TusResume.rest(client, upload, acknowledged, 256 * 1024, 4 * 1024 * 1024);

    var head = TusResume.head(f.stationToken, location);
    assertThat(head.header("Upload-Offset")).isEqualTo(String.valueOf(SIZE));
    assertThat(head.header("Custodia-SHA256")).isEqualTo(sha);

    // both starts looked like normal ones: no S3Proxy errors for the store probes, no traces
    try (Stream<Path> logs = Files.list(dataDir)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("app-")).toList()) {
        assertThat(Files.readAllLines(log))
            .as("%s", log)
            .noneMatch(line -> line.contains("Unknown parameters"))
            .noneMatch(line -> line.matches(".* (TRACE|DEBUG) .*"));
      }
    }
  }

  private static long postmasterPid() throws Exception {
    return Long.parseLong(
        Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
  }

  /** The killed service's hold on the upload lapses within the lease time (409 + Retry-After). */
}
