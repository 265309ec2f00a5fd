package org.custodia.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.custodia.dossier.EvidenceKind;
import org.custodia.review.CaseTimeline;

/**
 * The dossier page's timeline drawn on one horizontal axis: the actions' windows as bands, their
 * gaps and overlaps, and one lane per record with its bar placed by corrected wall-clock time.
 * Positions are percentages of the axis, written with a dot ("12.500") for CSS. Pure arithmetic
 * over {@link CaseTimeline}; no rule is decided here.
 */
public final class DossierTimeline {
  private static final Duration[] STEPS = {
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(15),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(2),
    Duration.ofMinutes(5),
    Duration.ofMinutes(10),
    Duration.ofMinutes(15),
    Duration.ofMinutes(30),
    Duration.ofHours(1),
    Duration.ofHours(2),
    Duration.ofHours(3),
    Duration.ofHours(6),
    Duration.ofHours(12),
    Duration.ofDays(1),
    Duration.ofDays(2),
    Duration.ofDays(7),
    Duration.ofDays(30),
    Duration.ofDays(365)
  };

  private static final int MAX_TICKS = 8;

  /** A stretch of the axis: where it starts and how wide it is (percent), and its times. */
  public record Span(String left, String width, Instant from, Instant to, long durationMs) {}

  /** A tick of the axis with its label. */
  public record Tick(String left, String label) {}

  /** An action's band, with its gaps and overlaps. */
  public record Band(
      CaseTimeline.Action action,
      String type,
      Span span,
      List<Span> gaps,
      List<Span> overlaps,
      int coveredPercent) {}

  /** One record's lane: its bar (null when the record has no recording time). */
  public record Lane(
      CaseTimeline.Item item,
      String kind,
      Span bar,
      boolean point,
      boolean recording,
      boolean overlapping) {}

  private final Instant start;
  private final Instant end;
  private final List<Tick> ticks;
  private final List<Band> bands;
  private final List<Lane> lanes;
  private final List<CaseTimeline.Item> undated;

  private DossierTimeline(
      Instant start,
      Instant end,
      List<Tick> ticks,
      List<Band> bands,
      List<Lane> lanes,
      List<CaseTimeline.Item> undated) {
    this.start = start;
    this.end = end;
    this.ticks = ticks;
    this.bands = bands;
    this.lanes = lanes;
    this.undated = undated;
  }

  public static DossierTimeline of(CaseTimeline t, ZoneId zone) {
    Instant min = null;
    Instant max = null;
    for (CaseTimeline.Action a : t.actions()) {
      min = min(min, a.from());
      max = max(max, a.to());
    }
    for (CaseTimeline.Item i : t.records()) {
      if (i.wallClock() != null) {
        min = min(min, i.wallClock().from());
        max = max(max, i.wallClock().to());
      }
    }
    List<CaseTimeline.Item> undated =
        t.records().stream().filter(i -> i.wallClock() == null).toList();
    if (min == null) {
      return new DossierTimeline(null, null, List.of(), List.of(), List.of(), undated);
    }
    long range = Math.max(Duration.between(min, max).toMillis(), 1000);
    long pad = Math.max(range / 25, 500);
    Instant start = min.minusMillis(pad);
    Instant end = max.plusMillis(pad);
    Axis axis = new Axis(start, end);

    List<Band> bands = new ArrayList<>();
    for (CaseTimeline.Action a : t.actions()) {
      bands.add(
          new Band(
              a,
              a.type().name(),
              axis.span(a.from(), a.to()),
              a.gaps().stream().map(g -> axis.span(g.from(), g.to())).toList(),
              a.overlaps().stream().map(o -> axis.span(o.from(), o.to())).toList(),
              a.windowMs() == 0 ? 0 : (int) Math.floor(100.0 * a.coveredMs() / a.windowMs())));
    }
    List<UUID> overlapping =
        t.actions().stream()
            .flatMap(a -> a.overlaps().stream())
            .flatMap(o -> o.evidenceIds().stream())
            .distinct()
            .toList();
    List<Lane> lanes = new ArrayList<>();
    for (CaseTimeline.Item i : t.records()) {
      if (i.wallClock() == null) {
        continue;
      }
      boolean recording = i.kind() == EvidenceKind.VIDEO || i.kind() == EvidenceKind.AUDIO;
      boolean point = !i.wallClock().to().isAfter(i.wallClock().from());
      lanes.add(
          new Lane(
              i,
              i.kind().name(),
              axis.span(i.wallClock().from(), i.wallClock().to()),
              point,
              recording,
              overlapping.contains(i.id())));
    }
    return new DossierTimeline(start, end, ticks(start, end, zone), bands, lanes, undated);
  }

  public boolean empty() {
    return start == null;
  }

  public Instant start() {
    return start;
  }

  public Instant end() {
    return end;
  }

  public List<Tick> ticks() {
    return ticks;
  }

  public List<Band> bands() {
    return bands;
  }

  public List<Lane> lanes() {
    return lanes;
  }

  public List<CaseTimeline.Item> undated() {
    return undated;
  }

  /** Whether any action has a gap. */
  public boolean hasGaps() {
    return bands.stream().anyMatch(b -> !b.gaps().isEmpty());
  }

  /** Whether any action has an overlap. */
  public boolean hasOverlaps() {
    return bands.stream().anyMatch(b -> !b.overlaps().isEmpty());
  }

  private record Axis(Instant start, Instant end) {
    double percent(Instant t) {
      double total = Duration.between(start, end).toMillis();
      return 100.0 * Duration.between(start, t).toMillis() / total;
    }

    Span span(Instant from, Instant to) {
      double left = percent(from);
      double width = Math.max(percent(to) - left, 0);
      return new Span(
          css(left), css(width), from, to, Math.max(Duration.between(from, to).toMillis(), 0));
    }
  }

  static String css(double percent) {
    return String.format(Locale.ROOT, "%.3f", percent);
  }

  static List<Tick> ticks(Instant start, Instant end, ZoneId zone) {
    long range = Duration.between(start, end).toMillis();
    Duration step = STEPS[STEPS.length - 1];
    for (Duration s : STEPS) {
      if (range / s.toMillis() <= MAX_TICKS) {
        step = s;
        break;
      }
    }
    long stepMs = step.toMillis();
    long offsetMs = zone.getRules().getOffset(start).getTotalSeconds() * 1000L;
    long first = Math.floorDiv(start.toEpochMilli() + offsetMs, stepMs) * stepMs - offsetMs;
    if (first < start.toEpochMilli()) {
      first += stepMs;
    }
    boolean days = range > Duration.ofHours(20).toMillis();
    DateTimeFormatter format =
        DateTimeFormatter.ofPattern(
            days ? "MM-dd HH:mm" : step.toMillis() >= 60_000 ? "HH:mm" : "HH:mm:ss");
    Axis axis = new Axis(start, end);
    List<Tick> ticks = new ArrayList<>();
    for (long t = first; t <= end.toEpochMilli(); t += stepMs) {
      Instant at = Instant.ofEpochMilli(t);
      ticks.add(new Tick(css(axis.percent(at)), format.format(at.atZone(zone))));
    }
    return ticks;
  }

  private static Instant min(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private static Instant max(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
