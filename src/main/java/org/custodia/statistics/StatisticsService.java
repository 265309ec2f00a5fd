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
import org.custodia.dossier.RegistryConfig;
import org.custodia.dossier.YearFigures;
import org.custodia.error.CustodiaException;
import org.custodia.security.Caller;
import org.custodia.security.UnitService;

/** Computes the yearly statistics from the archive's tables and audits each generation. */
@ApplicationScoped
@jakarta.transaction.Transactional
public class StatisticsService {
  private final YearFigures figures;
  private final UnitService units;
  private final AuditService audit;
  private final Caller caller;
  private final ZoneId zone;

  StatisticsService(
      YearFigures figures,
      UnitService units,
      AuditService audit,
      Caller caller,
      RegistryConfig config) {
    this.figures = figures;
    this.units = units;
    this.audit = audit;
    this.caller = caller;
    this.zone = config.timeZone();
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
    int now = LocalDate.now(zone).getYear();
    if (year > now) {
      throw CustodiaException.invalid("year", "year " + year + " is in the future");
    }
    Instant first = figures.firstRecord().orElse(Instant.now());
    if (year < first.atZone(zone).getYear()) {
      throw CustodiaException.invalid(
          "year",
          year + " is before the archive's first record (" + first.atZone(zone).getYear() + ")");
    }
    LocalDate start = LocalDate.of(year, 1, 1);
    Instant from = start.atStartOfDay(zone).toInstant();
    Instant to = start.plusYears(1).atStartOfDay(zone).toInstant();
    Statistics s =
        new Statistics(
            year,
            unitId,
            year == now,
            from,
            to,
            Instant.now(),
            figures.casesByType(unitId, from, to),
            figures.decidedByStatus(unitId, start, start.plusYears(1).minusDays(1)),
            figures.actionsByType(unitId, from, to),
            figures.evidenceByKind(unitId, from, to),
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
}
