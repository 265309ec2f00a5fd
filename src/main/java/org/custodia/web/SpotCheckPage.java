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
import org.custodia.dossier.CaseType;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.grading.SpotCheck;
import org.custodia.grading.SpotCheckService;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.custodia.support.PlausibleTime;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The supervisor's spot-check pages (抽查): the list with progress, the draw form, and one spot check
 * with its drawn dossiers, assignees, progress, grade distribution and CSV download. Every action
 * calls {@link SpotCheckService}, exactly as {@code /api/v1/spot-checks} does.
 */
@Path("/spot-checks")
@Produces(MediaType.TEXT_HTML)
public class SpotCheckPage {
  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        List<SpotCheckViews.CheckRow> checks,
        String next,
        List<SpotCheckViews.Option> units,
        SpotCheckViews.Assignments assigned);

    static native TemplateInstance create(DrawForm form);

    static native TemplateInstance create$drawForm(DrawForm form);

    static native TemplateInstance detail(SpotCheckViews.CheckView view, String error);

    static native TemplateInstance detail$work(SpotCheckViews.CheckView view, String error);
  }

  /**
   * The draw form as typed (strings, so that what was typed comes back with the error), with the
   * field the service refused and why.
   */
  public record DrawForm(
      List<SpotCheckViews.Option> units,
      List<SpotCheckViews.Option> types,
      String from,
      String to,
      String size,
      String seed,
      String errorField) {}

  private final SpotCheckService spotChecks;
  private final SpotCheckViews views;
  private final Caller caller;

  SpotCheckPage(SpotCheckService spotChecks, SpotCheckViews views, Caller caller) {
    this.spotChecks = spotChecks;
    this.views = views;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.REVIEWER_})
  @Operation(hidden = true)
  public TemplateInstance list(
      @QueryParam("unitId") UUID unitId, @QueryParam("cursor") String cursor) {
    List<SpotCheckViews.CheckRow> rows = new ArrayList<>();
    String next = null;
    List<SpotCheckViews.Option> units = List.of();
    if (caller.role() == Role.ADMIN || caller.role() == Role.SUPERVISOR) {
      units = views.unitOptions(unitId == null ? null : unitId.toString(), null);
      Page<SpotCheck.Summary> page =
          spotChecks.list(unitId, Cursors.decode(cursor), SpotCheckViews.PAGE_SIZE);
      for (SpotCheck.Summary s : page.items()) {
        rows.add(views.row(spotChecks.get(s.id())));
      }
      next =
          page.nextCursor() == null
              ? null
              : "/spot-checks?"
                  + (unitId == null ? "" : "unitId=" + unitId + "&")
                  + "cursor="
                  + page.nextCursor();
    }
    SpotCheckViews.Assignments assigned = views.assignmentsOf(caller.role(), spotChecks);
    return Templates.list(rows, next, units, assigned);
  }

  @GET
  @Path("/new")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(hidden = true)
  public TemplateInstance create(
      @QueryParam("unitId") String unitId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("size") String size,
      @QueryParam("seed") String seed,
      @QueryParam("caseType") String caseType) {
    LocalDate today = LocalDate.now(views.zone());
    return Templates.create(
        form(
            unitId,
            caseType,
            from == null ? today.withDayOfYear(1).toString() : from,
            to == null ? today.toString() : to,
            size == null ? "10" : size,
            seed,
            null));
  }

  /** Draws (htmx POST with the CSRF token); success redirects to the new spot check. */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(hidden = true)
  public Response draw(
      @FormParam("unitId") String unitId,
      @FormParam("from") String from,
      @FormParam("to") String to,
      @FormParam("size") String size,
      @FormParam("seed") String seed,
      @FormParam("caseType") String caseType) {
    String field = null;
    try {
      SpotCheck.Request request =
          new SpotCheck.Request(
              uuid("unitId", unitId),
              date("from", from),
              date("to", to),
              size(size),
              seed == null || seed.isEmpty() ? null : seed,
              type(caseType));
      SpotCheck check = spotChecks.draw(request);
      return Response.ok().header("HX-Redirect", "/spot-checks/" + check.id() + "#seed").build();
    } catch (CustodiaException e) {
      if (e.problem() != ProblemType.INVALID_REQUEST || e.field() == null) {
        throw e;
      }
      field = e.field();
    }
    return Response.status(400)
        .entity(Templates.create$drawForm(form(unitId, caseType, from, to, size, seed, field)))
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .build();
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(hidden = true)
  public TemplateInstance detail(@PathParam("id") UUID id) {
    return Templates.detail(views.view(spotChecks.get(id)), null);
  }

  /** The work area again (progress, distribution, rows): the page refreshes it by itself. */
  @GET
  @Path("/{id}/work")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(hidden = true)
  public TemplateInstance work(@PathParam("id") UUID id) {
    return Templates.detail$work(views.view(spotChecks.get(id)), null);
  }

  /**
   * Assigns (htmx POST with the CSRF token): one dossier to one reviewer ({@code caseId} and {@code
   * reviewerId}), or every drawn dossier round-robin over the {@code roundRobin} reviewers. Answers
   * the updated work area of the page; a refused assignee is said there (409).
   */
  @POST
  @Path("/{id}/assignments")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(hidden = true)
  public Response assign(
      @PathParam("id") UUID id,
      @FormParam("caseId") String caseId,
      @FormParam("reviewerId") String reviewerId,
      @FormParam("roundRobin") List<String> roundRobin) {
    String error = null;
    int status = 200;
    try {
      List<SpotCheck.Assignment> explicit = new ArrayList<>();
      if (caseId != null && !caseId.isEmpty()) {
        explicit.add(
            new SpotCheck.Assignment(uuid("caseId", caseId), uuid("reviewerId", reviewerId)));
      }
      List<UUID> reviewers = new ArrayList<>();
      if (roundRobin != null) {
        for (String r : roundRobin) {
          reviewers.add(uuid("roundRobin", r));
        }
      }
      spotChecks.assign(id, explicit, reviewers);
    } catch (CustodiaException e) {
      if (e.problem() == ProblemType.REVIEWER_NOT_ELIGIBLE) {
        error = "notEligible";
        status = 409;
      } else if (e.problem() == ProblemType.INVALID_REQUEST) {
        error = "assignments".equals(e.field()) ? "chooseReviewers" : "invalidAssignment";
        status = 400;
      } else {
        throw e;
      }
    }
    return Response.status(status)
        .entity(Templates.detail$work(views.view(spotChecks.get(id)), error))
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .build();
  }

  private DrawForm form(
      String unitId,
      String caseType,
      String from,
      String to,
      String size,
      String seed,
      String errorField) {
    return new DrawForm(
        views.unitOptions(unitId, caller.global() ? null : caller.unitId()),
        SpotCheckViews.typeOptions(caseType),
        from,
        to,
        size,
        seed,
        errorField);
  }

  private static UUID uuid(String field, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw CustodiaException.invalid(field, field + " is not a UUID");
    }
  }

  private static LocalDate date(String field, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      LocalDate d = LocalDate.parse(value);
      if (!PlausibleTime.Range.holds(d)) {
        throw CustodiaException.invalid(field, field + " is out of range");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw CustodiaException.invalid(field, field + " is not a date");
    }
  }

  private static int size(String value) {
    try {
      return Integer.parseInt(value == null ? "" : value.strip());
    } catch (NumberFormatException e) {
      throw CustodiaException.invalid("size", "size is not a number");
    }
  }

  private static CaseType type(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return CaseType.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw CustodiaException.invalid("caseType", "no such case type");
    }
  }
}
