package org.custodia.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The calendar at one moment: the covered years and the days their notices name. A day of a covered
 * year is a working day iff it is a weekday and not a holiday, or an adjusted working day (调休). A
 * day of a year not covered is unknown: it is never guessed from the weekday.
 */
public final class WorkingCalendar {
  /** Most working days one count may add: more than a year of them is no deadline. */
  public static final int MAX_ADD = 366;

  /** Why a day is, or is not, a working day. */
  public enum Reason {
    WEEKDAY,
    WEEKEND,
    HOLIDAY,
    ADJUSTED_WORKING_DAY,
    UNKNOWN
  }

  /** A day a notice names: its holiday and whether it is off (a holiday) or worked (调休). */
  public record Named(String name, boolean offDay) {}

  /**
   * One day: covered or not; when covered, whether it is a working day and why ({@code holiday}
   * names the holiday of a holiday or of an adjusted working day).
   */
  public record Day(
      LocalDate date,
      DayOfWeek dayOfWeek,
      boolean covered,
      Boolean workingDay,
      Reason reason,
      String holiday) {}

  /**
   * N working days from a date: the Nth working day after it (the start day is not counted), the
   * days passed over that are not working days, and the adjusted working days counted. Not covered:
   * {@code due} is null and {@code uncoveredYear} names the first year the count needed.
   */
  public record Count(
      LocalDate from,
      int add,
      boolean covered,
      LocalDate due,
      Integer uncoveredYear,
      List<Day> skipped,
      List<Day> adjustedWorkingDays) {}

  private final Set<Integer> years;
  private final Map<LocalDate, Named> named;

  public WorkingCalendar(Set<Integer> years, Map<LocalDate, Named> named) {
    this.years = Set.copyOf(years);
    this.named = Map.copyOf(named);
  }

  public boolean covers(int year) {
    return years.contains(year);
  }

  public Day day(LocalDate date) {
    DayOfWeek dow = date.getDayOfWeek();
    if (!covers(date.getYear())) {
      return new Day(date, dow, false, null, Reason.UNKNOWN, null);
    }
    Named n = named.get(date);
    if (n != null) {
      return n.offDay()
          ? new Day(date, dow, true, false, Reason.HOLIDAY, n.name())
          : new Day(date, dow, true, true, Reason.ADJUSTED_WORKING_DAY, n.name());
    }
    boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    return new Day(date, dow, true, !weekend, weekend ? Reason.WEEKEND : Reason.WEEKDAY, null);
  }

  /** The {@code add}th working day after {@code from} (《行政处罚法》第八十五条：期间开始的日，不计算在内). */
  public Count add(LocalDate from, int add) {
    if (add < 1 || add > MAX_ADD) {
      throw new IllegalArgumentException("add must be 1 to " + MAX_ADD);
    }
    List<Day> skipped = new ArrayList<>();
    List<Day> adjusted = new ArrayList<>();
    LocalDate d = from;
    int counted = 0;
    while (counted < add) {
      d = d.plusDays(1);
      Day day = day(d);
      if (!day.covered()) {
        return new Count(from, add, false, null, d.getYear(), List.of(), List.of());
      }
      if (day.workingDay()) {
        counted++;
        if (day.reason() == Reason.ADJUSTED_WORKING_DAY) {
          adjusted.add(day);
        }
      } else {
        skipped.add(day);
      }
    }
    return new Count(from, add, true, d, null, List.copyOf(skipped), List.copyOf(adjusted));
  }

  /**
   * Working days after {@code from} up to and including {@code to} (0 when {@code to} is not after
   * {@code from}); null when a day between them is not covered.
   */
  public Integer workingDaysBetween(LocalDate from, LocalDate to) {
    int n = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
      Day day = day(d);
      if (!day.covered()) {
        return null;
      }
      if (day.workingDay()) {
        n++;
      }
    }
    return n;
  }
}
