package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.custodia.dossier.EvidenceService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.retention.RetentionBodies;
import org.custodia.retention.RetentionClass;
import org.custodia.retention.RetentionService;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The record page's retention panel ({@code /retention/evidence/{id}}): shown to everyone who sees
 * the record, as {@code GET /api/v1/evidence/{id}/retention}; the class changed by hand (a
 * downgrade with its reason) by supervisors and administrators, through the same service and body
 * constraints as {@code PUT /api/v1/evidence/{id}/retention}.
 */
@Path("/retention")
@Produces(MediaType.TEXT_HTML)
public class RetentionPage {
  @CheckedTemplate
  static class Templates {
    static native TemplateInstance panel(RetentionViews.EvidencePanel p);
  }

  private final RetentionService retention;
  private final EvidenceService evidence;
  private final RetentionViews views;
  private final Validator validator;

  RetentionPage(
      RetentionService retention,
      EvidenceService evidence,
      RetentionViews views,
      Validator validator) {
    this.retention = retention;
    this.evidence = evidence;
    this.views = views;
    this.validator = validator;
  }

  @GET
  @Path("/evidence/{id}")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance panel(@PathParam("id") UUID id) {
    return Templates.panel(views.evidencePanel(id));
  }

  /**
   * Sets the class by hand (htmx POST with the CSRF token). Answers the panel after the change, or
   * the panel with the reason in the page's language (400: a downgrade without a reason).
   */
  @POST
  @Path("/evidence/{id}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(hidden = true)
  public Response change(
      @PathParam("id") UUID id,
      @FormParam("class") String chosen,
      @FormParam("reason") String reason) {
    String typed = reason == null ? "" : reason;
    String c = chosen == null || chosen.isBlank() ? "AUTOMATIC" : chosen;
    RetentionBodies.RetentionChange body =
        new RetentionBodies.RetentionChange(c, null, null, null, typed);
    if (!validator.validate(body).isEmpty()) {
      if (!RetentionViews.CLASSES.contains(c) && !c.equals("AUTOMATIC")) {
        throw CustodiaException.invalid("class", "class must be one of " + RetentionViews.CLASSES);
      }
      return PageForms.html(400, panel(id, "reasonTooLong", typed, c));
    }
    try {
      retention.change(
          id,
          new RetentionService.Change(
              c.equals("AUTOMATIC") ? null : RetentionClass.valueOf(c),
              c.equals("AUTOMATIC"),
              null,
              null,
              null,
              typed));
      return PageForms.html(200, panel(id, "", "", c));
    } catch (CustodiaException e) {
      if (e.problem() == ProblemType.INVALID_REQUEST && "reason".equals(e.field())) {
        return PageForms.html(400, panel(id, "reasonRequired", typed, c));
      }
      throw e;
    }
  }

  private TemplateInstance panel(UUID id, String error, String reason, String chosen) {
    return Templates.panel(views.evidencePanel(evidence.get(id), error, reason, chosen));
  }
}
