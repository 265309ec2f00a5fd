package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.custodia.compliance.ComplianceReport;
import org.custodia.compliance.ComplianceService;
import org.custodia.compliance.ComplianceStatus;
import org.custodia.dossier.RegistryConfig;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.security.Unit;
import org.custodia.security.UnitService;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /compliance}: dossiers by compliance status, unit and period, for administrators,
 * supervisors and auditors (their own unit), as {@code GET /api/v1/compliance}; and a supervisor's
 * written explanation of a finding (htmx POST with the CSRF token), as {@code POST
 * /api/v1/cases/{id}/compliance/findings/{fid}/acknowledgements}. Both go through {@link
 * ComplianceService}; a refused explanation is said next to its finding on the dossier page (400).
 */
@Path("/compliance")
@Produces(MediaType.TEXT_HTML)
public class CompliancePage {
  static final int UNITS = 500;
  static final int PAGE = 50;
  static final List<String> STATUSES = List.of("VIOLATIONS", "WARNINGS", "", "COMPLIANT");

  /** A listed dossier with its unit's name. */
  public record Row(ComplianceReport.Listed dossier, String unit) {}

  /**
   * The list: the units to choose from (none for an auditor: their own), the filter as asked, the
   * rows, the next page's cursor and a refused filter (a message key).
   */
  public record View(
      List<Unit> units,
      boolean chooseUnit,
      String unitName,
      UUID unitId,
      String status,
      String from,
      String to,
      List<Row> rows,
      String next,
      String query,
      String error) {

    /** The status filter's choices: violations, warnings, both, compliant. */
    public List<String> statuses() {
      return STATUSES;
    }
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(View v);
  }

  private final ComplianceService compliance;
  private final ComplianceViews views;
  private final DossierPage dossier;
  private final UnitService units;
  private final RegistryConfig registry;
  private final Caller caller;

  CompliancePage(
      ComplianceService compliance,
      ComplianceViews views,
      DossierPage dossier,
      UnitService units,
      RegistryConfig registry,
      Caller caller) {
    this.compliance = compliance;
    this.views = views;
    this.dossier = dossier;
    this.units = units;
    this.registry = registry;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public Response list(
      @QueryParam("unitId") UUID unitId,
      @QueryParam("status") String status,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("cursor") String cursor) {
    String chosen = status == null ? "" : status;
    if (!STATUSES.contains(chosen)) {
      throw CustodiaException.invalid("status", "status must be one of " + STATUSES);
    }
    UUID unit = caller.global() ? unitId : unitId == null ? caller.unitId() : unitId;
    String f = from == null ? "" : from.strip();
    String t = to == null ? "" : to.strip();
    String query = query(caller.global() ? unit : null, chosen, f, t);
    List<Unit> choices = caller.global() ? units.list(null, null, null, UNITS) : List.of();
    String unitName = unit == null ? "" : units.byId(unit).map(Unit::name).orElse("");
    ZoneId zone = registry.timeZone();
    String error = "";
    Page<ComplianceReport.Listed> page = null;
    try {
      LocalDate fromDay = day(f);
      LocalDate toDay = day(t);
      if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
        error = "errorPeriod";
      } else {
        page =
            compliance.dossiers(
                unit,
                fromDay == null ? null : fromDay.atStartOfDay(zone).toInstant(),
                toDay == null ? null : toDay.plusDays(1).atStartOfDay(zone).toInstant(),
                chosen.isEmpty() ? null : ComplianceStatus.valueOf(chosen),
                Cursors.decode(cursor),
                PAGE);
      }
    } catch (DateTimeParseException e) {
      error = "errorDate";
    }
    List<Row> rows =
        page == null
            ? List.of()
            : page.items().stream()
                .map(
                    l ->
                        new Row(
                            l,
                            l.unitId().equals(unit)
                                ? unitName
                                : units.byId(l.unitId()).map(Unit::name).orElse("")))
                .toList();
    View v =
        new View(
            choices,
            caller.global(),
            unitName,
            unit,
            chosen,
            f,
            t,
            rows,
            page == null ? null : page.nextCursor(),
            query,
            error);
    return PageForms.html(error.isEmpty() ? 200 : 400, Templates.list(v));
  }

  private static LocalDate day(String s) {
    return s.isEmpty() ? null : LocalDate.parse(s);
  }

  private static String query(UUID unit, String status, String from, String to) {
    StringBuilder q = new StringBuilder();
    if (unit != null) {
      q.append("unitId=").append(unit).append('&');
    }
    if (!status.isEmpty()) {
      q.append("status=").append(status).append('&');
    }
    if (!from.isEmpty()) {
      q.append("from=").append(URLEncoder.encode(from, StandardCharsets.UTF_8)).append('&');
    }
    if (!to.isEmpty()) {
      q.append("to=").append(URLEncoder.encode(to, StandardCharsets.UTF_8)).append('&');
    }
    return q.toString();
  }

  /**
   * A supervisor's written explanation of a finding, stored exactly as typed (never trimmed). Done:
   * the dossier page again, with it (htmx swaps the body: the page stays where it was); refused
   * (blank, too long): the dossier page with the reason next to the finding and the text kept in
   * the field (400).
   */
  @POST
  @Path("/cases/{caseId}/findings/{findingId}/acknowledgements")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Role.SUPERVISOR_)
  @Operation(hidden = true)
  public Response acknowledge(
      @PathParam("caseId") UUID caseId,
      @PathParam("findingId") UUID findingId,
      @FormParam("explanation") String explanation) {
    String typed = explanation == null ? "" : explanation;
    try {
      compliance.acknowledge(caseId, findingId, typed);
      return PageForms.html(200, dossier.dossier(caseId));
    } catch (CustodiaException e) {
      if (e.problem() != ProblemType.INVALID_REQUEST || !"explanation".equals(e.field())) {
        throw e;
      }
      String error =
          typed.isBlank()
              ? "errorRequired"
              : typed.length() > ComplianceService.MAX_EXPLANATION ? "errorTooLong" : "errorText";
      views.refuse(new ComplianceViews.Refusal(findingId, error, typed));
      return PageForms.html(400, dossier.dossier(caseId));
    }
  }
}
