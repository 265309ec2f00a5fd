package org.custodia.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.calendar.CalendarService;
import org.custodia.calendar.CalendarYear;
import org.custodia.compliance.ComplianceService;
import org.custodia.disclosure.DisclosureService;
import org.custodia.disclosure.DisclosureStatus;
import org.custodia.dossier.RegistryConfig;
import org.custodia.dossier.YearFigures;
import org.custodia.error.CustodiaException;
import org.custodia.grading.Review;
import org.custodia.grading.ReviewService;
import org.custodia.media.MediaService;
import org.custodia.media.ProbedDurations;
import org.custodia.security.Caller;
import org.custodia.security.UnitService;

/** Computes the yearly statistics from the archive's tables and audits each generation. */
@ApplicationScoped
@jakarta.transaction.Transactional
public class StatisticsService {
  private final YearFigures figures;
  private final MediaService media;
  private final ComplianceService compliance;
  private final ReviewService reviews;
  private final DisclosureService disclosures;
  private final CalendarService calendar;
  private final UnitService units;
  private final AuditService audit;
  private final Caller caller;
  private final ZoneId zone;

  StatisticsService(
      YearFigures figures,
      MediaService media,
      ComplianceService compliance,
      ReviewService reviews,
      DisclosureService disclosures,
      CalendarService calendar,
      UnitService units,
      AuditService audit,
      Caller caller,
      RegistryConfig config) {
    this.figures = figures;
    this.media = media;
    this.compliance = compliance;
    this.reviews = reviews;
    this.disclosures = disclosures;
    this.calendar = calendar;
    this.units = units;
    this.audit = audit;
    this.caller = caller;
    this.zone = config.timeZone();
  }

  /** The current year in the registry's time zone: the last one with statistics. */
  public int currentYear() {
    return LocalDate.now(zone).getYear();
  }

  /** The first year with statistics: that of the archive's first record (this year if none). */
  public int firstYear() {
    return figures.firstRecord().orElse(Instant.now()).atZone(zone).getYear();
  }

  /** The statistics of {@code year} for {@code unitId}, or the district when null. */
  public Statistics of(int year, UUID unitId) {
    if (unitId == null) {
      if (!caller.global()) {
        unitId = caller.unitId();
      }
    } else {
      caller.requireSees(unitId, "unit", unitId);
      if (!units.exists(unitId)) {
        throw CustodiaException.notFound("unit");
      }
    }
    int now = currentYear();
    if (year > now) {
      throw CustodiaException.invalid("year", "year " + year + " is in the future");
    }
    int first = firstYear();
    if (year < first) {
      throw CustodiaException.invalid(
          "year", year + " is before the archive's first record (" + first + ")");
    }
    LocalDate start = LocalDate.of(year, 1, 1);
    LocalDate last = start.plusYears(1).minusDays(1);
    Instant from = start.atStartOfDay(zone).toInstant();
    Instant to = start.plusYears(1).atStartOfDay(zone).toInstant();
    boolean provisional = year == now;
    Instant generated = Instant.now();
    // "at year end" in the current year is now: the year has not ended
    Instant end = provisional ? generated : to;
    LocalDate asOf = provisional ? LocalDate.now(zone) : last;
    Map<String, YearFigures.Tally> byKind = figures.evidenceByKind(unitId, from, to);
    Statistics s =
        new Statistics(
            year,
            unitId,
            provisional,
            from,
            to,
            asOf,
            generated,
            figures.casesByType(unitId, from, to),
            figures.casesByOutcome(unitId, from, to, end),
            figures.decidedByStatus(unitId, start, last, end),
            figures.actionsByType(unitId, from, to),
            byKind,
            recordings(byKind, media.durations(figures.recordingsIn(unitId, from, to))),
            byKind.getOrDefault("DOCUMENT", new YearFigures.Tally(0, 0)),
            compliance.yearCounts(unitId, from, end),
            grades(unitId, from, to),
            timeliness(disclosures.timeliness(figures.decisionsIn(unitId, start, last, end), asOf)),
            figures.certificatesAt(unitId, end, asOf),
            versions(),
            Statistics.RULES);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("year", year);
    details.put("unitId", unitId == null ? "district" : unitId.toString());
    audit.record(
        "statistics.generated",
        AuditEvent.Target.of("statistics", unitId == null ? "district" : unitId.toString()),
        details);
    return s;
  }

  private static Statistics.Recordings recordings(
      Map<String, YearFigures.Tally> byKind, ProbedDurations d) {
    long count = 0;
    long bytes = 0;
    for (String kind : new String[] {"VIDEO", "AUDIO"}) {
      YearFigures.Tally t = byKind.get(kind);
      if (t != null) {
        count += t.count();
        bytes += t.bytes();
      }
    }
    double hours = Math.round(d.millis() / 36_000.0) / 100.0;
    return new Statistics.Recordings(
        count, bytes, d.probed(), count - d.probed(), d.millis(), hours);
  }

  private Map<String, Long> grades(UUID unitId, Instant from, Instant to) {
    long[] sums = new long[4];
    for (Review.Distribution d : reviews.distribution(unitId, from, to)) {
      sums[0] += d.excellent();
      sums[1] += d.good();
      sums[2] += d.pass();
      sums[3] += d.fail();
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < sums.length; i++) {
      out.put(Statistics.GRADES.get(i), sums[i]);
    }
    return out;
  }

  /** The disclosure statuses as of year end, in the five words of the figure. */
  private static Map<String, Long> timeliness(Map<DisclosureStatus, Long> by) {
    Map<String, Long> out = new LinkedHashMap<>();
    Statistics.TIMELINESS.forEach(k -> out.put(k, 0L));
    by.forEach(
        (status, n) ->
            out.merge(
                switch (status) {
                  case ON_TIME -> "ON_TIME";
                  case LATE -> "LATE";
                  case OVERDUE -> "MISSING";
                  case DUE, DUE_SOON -> "NOT_YET_DUE";
                  case UNKNOWN -> "UNKNOWN";
                },
                n,
                Long::sum));
    return out;
  }

  private Statistics.Versions versions() {
    Map<Integer, Integer> years = new LinkedHashMap<>();
    for (CalendarYear y : calendar.years()) {
      years.put(y.year(), y.revision());
    }
    return new Statistics.Versions(compliance.rulesVersion(), disclosures.rulesVersion(), years);
  }
}
