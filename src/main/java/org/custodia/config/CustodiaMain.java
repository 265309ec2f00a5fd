package org.custodia.config;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.custodia.config.embedded.EmbeddedServices;

/**
 * Entry point. With no database URL or no S3 endpoint configured (by system property or
 * environment), it first starts the embedded default for what is missing, then runs Quarkus, and
 * stops what it started when Quarkus stops.
 */
@QuarkusMain
public final class CustodiaMain {
  /**
   * Until Quarkus configures logging, records of every level are held back, and all of them are
   * printed if start-up fails before that (zonky traces each wait for its server, the JDK each
   * process it starts): the embedded services' start is kept to what application.properties would
   * show. Held here so the levels are not collected with the loggers.
   */
  private static final List<Logger> QUIETED =
      List.of(Logger.getLogger("io.zonky"), Logger.getLogger("java.lang.ProcessBuilder"));

  private CustodiaMain() {}

  public static void main(String... args) {
    QUIETED.get(0).setLevel(Level.WARNING);
    QUIETED.get(1).setLevel(Level.INFO);
    EmbeddedServices embedded =
        new EmbeddedServices(Path.of(setting("custodia.data-dir", "./data")));
    boolean needPostgres = setting("quarkus.datasource.jdbc.url", null) == null;
    boolean needS3 = setting("custodia.s3.endpoint", null) == null;
    try {
      if (needPostgres) {
        publish(embedded.startPostgres());
      }
      if (needS3) {
        publish(embedded.startS3());
      }
      if (needPostgres || needS3) {
        System.setProperty("custodia.embedded.active", "true");
      }
      Quarkus.run(args);
    } finally {
      embedded.close();
    }
  }

  private static void publish(Map<String, String> config) {
    config.forEach(System::setProperty);
  }

  /** Reads a setting the way MicroProfile Config would: system property, then environment. */
  static String setting(String key, String fallback) {
    String value = System.getProperty(key);
    if (value == null) {
      value = System.getenv(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
    }
    return value == null || value.isBlank() ? fallback : value;
  }
}
