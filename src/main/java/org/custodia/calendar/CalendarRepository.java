package org.custodia.calendar;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.custodia.support.Jdbc;

/**
 * The covered years and the days their notices name ({@code calendar_year}, {@code calendar_day}).
 */
@ApplicationScoped
class CalendarRepository {
  private final AgroalDataSource db;

  CalendarRepository(AgroalDataSource db) {
    this.db = db;
  }

  /** The whole calendar: a few hundred rows at most. */
  WorkingCalendar snapshot() {
    Set<Integer> years =
        new TreeSet<>(Jdbc.list(db, "SELECT year FROM calendar_year", rs -> rs.getInt(1)));
    Map<java.time.LocalDate, WorkingCalendar.Named> named = new HashMap<>();
    for (CalendarYear.NoticeDay d :
        Jdbc.list(db, "SELECT day, name, off_day FROM calendar_day", CalendarRepository::day)) {
      named.put(d.date(), new WorkingCalendar.Named(d.name(), d.offDay()));
    }
    return new WorkingCalendar(years, named);
  }

  List<CalendarYear> years() {
    return Jdbc.list(
            db, "SELECT " + COLUMNS + " FROM calendar_year ORDER BY year", CalendarRepository::year)
        .stream()
        .map(this::withDays)
        .toList();
  }

  Optional<CalendarYear> lock(int year) {
    return Jdbc.one(
            db,
            "SELECT " + COLUMNS + " FROM calendar_year WHERE year = ? FOR UPDATE",
            CalendarRepository::year,
            year)
        .map(this::withDays);
  }

  private CalendarYear withDays(CalendarYear y) {
    return new CalendarYear(
        y.year(),
        y.source(),
        y.bundled(),
        y.revision(),
        y.reason(),
        y.updatedBy(),
        y.updatedAt(),
        Jdbc.list(
            db,
            "SELECT day, name, off_day FROM calendar_day WHERE year = ? ORDER BY day",
            CalendarRepository::day,
            y.year()));
  }

  /** Inserts the year unless it is there; whether it was inserted. */
  boolean insertIfAbsent(CalendarYear y) {
    return Jdbc.update(
            db,
            "INSERT INTO calendar_year (year, source, bundled, revision, reason, updated_by,"
                + " updated_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT (year) DO NOTHING",
            y.year(),
            y.source(),
            y.bundled(),
            y.revision(),
            y.reason(),
            y.updatedBy(),
            y.updatedAt())
        == 1;
  }

  void update(CalendarYear y) {
    Jdbc.update(
        db,
        "UPDATE calendar_year SET source = ?, revision = ?, reason = ?, updated_by = ?,"
            + " updated_at = ? WHERE year = ?",
        y.source(),
        y.revision(),
        y.reason(),
        y.updatedBy(),
        y.updatedAt(),
        y.year());
  }

  /** Replaces the days the year's notice names. */
  void replaceDays(int year, List<CalendarYear.NoticeDay> days) {
    Jdbc.update(db, "DELETE FROM calendar_day WHERE year = ?", year);
    for (CalendarYear.NoticeDay d : days) {
      Jdbc.update(
          db,
          "INSERT INTO calendar_day (day, year, name, off_day) VALUES (?,?,?,?)",
          Date.valueOf(d.date()),
          year,
          d.name(),
          d.offDay());
    }
  }

  /** The year of the notice naming {@code day} among {@code days}, other than {@code year}. */
  Optional<Integer> namedElsewhere(int year, java.time.LocalDate day) {
    return Jdbc.one(
        db,
        "SELECT year FROM calendar_day WHERE day = ? AND year <> ?",
        rs -> rs.getInt(1),
        Date.valueOf(day),
        year);
  }

  private static final String COLUMNS =
      "year, source, bundled, revision, reason, updated_by, updated_at";

  private static CalendarYear year(ResultSet rs) throws SQLException {
    return new CalendarYear(
        rs.getInt(1),
        rs.getString(2),
        rs.getBoolean(3),
        rs.getInt(4),
        rs.getString(5),
        rs.getObject(6, UUID.class),
        Jdbc.instant(rs, 7),
        List.of());
  }

  private static CalendarYear.NoticeDay day(ResultSet rs) throws SQLException {
    return new CalendarYear.NoticeDay(
        rs.getDate(1).toLocalDate(), rs.getString(2), rs.getBoolean(3));
  }
}
