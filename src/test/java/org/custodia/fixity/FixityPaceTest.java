package org.custodia.fixity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The scheduled scan's pace: the bytes per second it needs, and when it cannot have them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FixityPaceTest {
  private static final long GB = 1_000_000_000L;

  @Test
  void the_pace_is_what_remains_over_the_time_left_of_the_period() {
    FixityPace pace = new FixityPace(config(Duration.ofDays(10), 100_000_000));
    Instant start = Instant.parse("2026-12-01T00:00:00Z");
    // 864 GB to go, 10 days left: 1 MB/s needed, well under the limit
    pace.update(Optional.of(run(start, 864 * GB, 0)), start);
    assertThat(pace.required()).isEqualTo(1_000_000.0);
    assertThat(pace.behind()).isFalse();
    assertThat(pace.deadline()).isEqualTo(start.plus(Duration.ofDays(10)));
    // half the time gone, half the bytes done: the same pace
    pace.update(Optional.of(run(start, 864 * GB, 432 * GB)), start.plus(Duration.ofDays(5)));
    assertThat(pace.required()).isEqualTo(1_000_000.0);
  }

  @Test
  void a_scan_that_cannot_finish_in_its_period_at_the_rate_limit_is_behind() {
    FixityPace pace = new FixityPace(config(Duration.ofDays(1), 1_000_000));
    Instant start = Instant.parse("2026-12-01T00:00:00Z");
    // 864 GB in one day needs 10 MB/s; the limit is 1 MB/s
    pace.update(Optional.of(run(start, 864 * GB, 0)), start);
    assertThat(pace.behind()).isTrue();
    assertThat(pace.required()).isEqualTo(10_000_000.0);
    // finished in time after all: no longer behind
    pace.update(Optional.of(run(start, 864 * GB, 864 * GB)), start.plus(Duration.ofHours(1)));
    assertThat(pace.behind()).isFalse();
    // the period is over with bytes left: behind, whatever the limit
    FixityPace unlimited = new FixityPace(config(Duration.ofDays(1), 0));
    unlimited.update(Optional.of(run(start, 10 * GB, 5 * GB)), start.plus(Duration.ofDays(2)));
    assertThat(unlimited.behind()).isTrue();
    // no scheduled scan under way: nothing required
    unlimited.update(Optional.empty(), start);
    assertThat(unlimited.behind()).isFalse();
    assertThat(unlimited.required()).isZero();
  }

  @Test
  void scheduled_objects_are_spaced_to_the_needed_pace_and_not_when_behind() {
    FixityPace pace = new FixityPace(config(Duration.ofDays(10), 100_000_000));
    Instant start = Instant.now();
    pace.update(Optional.of(run(start, 864 * GB, 0)), start);
    assertThat(pace.scheduledDue()).isTrue();
    // 100 MB at 1 MB/s: the next scheduled object is due in 100 s, not now
    pace.spaced(100_000_000, 0);
    assertThat(pace.scheduledDue()).isFalse();
    FixityPace late = new FixityPace(config(Duration.ofDays(1), 1_000_000));
    late.update(Optional.of(run(start, 864 * GB, 0)), start);
    late.spaced(1_000_000, 0);
    assertThat(late.scheduledDue()).isTrue();
  }

  private static FixityRun run(Instant created, long total, long done) {
    return new FixityRun(
        UUID.randomUUID(),
        FixityRun.Scope.ALL,
        null,
        null,
        null,
        true,
        FixityRun.State.RUNNING,
        null,
        created,
        created,
        null,
        new FixityRun.Progress(0, 10, done, total, 0),
        null);
  }

  private static FixityConfig config(Duration period, long maxBytesPerSecond) {
    return new FixityConfig() {
      @Override
      public Duration fullScanPeriod() {
        return period;
      }

      @Override
      public long maxBytesPerSecond() {
        return maxBytesPerSecond;
      }

      @Override
      public boolean scheduled() {
        return true;
      }

      @Override
      public String scheduleEvery() {
        return "1m";
      }

      @Override
      public int workers() {
        return 1;
      }

      @Override
      public Duration pollInterval() {
        return Duration.ofSeconds(5);
      }

      @Override
      public Duration lease() {
        return Duration.ofMinutes(2);
      }

      @Override
      public Duration foreignGrace() {
        return Duration.ofMinutes(10);
      }
    };
  }
}
