package org.custodia.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How pages write times, sizes and hashes: {@code {t.local}} is "2026-11-27 09:30:05" in the
 * registry's time zone ({@code custodia.registry.time-zone}, Asia/Shanghai by default).
 */
@TemplateExtension
public final class Formats {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static volatile ZoneId zone;

  private Formats() {}

  static ZoneId zone() {
    ZoneId z = zone;
    if (z == null) {
      z =
          ZoneId.of(
              ConfigProvider.getConfig()
                  .getOptionalValue("custodia.registry.time-zone", String.class)
                  .orElse("Asia/Shanghai"));
      zone = z;
    }
    return z;
  }

  /** Date and time in the registry's zone. */
  static String local(Instant t) {
    return t == null ? "" : DATE_TIME.format(t.atZone(zone()));
  }

  /** Time of day in the registry's zone. */
  static String clock(Instant t) {
    return t == null ? "" : TIME.format(t.atZone(zone()));
  }

  /** The day in the registry's zone. */
  static String day(Instant t) {
    return t == null ? "" : DAY.format(t.atZone(zone()));
  }

  /** A length of time as h:mm:ss or m:ss. */
  static String duration(Long ms) {
    if (ms == null) {
      return "";
    }
    Duration d = Duration.ofMillis(ms);
    long h = d.toHours();
    int m = d.toMinutesPart();
    int s = d.toSecondsPart();
    return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
  }

  /** A byte count as B, KB, MB or GB. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = n;
    int i = -1;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return String.format(java.util.Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[i]);
  }

  /** The first 12 hex digits of a hash, for tables (the full hash is in the title). */
  static String shortHash(String hex) {
    return hex == null || hex.length() <= 12 ? hex : hex.substring(0, 12) + "…";
  }
}
