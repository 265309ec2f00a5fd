package org.custodia.calendar;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** Request bodies of the calendar endpoints. */
public final class CalendarBodies {
  private CalendarBodies() {}

  /** One day of a notice: a holiday ({@code offDay} true) or an adjusted working day (调休). */
  public record Day(@NotNull LocalDate date, @NotBlank String name, @NotNull Boolean offDay) {}

  /**
   * A year's State Council notice: where it is published and the days it names; a correction of a
   * year the calendar holds states its reason.
   */
  public record Year(
      @NotBlank String source,
      @NotNull @Size(min = 1, max = CalendarService.MAX_DAYS) List<@Valid @NotNull Day> days,
      @Size(max = CalendarService.MAX_REASON) String reason) {}
}
