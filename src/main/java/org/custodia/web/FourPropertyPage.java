package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.custodia.dossier.CaseService;
import org.custodia.error.CustodiaException;
import org.custodia.preservation.CheckRun;
import org.custodia.preservation.PreservationService;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The four-property check pages of a case: {@code /cases/{caseId}/four-property-checks/{id}} (the
 * printable report: facts, then one section per property with every item, print CSS without the
 * navigation), and the dossier page's section ({@code /cases/{caseId}/four-property-checks}, polled
 * while a check runs; POST starts one, with the CSRF token). Every action calls {@link
 * PreservationService}, exactly as {@code /api/v1/.../four-property-checks} does.
 */
@Path("/cases/{caseId}/four-property-checks")
@Produces(MediaType.TEXT_HTML)
public class FourPropertyPage {
  @CheckedTemplate
  static class Templates {
    static native TemplateInstance report(
        CheckRun run, String caseNo, List<FourPropertyViews.PropertyView> properties);

    static native TemplateInstance caseSection(FourPropertyViews.Section s);
  }

  private final PreservationService checks;
  private final FourPropertyViews views;
  private final CaseService cases;

  FourPropertyPage(PreservationService checks, FourPropertyViews views, CaseService cases) {
    this.checks = checks;
    this.views = views;
    this.cases = cases;
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance report(@PathParam("caseId") UUID caseId, @PathParam("id") UUID id) {
    CheckRun run = checks.get(id);
    if (!run.caseId().equals(caseId)) {
      throw CustodiaException.notFound(PreservationService.WHAT);
    }
    String caseNo = cases.get(caseId).caseNo();
    return Templates.report(run, caseNo, FourPropertyViews.properties(run.report()));
  }

  /** The dossier page's section again; it asks every 2 s while a check is queued or running. */
  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance section(@PathParam("caseId") UUID caseId) {
    return Templates.caseSection(views.section(caseId));
  }

  /** Starts a check (htmx POST from the dossier page) and answers the section with it. */
  @POST
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance start(@PathParam("caseId") UUID caseId) {
    CheckRun run = checks.start(caseId);
    return Templates.caseSection(views.section(caseId, run.id()));
  }
}
