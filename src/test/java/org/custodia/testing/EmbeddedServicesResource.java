package org.custodia.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.custodia.config.embedded.EmbeddedS3;
import org.custodia.config.embedded.EmbeddedServices;

/**
 * Starts a real PostgreSQL and a real S3 server (the same embedded default as {@code scripts/run})
 * in a fresh data directory under {@code target/}, for the whole test run; under {@link RgwProfile}
 * the S3 server is a Ceph RADOS Gateway ({@code scripts/rgw}), which enforces Object Lock.
 */
public class EmbeddedServicesResource implements QuarkusTestResourceLifecycleManager {
  public static final String ADMIN_PASSWORD =
      "bootstrap-admin-" + Long.toHexString(System.nanoTime());

  private static volatile EmbeddedServices services;
  private static volatile Path dataDir;
  private static volatile Path rgwDir;
  private String profile;

  @Override
  public void setContext(Context context) {
    profile = context.testProfile();
  }

  @Override
  public Map<String, String> start() {
    try {
      Files.createDirectories(Path.of("target"));
      dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "test-data-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    services = new EmbeddedServices(dataDir);
    Map<String, String> config = new HashMap<>();
    config.putAll(services.startPostgres());
    if (RgwProfile.class.getName().equals(profile)) {
      rgwDir = dataDir.resolve("rgw");
      config.putAll(Rgw.start(rgwDir));
    } else {
      config.putAll(services.startS3());
    }
    config.put("custodia.data-dir", dataDir.toString());
    config.put("custodia.bootstrap-admin-password", ADMIN_PASSWORD);
    return config;
  }

  @Override
  public void stop() {
    if (rgwDir != null) {
      Rgw.stop(rgwDir);
      rgwDir = null;
    }
    if (services != null) {
      services.close();
      services = null;
    }
  }

  /** The running S3 server, for tests that take it away and bring it back. */
  public static EmbeddedS3 s3() {
    return services.s3().orElseThrow();
  }

  public static Path dataDir() {
    return dataDir;
  }
}
