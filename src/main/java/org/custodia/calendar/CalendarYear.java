package org.custodia.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One year's State Council holiday notice as the calendar holds it: where it is published, whether
 * it came bundled with the application, its revision (each correction adds one) and the days it
 * names.
 */
public record CalendarYear(
    int year,
    String source,
    boolean bundled,
    int revision,
    String reason,
    UUID updatedBy,
    Instant updatedAt,
    List<NoticeDay> days) {

  /** A day the notice names: a holiday ({@code offDay}) or an adjusted working day (调休). */
  public record NoticeDay(LocalDate date, String name, boolean offDay) {}
}
