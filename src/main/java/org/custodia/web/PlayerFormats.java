package org.custodia.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Formats of the player and review pages, as {@code {clock:…}} in templates: times in Beijing time
 * (Asia/Shanghai, the zone the regulation's records are kept in) and media times.
 */
@TemplateExtension(namespace = "clock")
public final class PlayerFormats {
  /** The zone every wall-clock time of these pages is shown in. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private static final DateTimeFormatter WALL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);

  private PlayerFormats() {}

  /** {@code 2026-11-27 17:30:00} in Asia/Shanghai; empty for null. */
  static String wall(Instant t) {
    return t == null ? "" : WALL.format(t);
  }

  /** Media time: {@code 1:02:03.456} or {@code 2:03.456}. */
  static String media(long ms) {
    long s = ms / 1000;
    long h = s / 3600;
    long m = (s / 60) % 60;
    String rest = String.format("%02d.%03d", s % 60, ms % 1000);
    return h > 0 ? String.format("%d:%02d:%s", h, m, rest) : String.format("%d:%s", m, rest);
  }

  /** Media time in seconds with milliseconds, for {@code ?t=} links. */
  static String seconds(long ms) {
    return String.format(java.util.Locale.ROOT, "%d.%03d", ms / 1000, ms % 1000);
  }

  /** A size for people: {@code 1.01 MB}, {@code 640 KB}, {@code 12 B} (powers of 1024). */
  static String bytes(long n) {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    double v = n;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0
        ? n + " B"
        : String.format(java.util.Locale.ROOT, v >= 100 ? "%.0f %s" : "%.2f %s", v, units[u]);
  }

  /** A duration in milliseconds as {@code 1:02:03} (or {@code 2:03}). */
  static String duration(Long ms) {
    if (ms == null) {
      return "";
    }
    long s = Math.round(ms / 1000.0);
    long h = s / 3600;
    return h > 0
        ? String.format("%d:%02d:%02d", h, (s / 60) % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }
}
