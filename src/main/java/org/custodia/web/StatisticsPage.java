package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.error.CustodiaException;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.security.Unit;
import org.custodia.security.UnitService;
import org.custodia.statistics.Statistics;
import org.custodia.statistics.StatisticsService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /statistics/{year}}: the yearly enforcement statistics (执法统计年报) as a printable report, for
 * a unit or the district. Computed by {@link StatisticsService} exactly as {@code GET
 * /api/v1/statistics/{year}}: the same roles, an auditor sees only their unit, another unit is not
 * found (audited), and every view is audited as a generation.
 */
@Path("/statistics")
@Produces(MediaType.TEXT_HTML)
public class StatisticsPage {
  static final int UNITS = 500;

  /** The certificate states of one unit, in the order of the report's columns. */
  public record CertificateRow(String unit, List<Long> counts) {}

  /**
   * The page: the years and units to choose from, the chosen ones ({@code unitId} null: the
   * district), the figures (null when the year was refused, {@code error} then says why), the
   * unit's name and the certificate rows; {@code error} future or beforeArchive.
   */
  public record View(
      List<Integer> years,
      int firstYear,
      int year,
      List<Unit> units,
      boolean district,
      UUID unitId,
      String unitName,
      Statistics s,
      List<CertificateRow> certificates,
      List<String> certificateStates,
      List<String> notes,
      String error) {}

  /** The counting rules as footnotes, numbered in this order on the page. */
  static final List<String> NOTES =
      List.of(
          "casesByType",
          "casesByOutcome",
          "decidedByStatus",
          "actionsByType",
          "recordings",
          "findings",
          "grades",
          "disclosure",
          "certificatesByUnit",
          "versions");

  /** The sum of a figure's counts, for its total line: {@code {counts.statTotal}}. */
  @io.quarkus.qute.TemplateExtension
  static long statTotal(Map<String, Long> counts) {
    long total = 0;
    for (long n : counts.values()) {
      total += n;
    }
    return total;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance report(View v);
  }

  private final StatisticsService statistics;
  private final UnitService units;
  private final Caller caller;

  StatisticsPage(StatisticsService statistics, UnitService units, Caller caller) {
    this.statistics = statistics;
    this.units = units;
    this.caller = caller;
  }

  /**
   * The year selector's form: to the chosen year's page (last year when none), keeping the unit.
   */
  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public Response choose(@QueryParam("year") Integer year, @QueryParam("unitId") UUID unitId) {
    int y = year == null ? statistics.currentYear() - 1 : year;
    return Response.seeOther(
            java.net.URI.create("/statistics/" + y + (unitId == null ? "" : "?unitId=" + unitId)))
        .build();
  }

  @GET
  @Path("/{year}")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public Response report(@PathParam("year") int year, @QueryParam("unitId") UUID unitId) {
    List<Unit> choices = units.list(caller.global() ? null : caller.unitId(), null, null, UNITS);
    List<Integer> years = new ArrayList<>();
    int first = statistics.firstYear();
    for (int y = statistics.currentYear(); y >= first; y--) {
      years.add(y);
    }
    Statistics s;
    try {
      s = statistics.of(year, unitId);
    } catch (CustodiaException e) {
      if (e.problem().status() != 400) {
        throw e;
      }
      return StationsPage.html(
          400,
          page(
              years,
              year,
              choices,
              unitId,
              null,
              null,
              List.of(),
              year > statistics.currentYear() ? "future" : "beforeArchive"));
    }
    Map<UUID, String> names = new LinkedHashMap<>();
    choices.forEach(u -> names.put(u.id(), u.name()));
    List<CertificateRow> rows = new ArrayList<>();
    s.certificatesByUnit()
        .forEach(
            (unit, counts) ->
                rows.add(
                    new CertificateRow(
                        names.getOrDefault(unit, unit.toString()),
                        Statistics.CERTIFICATE_STATES.stream()
                            .map(k -> counts.getOrDefault(k, 0L))
                            .toList())));
    return Response.ok(
            page(
                years,
                year,
                choices,
                s.unitId(),
                s.unitId() == null ? null : names.get(s.unitId()),
                s,
                rows,
                null))
        .build();
  }

  private TemplateInstance page(
      List<Integer> years,
      int year,
      List<Unit> choices,
      UUID unitId,
      String unitName,
      Statistics s,
      List<CertificateRow> rows,
      String error) {
    return Templates.report(
        new View(
            years,
            years.get(years.size() - 1),
            year,
            choices,
            caller.global(),
            unitId,
            unitName,
            s,
            rows,
            Statistics.CERTIFICATE_STATES,
            NOTES,
            error));
  }
}
