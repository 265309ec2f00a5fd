package org.custodia.review;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The interval arithmetic of the case timeline, pure: which stretches of an action's window [{@code
 * from}, {@code to}) recordings cover, which they leave uncovered (gaps) and where two or more run
 * at once (overlaps). Intervals are half-open, so a recording that ends when the next one starts
 * touches it: no gap, no overlap. Parts of recordings outside the window are cut off; a recording
 * wholly outside it, or of no length, covers nothing.
 */
public final class Coverage {
  private Coverage() {}

  /** One recording on the wall clock: [{@code from}, {@code to}). */
  public record Interval(UUID id, Instant from, Instant to) {}

  /** A stretch of the window and the recordings in it (none for a gap). */
  public record Span(Instant from, Instant to, long durationMs, List<UUID> evidenceIds) {
    Span(Instant from, Instant to, Collection<UUID> ids) {
      this(from, to, Duration.between(from, to).toMillis(), List.copyOf(ids));
    }
  }

  /**
   * The coverage of one window. {@code coveredMs + uncoveredMs} is the window's length; gaps are
   * only the uncovered stretches longer than the tolerance, so their sum may be less than {@code
   * uncoveredMs}.
   */
  public record Result(
      long windowMs,
      long coveredMs,
      long uncoveredMs,
      Duration gapTolerance,
      List<Span> covered,
      List<Span> gaps,
      List<Span> overlaps) {}

  /**
   * The coverage of [{@code from}, {@code to}) by {@code recordings}; uncovered stretches up to
   * {@code tolerance} long are not gaps.
   */
  public static Result of(
      Instant from, Instant to, Collection<Interval> recordings, Duration tolerance) {
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("negative gap tolerance");
    }
    if (!to.isAfter(from)) {
      return new Result(0, 0, 0, tolerance, List.of(), List.of(), List.of());
    }
    // every start and end inside the window, with what starts and ends there
    TreeMap<Instant, List<Interval>> starts = new TreeMap<>();
    TreeMap<Instant, List<Interval>> ends = new TreeMap<>();
    for (Interval r : recordings) {
      Instant s = r.from().isBefore(from) ? from : r.from();
      Instant e = r.to().isAfter(to) ? to : r.to();
      if (e.isAfter(s)) {
        Interval clipped = new Interval(r.id(), s, e);
        starts.computeIfAbsent(s, k -> new ArrayList<>()).add(clipped);
        ends.computeIfAbsent(e, k -> new ArrayList<>()).add(clipped);
      }
    }
    TreeMap<Instant, Boolean> times = new TreeMap<>();
    starts.keySet().forEach(t -> times.put(t, true));
    ends.keySet().forEach(t -> times.put(t, true));

    List<Span> covered = new ArrayList<>();
    List<Span> overlaps = new ArrayList<>();
    List<Interval> active = new ArrayList<>();
    Run cover = new Run(1, covered);
    Run overlap = new Run(2, overlaps);
    Instant previous = null;
    for (Instant t : times.keySet()) {
      if (previous != null) {
        // [previous, t) has the active set as it was after the events at previous
        cover.segment(previous, t, active);
        overlap.segment(previous, t, active);
      }
      for (Interval ended : ends.getOrDefault(t, List.of())) {
        active.remove(ended);
      }
      active.addAll(starts.getOrDefault(t, List.of()));
      previous = t;
    }
    cover.close();
    overlap.close();

    List<Span> gaps = new ArrayList<>();
    long coveredMs = 0;
    Instant cursor = from;
    for (Span c : covered) {
      gap(cursor, c.from(), tolerance, gaps);
      coveredMs += c.durationMs();
      cursor = c.to();
    }
    gap(cursor, to, tolerance, gaps);
    long windowMs = Duration.between(from, to).toMillis();
    return new Result(
        windowMs,
        coveredMs,
        windowMs - coveredMs,
        tolerance,
        List.copyOf(covered),
        List.copyOf(gaps),
        List.copyOf(overlaps));
  }

  private static void gap(Instant from, Instant to, Duration tolerance, List<Span> gaps) {
    if (Duration.between(from, to).compareTo(tolerance) > 0) {
      gaps.add(new Span(from, to, List.of()));
    }
  }

  /** Merges consecutive segments where at least {@code depth} recordings run into spans. */
  private static final class Run {
    private final int depth;
    private final List<Span> out;
    private Instant from;
    private Instant to;
    private final Set<UUID> ids = new LinkedHashSet<>();

    Run(int depth, List<Span> out) {
      this.depth = depth;
      this.out = out;
    }

    void segment(Instant s, Instant e, List<Interval> active) {
      if (active.size() < depth) {
        close();
        return;
      }
      if (from == null) {
        from = s;
      }
      to = e;
      active.forEach(i -> ids.add(i.id()));
    }

    void close() {
      if (from != null) {
        out.add(new Span(from, to, ids));
        from = null;
        to = null;
        ids.clear();
      }
    }
  }
}
