package org.custodia.review;

import java.time.Duration;
import java.time.Instant;

/**
 * When a recording ran on the true (station) clock. A device's clock offset is "device clock minus
 * station clock" as its docking station last reported it ({@code device.clock_offset_ms}), and the
 * times an upload claims ({@code recordedFrom}, {@code recordedTo}) are the device's; so the true
 * start is {@code recordedFrom − offset}. The end is the corrected start plus the probed media
 * duration; while that is unknown (not probed yet, a document, a failed probe) it is {@code
 * recordedTo − offset}. An unknown offset counts as 0 ({@code offsetKnown} false).
 *
 * @param endSource {@code duration} or {@code recordedTo}: what the end was computed from
 */
public record WallClock(Instant from, Instant to, boolean offsetKnown, String endSource) {
  public static final String FROM_DURATION = "duration";
  public static final String FROM_RECORDED_TO = "recordedTo";

  /** Null when the recording claims no start time. */
  public static WallClock of(
      Instant recordedFrom, Instant recordedTo, Long durationMs, Long clockOffsetMs) {
    if (recordedFrom == null) {
      return null;
    }
    long offset = clockOffsetMs == null ? 0 : clockOffsetMs;
    Instant from = recordedFrom.minusMillis(offset);
    if (durationMs != null && durationMs >= 0) {
      return new WallClock(
          from, from.plus(Duration.ofMillis(durationMs)), clockOffsetMs != null, FROM_DURATION);
    }
    Instant to = recordedTo == null ? from : recordedTo.minusMillis(offset);
    return new WallClock(from, to, clockOffsetMs != null, FROM_RECORDED_TO);
  }
}
