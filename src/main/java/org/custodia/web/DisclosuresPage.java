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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.custodia.disclosure.Disclosure;
import org.custodia.disclosure.DisclosureService;
import org.custodia.disclosure.DisclosureStatus;
import org.custodia.error.CustodiaException;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.security.Unit;
import org.custodia.security.UnitService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /disclosures}: a unit's overdue and due-soon disclosures (公示) and withdrawals, and, for
 * supervisors, recording the day one was done (htmx POST with the CSRF token). Every read and write
 * goes through {@link DisclosureService}, exactly as {@code /api/v1/disclosures} and {@code PUT
 * /api/v1/cases/{id}/disclosure} do.
 */
@Path("/disclosures")
@Produces(MediaType.TEXT_HTML)
public class DisclosuresPage {
  static final int UNITS = 500;

  /** One obligation of a decision, as a row. */
  public record Row(
      UUID caseId,
      String caseNo,
      String kind,
      LocalDate decisionDate,
      String action,
      LocalDate due,
      Integer left) {}

  /** The rows at one status: {@code id} overdue or dueSoon. */
  public record Section(String id, List<Row> rows) {}

  /**
   * The page: the units to choose from, the chosen one, the day the statuses are for ({@code asOf}
   * when one was asked for, else today), its sections, and a refusal to show.
   */
  public record View(
      List<Unit> units,
      UUID unitId,
      LocalDate day,
      LocalDate asOf,
      List<Section> sections,
      boolean recording,
      UUID errorCase,
      String error,
      String typed) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(View v);
  }

  private final DisclosureService disclosures;
  private final UnitService units;
  private final Caller caller;

  DisclosuresPage(DisclosureService disclosures, UnitService units, Caller caller) {
    this.disclosures = disclosures;
    this.units = units;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance list(
      @QueryParam("unitId") UUID unitId, @QueryParam("asOf") LocalDate asOf) {
    return Templates.list(view(unitId, asOf, null, null, ""));
  }

  /**
   * Records the day a disclosure (DISCLOSE) or withdrawal (WITHDRAW) was done; success shows the
   * unit's list again, a refusal is said next to the row (400).
   */
  @POST
  @Path("/{caseId}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Role.SUPERVISOR_)
  @Operation(hidden = true)
  public Response record(
      @PathParam("caseId") UUID caseId,
      @FormParam("unitId") String unitId,
      @FormParam("action") String action,
      @FormParam("date") String date,
      @FormParam("asOf") String asOf) {
    UUID unit = parseUnit(unitId);
    LocalDate day0 = asOf == null || asOf.isEmpty() ? null : parseDate("asOf", asOf);
    if (!"DISCLOSE".equals(action) && !"WITHDRAW".equals(action)) {
      throw CustodiaException.invalid("action", "action must be DISCLOSE or WITHDRAW");
    }
    LocalDate day;
    try {
      day = LocalDate.parse(date == null ? "" : date);
    } catch (DateTimeParseException e) {
      return StationsPage.html(400, Templates.list(view(unit, day0, caseId, "dateRequired", "")));
    }
    try {
      disclosures.record(
          caseId,
          "DISCLOSE".equals(action)
              ? new DisclosureService.Change(null, day, null, null)
              : new DisclosureService.Change(null, null, null, day));
    } catch (CustodiaException e) {
      if (e.problem().status() != 400) {
        throw e;
      }
      return StationsPage.html(400, Templates.list(view(unit, day0, caseId, "dateRefused", date)));
    }
    return Response.ok()
        .header(
            "HX-Redirect", "/disclosures?unitId=" + unit + (day0 == null ? "" : "&asOf=" + day0))
        .build();
  }

  private static UUID parseUnit(String unitId) {
    try {
      return UUID.fromString(unitId == null ? "" : unitId);
    } catch (IllegalArgumentException e) {
      throw CustodiaException.invalid("unitId", "unitId must be a UUID");
    }
  }

  private static LocalDate parseDate(String field, String s) {
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw CustodiaException.invalid(field, field + " must be a date such as 2026-10-01");
    }
  }

  private View view(UUID unitId, LocalDate asOf, UUID errorCase, String error, String typed) {
    UUID unit = unitId != null ? unitId : caller.unitId();
    List<Unit> choices = units.list(caller.global() ? null : caller.unitId(), null, null, UNITS);
    if (unit == null && choices.size() == 1) {
      unit = choices.get(0).id();
    }
    List<Section> sections = new ArrayList<>();
    if (unit != null) {
      // one list, split by status: an obligation is either overdue or due soon, never both
      List<Disclosure> open = disclosures.list(unit, null, asOf, null, null);
      sections.add(new Section("overdue", rows(open, DisclosureStatus.OVERDUE)));
      sections.add(new Section("dueSoon", rows(open, DisclosureStatus.DUE_SOON)));
    }
    return new View(
        choices,
        unit,
        asOf == null ? disclosures.today() : asOf,
        asOf,
        sections,
        caller.role() == Role.SUPERVISOR,
        errorCase,
        error,
        typed);
  }

  private static List<Row> rows(List<Disclosure> list, DisclosureStatus status) {
    List<Row> rows = new ArrayList<>();
    for (Disclosure d : list) {
      for (Disclosure.Obligation o : d.obligations()) {
        if (o.status() == status) {
          rows.add(
              new Row(
                  d.caseId(),
                  d.caseNo(),
                  d.kind().name(),
                  d.decisionDate(),
                  o.action().name(),
                  o.due(),
                  o.workingDaysLeft()));
        }
      }
    }
    return rows;
  }
}
