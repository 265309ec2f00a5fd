package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.export.Export;
import org.custodia.export.ExportBodies;
import org.custodia.export.ExportService;
import org.custodia.export.ExportState;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The export pages: {@code /exports} (the approval queue for supervisors and admins, and the recent
 * exports everyone may see, filtered by state), {@code /exports/{id}} (one export, its progress
 * polled while it builds, the download and how to verify it), and the dossier page's export section
 * ({@code /exports/case/{caseId}}, the request form posting to {@code /exports}). Every action
 * calls {@link ExportService}, exactly as {@code /api/v1/exports} does; the request is checked with
 * the API's own body constraints ({@link ExportBodies}).
 */
@Path("/exports")
@Produces(MediaType.TEXT_HTML)
public class ExportsPage {
  static final int RECENT = 50;
  static final List<String> STATES =
      java.util.Arrays.stream(ExportState.values()).map(Enum::name).toList();

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        List<ExportViews.Row> queue,
        boolean deciding,
        List<ExportViews.Row> recent,
        List<String> states,
        List<String> filter);

    static native TemplateInstance detail(ExportViews.Row row);

    static native TemplateInstance detail$status(ExportViews.Row row);

    static native TemplateInstance decision(ExportViews.Row row, String error, String reason);

    static native TemplateInstance caseSection(ExportViews.CaseSection s);

    static native TemplateInstance caseSection$table(ExportViews.CaseSection s);
  }

  private final ExportService exports;
  private final ExportViews views;
  private final Validator validator;

  ExportsPage(ExportService exports, ExportViews views, Validator validator) {
    this.exports = exports;
    this.views = views;
    this.validator = validator;
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance list(@QueryParam("state") List<String> state) {
    Set<ExportState> states = EnumSet.noneOf(ExportState.class);
    List<String> filter = new ArrayList<>();
    for (String s : state == null ? List.<String>of() : state) {
      if (s == null || s.isEmpty()) {
        continue;
      }
      if (!STATES.contains(s)) {
        throw CustodiaException.invalid("state", "state must be one of " + STATES);
      }
      states.add(ExportState.valueOf(s));
      filter.add(s);
    }
    boolean deciding = views.mayDecide();
    List<ExportViews.Row> queue =
        deciding ? exports.pending().stream().map(views::row).toList() : List.of();
    List<ExportViews.Row> recent = exports.recent(states, RECENT).stream().map(views::row).toList();
    return Templates.list(queue, deciding, recent, STATES, filter);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance detail(@PathParam("id") UUID id) {
    return Templates.detail(views.row(exports.get(id)));
  }

  /** The state panel again; the page asks for it every 2 s while the export builds. */
  @GET
  @Path("/{id}/status")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance status(@PathParam("id") UUID id) {
    return Templates.detail$status(views.row(exports.get(id)));
  }

  /**
   * Approves or refuses (htmx POST with the CSRF token). The page asks a reason for either; the
   * service decides who may decide. Success opens the export's page; a refusal is said next to the
   * form (400 no reason, 409 own request or already decided).
   */
  @POST
  @Path("/{id}/decision")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(hidden = true)
  public Response decide(
      @PathParam("id") UUID id,
      @FormParam("approve") String approve,
      @FormParam("reason") String reason) {
    String typed = reason == null ? "" : reason;
    String error;
    int status;
    if (!"true".equals(approve) && !"false".equals(approve)) {
      throw CustodiaException.invalid("approve", "approve must be true or false");
    }
    ExportBodies.Decision body = new ExportBodies.Decision(Boolean.valueOf(approve), typed);
    if (typed.isBlank()) {
      error = "reasonRequired";
      status = 400;
    } else if (!validator.validate(body).isEmpty()) {
      error = "reasonTooLong";
      status = 400;
    } else {
      try {
        exports.decide(id, body.approve(), body.reason());
        return Response.ok().header("HX-Redirect", "/exports/" + id).build();
      } catch (CustodiaException e) {
        if (e.problem() == ProblemType.SELF_APPROVAL) {
          error = "selfApproval";
        } else if (e.problem() == ProblemType.EXPORT_DECIDED) {
          error = "decided";
        } else {
          throw e;
        }
        status = 409;
      }
    }
    return html(status, Templates.decision(views.row(exports.get(id)), error, typed));
  }

  /** The dossier page's export section again (after a request, or refreshed). */
  @GET
  @Path("/case/{caseId}")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance caseSection(@PathParam("caseId") UUID caseId) {
    return Templates.caseSection(views.section(caseId));
  }

  /** The section's table alone: the dossier page asks for it every 2 s while an export builds. */
  @GET
  @Path("/case/{caseId}/table")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance caseTable(@PathParam("caseId") UUID caseId) {
    return Templates.caseSection$table(views.section(caseId));
  }

  /**
   * Requests an export of a case (htmx POST from the dossier page, with the CSRF token), through
   * the same service and the same body constraints as {@code POST /api/v1/cases/{id}/exports}.
   * Answers the section with the new export in it, or the form again with each refused field's
   * reason in the page's language (400).
   */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_})
  @Operation(hidden = true)
  public Response request(
      @FormParam("caseId") String caseId,
      @FormParam("purpose") String purpose,
      @FormParam("recipient") String recipient,
      @FormParam("includeDerived") String includeDerived,
      @FormParam("reportLanguage") String reportLanguage) {
    UUID caseUuid;
    try {
      caseUuid = UUID.fromString(caseId == null ? "" : caseId);
    } catch (IllegalArgumentException e) {
      throw CustodiaException.invalid("caseId", "caseId is not a UUID");
    }
    boolean derived = "true".equals(includeDerived) || "on".equals(includeDerived);
    String language = reportLanguage == null || reportLanguage.isBlank() ? null : reportLanguage;
    ExportBodies.NewExport body = new ExportBodies.NewExport(purpose, recipient, derived, language);
    Map<String, String> errors = new LinkedHashMap<>();
    for (ConstraintViolation<ExportBodies.NewExport> v : validator.validate(body)) {
      errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage());
    }
    if (errors.isEmpty()) {
      try {
        Export e = exports.request(caseUuid, purpose, recipient, derived, language);
        return html(
            200, Templates.caseSection(views.section(caseUuid, "", "", false, Map.of(), e.id())));
      } catch (CustodiaException e) {
        if (e.problem() != ProblemType.INVALID_REQUEST || e.field() == null) {
          throw e;
        }
        errors.put(e.field(), e.getMessage());
      }
    }
    return html(
        400,
        Templates.caseSection(
            views.section(
                caseUuid,
                purpose == null ? "" : purpose,
                recipient == null ? "" : recipient,
                derived,
                errors,
                null)));
  }

  private static Response html(int status, TemplateInstance page) {
    return Response.status(status)
        .entity(page)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .build();
  }
}
