package org.custodia.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CoverageTest {
  private static final Instant T0 = Instant.parse("2026-11-27T09:30:00Z");
  private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  private static final UUID C = UUID.fromString("00000000-0000-0000-0000-00000000000c");

  /** Seconds after 09:30. */
  private static Instant t(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private static Coverage.Interval rec(UUID id, long from, long to) {
    return new Coverage.Interval(id, t(from), t(to));
  }

  private static Coverage.Result window(long from, long to, Coverage.Interval... recordings) {
    return Coverage.of(t(from), t(to), List.of(recordings), Duration.ZERO);
  }

  private static Coverage.Span span(long from, long to, UUID... ids) {
    return new Coverage.Span(t(from), t(to), (to - from) * 1000, List.of(ids));
  }

  @Test
  void no_recording_leaves_the_whole_window_one_gap() {
    Coverage.Result r = window(0, 600);
    assertThat(r.covered()).isEmpty();
    assertThat(r.overlaps()).isEmpty();
    assertThat(r.gaps()).containsExactly(span(0, 600));
    assertThat(r.windowMs()).isEqualTo(600_000);
    assertThat(r.coveredMs()).isZero();
    assertThat(r.uncoveredMs()).isEqualTo(600_000);
  }

  @Test
  void a_recording_of_exactly_the_window_covers_it_without_gaps() {
    Coverage.Result r = window(0, 600, rec(A, 0, 600));
    assertThat(r.covered()).containsExactly(span(0, 600, A));
    assertThat(r.gaps()).isEmpty();
    assertThat(r.overlaps()).isEmpty();
    assertThat(r.coveredMs()).isEqualTo(600_000);
    assertThat(r.uncoveredMs()).isZero();
  }

  @Test
  void recordings_outside_the_window_or_only_touching_it_cover_nothing() {
    Coverage.Result r =
        window(100, 200, rec(A, 0, 50), rec(B, 0, 100), rec(C, 200, 300), rec(A, 250, 260));
    assertThat(r.covered()).isEmpty();
    assertThat(r.gaps()).containsExactly(span(100, 200));
  }

  @Test
  void recordings_reaching_past_the_window_are_cut_at_its_edges() {
    Coverage.Result r = window(100, 200, rec(A, 50, 130), rec(B, 180, 400));
    assertThat(r.covered()).containsExactly(span(100, 130, A), span(180, 200, B));
    assertThat(r.gaps()).containsExactly(span(130, 180));
    assertThat(r.coveredMs()).isEqualTo(50_000);
    // one recording around the whole window
    assertThat(window(100, 200, rec(C, 0, 1000)).covered()).containsExactly(span(100, 200, C));
  }

  @Test
  void touching_recordings_make_one_covered_span_without_gap_or_overlap() {
    Coverage.Result r = window(0, 30, rec(A, 0, 10), rec(B, 10, 20), rec(C, 20, 30));
    assertThat(r.covered()).containsExactly(span(0, 30, A, B, C));
    assertThat(r.gaps()).isEmpty();
    assertThat(r.overlaps()).isEmpty();
  }

  @Test
  void a_nested_recording_is_an_overlap_inside_the_outer_one() {
    Coverage.Result r = window(0, 60, rec(A, 0, 60), rec(B, 20, 30));
    assertThat(r.covered()).containsExactly(span(0, 60, A, B));
    assertThat(r.overlaps()).containsExactly(span(20, 30, A, B));
    assertThat(r.coveredMs()).isEqualTo(60_000);
  }

  @Test
  void identical_recordings_overlap_over_their_whole_length() {
    Coverage.Result r = window(0, 60, rec(A, 10, 20), rec(B, 10, 20));
    assertThat(r.covered()).containsExactly(span(10, 20, A, B));
    assertThat(r.overlaps()).containsExactly(span(10, 20, A, B));
    assertThat(r.gaps()).containsExactly(span(0, 10), span(20, 60));
  }

  @Test
  void overlaps_separated_by_single_coverage_are_separate_spans() {
    Coverage.Result r = window(0, 20, rec(A, 0, 10), rec(B, 5, 15), rec(C, 12, 20));
    assertThat(r.overlaps()).containsExactly(span(5, 10, A, B), span(12, 15, B, C));
    assertThat(r.covered()).containsExactly(span(0, 20, A, B, C));
  }

  @Test
  void a_chain_of_overlaps_without_a_break_is_one_span_naming_every_recording() {
    Coverage.Result r = window(0, 20, rec(A, 0, 10), rec(B, 5, 15), rec(C, 8, 20));
    assertThat(r.overlaps()).containsExactly(span(5, 15, A, B, C));
  }

  @Test
  void three_at_once_is_still_one_overlap() {
    Coverage.Result r = window(0, 30, rec(A, 0, 30), rec(B, 5, 25), rec(C, 10, 20));
    assertThat(r.overlaps()).containsExactly(span(5, 25, A, B, C));
  }

  @Test
  void gaps_at_the_start_between_and_at_the_end_are_reported() {
    Coverage.Result r = window(0, 100, rec(A, 10, 20), rec(B, 50, 60));
    assertThat(r.gaps()).containsExactly(span(0, 10), span(20, 50), span(60, 100));
    assertThat(r.uncoveredMs()).isEqualTo(80_000);
  }

  @Test
  void gaps_up_to_the_tolerance_are_not_reported_but_still_count_as_uncovered() {
    List<Coverage.Interval> recs = List.of(rec(A, 0, 10), rec(B, 12, 20), rec(C, 23, 30));
    Coverage.Result r = Coverage.of(t(0), t(30), recs, Duration.ofSeconds(2));
    // exactly 2 s is tolerated, 3 s is not
    assertThat(r.gaps()).containsExactly(span(20, 23));
    assertThat(r.covered()).containsExactly(span(0, 10, A), span(12, 20, B), span(23, 30, C));
    assertThat(r.uncoveredMs()).isEqualTo(5_000);
    assertThat(r.gapTolerance()).isEqualTo(Duration.ofSeconds(2));
    // a millisecond over the tolerance is a gap
    Coverage.Result tight = Coverage.of(t(0), t(30), recs, Duration.ofMillis(1999));
    assertThat(tight.gaps()).hasSize(2);
  }

  @Test
  void zero_length_recordings_cover_nothing() {
    Coverage.Result r = window(0, 10, rec(A, 5, 5));
    assertThat(r.covered()).isEmpty();
    assertThat(r.gaps()).containsExactly(span(0, 10));
  }

  @Test
  void the_order_of_the_recordings_does_not_matter() {
    List<Coverage.Interval> recs =
        new ArrayList<>(
            List.of(rec(A, 0, 10), rec(B, 5, 15), rec(C, 40, 50), rec(A, 60, 70), rec(B, 65, 90)));
    Coverage.Result sorted = Coverage.of(t(0), t(100), recs, Duration.ZERO);
    Collections.reverse(recs);
    Coverage.Result reversed = Coverage.of(t(0), t(100), recs, Duration.ZERO);
    assertThat(reversed.gaps()).isEqualTo(sorted.gaps());
    assertThat(reversed.coveredMs()).isEqualTo(sorted.coveredMs()).isEqualTo(55_000);
    assertThat(reversed.overlaps())
        .extracting(Coverage.Span::from, Coverage.Span::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(t(5), t(10)),
            org.assertj.core.groups.Tuple.tuple(t(65), t(70)));
  }

  @Test
  void millisecond_precision_is_kept() {
    Instant from = T0;
    Coverage.Result r =
        Coverage.of(
            from,
            from.plusMillis(1000),
            List.of(new Coverage.Interval(A, from.plusMillis(250), from.plusMillis(750))),
            Duration.ZERO);
    assertThat(r.coveredMs()).isEqualTo(500);
    assertThat(r.gaps()).extracting(Coverage.Span::durationMs).containsExactly(250L, 250L);
  }

  @Test
  void an_empty_window_has_nothing_and_a_negative_tolerance_is_refused() {
    Coverage.Result r = window(10, 10, rec(A, 0, 20));
    assertThat(r.windowMs()).isZero();
    assertThat(r.covered()).isEmpty();
    assertThat(r.gaps()).isEmpty();
    assertThatThrownBy(() -> Coverage.of(t(0), t(1), List.of(), Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_wall_clock_start_is_the_claimed_start_minus_the_device_offset() {
    // the device clock runs 90 s ahead of the station: it claimed 09:31:30 for 09:30:00
    WallClock w = WallClock.of(t(90), t(90 + 600), 300_000L, 90_000L);
    assertThat(w.from()).isEqualTo(t(0));
    assertThat(w.to()).isEqualTo(t(300));
    assertThat(w.offsetKnown()).isTrue();
    assertThat(w.endSource()).isEqualTo(WallClock.FROM_DURATION);
    // a clock behind the station: negative offset
    assertThat(WallClock.of(t(0), null, 1000L, -2_500L).from()).isEqualTo(t(0).plusMillis(2500));
  }

  @Test
  void without_a_probed_duration_the_end_is_the_corrected_recorded_to() {
    WallClock w = WallClock.of(t(90), t(690), null, 90_000L);
    assertThat(w.from()).isEqualTo(t(0));
    assertThat(w.to()).isEqualTo(t(600));
    assertThat(w.endSource()).isEqualTo(WallClock.FROM_RECORDED_TO);
    // no end claimed either: a point in time
    WallClock point = WallClock.of(t(90), null, null, null);
    assertThat(point.from()).isEqualTo(t(90)).isEqualTo(point.to());
    assertThat(point.offsetKnown()).isFalse();
    // no start claimed: not on the timeline
    assertThat(WallClock.of(null, t(10), 5000L, 0L)).isNull();
  }
}
