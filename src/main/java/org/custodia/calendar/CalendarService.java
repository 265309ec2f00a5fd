package org.custodia.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.error.CustodiaException;
import org.custodia.security.Caller;

/**
 * The working-day calendar: the State Council holiday notices it covers (bundled with the
 * application, or added by an administrator when each year's notice is published) and the
 * working-day arithmetic over them.
 */
@ApplicationScoped
public class CalendarService {
  static final int MAX_DAYS = 120;
  static final int MAX_NAME = 64;
  static final int MAX_SOURCE = 500;
  static final int MAX_REASON = 1000;

  private final CalendarRepository calendar;
  private final AuditService audit;
  private final Caller caller;

  CalendarService(CalendarRepository calendar, AuditService audit, Caller caller) {
    this.calendar = calendar;
    this.audit = audit;
    this.caller = caller;
  }

  /** The calendar as it stands: read once per question, it is a few hundred rows. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public WorkingCalendar current() {
    return calendar.snapshot();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public WorkingCalendar.Day day(LocalDate date) {
    return current().day(date);
  }

  /**
   * The {@code add}th working day after {@code from}; {@code add} from 1 to {@link
   * WorkingCalendar#MAX_ADD}.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public WorkingCalendar.Count add(LocalDate from, int add) {
    if (add < 1 || add > WorkingCalendar.MAX_ADD) {
      throw CustodiaException.invalid(
          "add", "a count of working days from 1 to " + WorkingCalendar.MAX_ADD);
    }
    return current().add(from, add);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<CalendarYear> years() {
    return calendar.years();
  }

  /**
   * Adds a year's notice, or corrects one the calendar holds (then with a reason, and the revision
   * goes up). Audited with every day the notice names, so that the log shows what changed.
   */
  @Transactional
  public CalendarYear put(
      int year, String source, List<CalendarYear.NoticeDay> days, String reason) {
    List<CalendarYear.NoticeDay> checked = check(year, source, days, "");
    Optional<CalendarYear> old = calendar.lock(year);
    if (old.isPresent() && (reason == null || reason.isBlank())) {
      throw CustodiaException.invalid(
          "reason",
          "the calendar holds "
              + year
              + (old.get().bundled() ? " (bundled)" : "")
              + ": a correction states its reason");
    }
    if (reason != null && reason.length() > MAX_REASON) {
      throw CustodiaException.invalid("reason", "at most " + MAX_REASON + " characters");
    }
    for (int i = 0; i < checked.size(); i++) {
      LocalDate d = checked.get(i).date();
      Optional<Integer> other = calendar.namedElsewhere(year, d);
      if (other.isPresent()) {
        throw CustodiaException.invalid(
            "days[" + i + "].date", d + " is named by the notice of " + other.get());
      }
    }
    CalendarYear y =
        new CalendarYear(
            year,
            source,
            old.map(CalendarYear::bundled).orElse(false),
            old.map(o -> o.revision() + 1).orElse(1),
            old.isPresent() ? reason : (reason == null || reason.isBlank() ? null : reason),
            caller.id(),
            Instant.now(),
            checked);
    if (old.isPresent()) {
      calendar.update(y);
    } else {
      calendar.insertIfAbsent(y);
    }
    calendar.replaceDays(year, checked);
    Map<String, Object> details = details(y);
    if (old.isPresent()) {
      details.put("previousRevision", old.get().revision());
      details.put("previousSource", old.get().source());
      details.put("previousDays", describe(old.get().days()));
    }
    audit.record(
        old.isPresent() ? "calendar.year-corrected" : "calendar.year-added",
        AuditEvent.Target.of("calendar-year", year),
        details);
    return y;
  }

  /**
   * Loads a bundled notice unless the calendar holds its year already (as loaded before, or as an
   * administrator corrected it): idempotent, and a correction is never undone by a restart.
   */
  @Transactional
  public boolean loadBundled(CalendarYear y) {
    List<CalendarYear.NoticeDay> checked =
        check(y.year(), y.source(), y.days(), "bundled " + y.year() + ": ");
    CalendarYear bundled =
        new CalendarYear(y.year(), y.source(), true, 1, null, null, Instant.now(), checked);
    if (!calendar.insertIfAbsent(bundled)) {
      return false;
    }
    calendar.replaceDays(y.year(), checked);
    audit.recordSystem(
        "calendar.year-loaded", AuditEvent.Target.of("calendar-year", y.year()), details(bundled));
    return true;
  }

  private static Map<String, Object> details(CalendarYear y) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("year", y.year());
    details.put("source", y.source());
    details.put("bundled", y.bundled());
    details.put("revision", y.revision());
    if (y.reason() != null) {
      details.put("reason", y.reason());
    }
    details.put("days", describe(y.days()));
    return details;
  }

  /** Each day as "2026-10-01 国庆节 off" or "2026-10-10 国庆节 work". */
  private static List<String> describe(List<CalendarYear.NoticeDay> days) {
    return days.stream()
        .map(d -> d.date() + " " + d.name() + (d.offDay() ? " off" : " work"))
        .toList();
  }

  /**
   * A notice's days, sorted: each of the year (a New Year holiday may start in the December before,
   * a Spring Festival one end in the January after), named, listed once; an adjusted working day
   * falls on a weekend (a weekday is a working day anyway).
   */
  static List<CalendarYear.NoticeDay> check(
      int year, String source, List<CalendarYear.NoticeDay> days, String at) {
    if (year < 1900 || year > 2199) {
      throw CustodiaException.invalid("year", at + "a year from 1900 to 2199");
    }
    if (source == null
        || source.length() > MAX_SOURCE
        || !(source.startsWith("https://") || source.startsWith("http://"))
        || source.strip().length() != source.length()
        || source.contains(" ")) {
      throw CustodiaException.invalid(
          "source", at + "the address of the notice (http or https, at most 500 characters)");
    }
    if (days == null || days.isEmpty() || days.size() > MAX_DAYS) {
      throw CustodiaException.invalid(
          "days", at + "the days the notice names: 1 to " + MAX_DAYS + " of them");
    }
    LocalDate first = LocalDate.of(year - 1, 12, 1);
    LocalDate last = LocalDate.of(year + 1, 1, 31);
    Set<LocalDate> seen = new HashSet<>();
    boolean holiday = false;
    List<CalendarYear.NoticeDay> out = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      CalendarYear.NoticeDay d = days.get(i);
      String field = "days[" + i + "]";
      if (d == null || d.date() == null) {
        throw CustodiaException.invalid(field + ".date", at + "a date such as " + year + "-10-01");
      }
      if (d.date().isBefore(first) || d.date().isAfter(last)) {
        throw CustodiaException.invalid(
            field + ".date", at + d.date() + " is not a day of the notice for " + year);
      }
      if (!seen.add(d.date())) {
        throw CustodiaException.invalid(field + ".date", at + d.date() + " is listed twice");
      }
      if (d.name() == null
          || d.name().isBlank()
          || d.name().length() > MAX_NAME
          || !d.name().strip().equals(d.name())) {
        throw CustodiaException.invalid(
            field + ".name", at + "the holiday's name (1 to " + MAX_NAME + " characters)");
      }
      DayOfWeek dow = d.date().getDayOfWeek();
      if (!d.offDay() && dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
        throw CustodiaException.invalid(
            field + ".offDay",
            at + d.date() + " is a " + dow + ": an adjusted working day (调休) is a weekend day");
      }
      holiday |= d.offDay();
      out.add(d);
    }
    if (!holiday) {
      throw CustodiaException.invalid("days", at + "a notice names at least one holiday");
    }
    out.sort(Comparator.comparing(CalendarYear.NoticeDay::date));
    return List.copyOf(out);
  }
}
