package org.custodia.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.custodia.dossier.CaseService;
import org.custodia.security.Role;
import org.custodia.trail.AuditTrail;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The chain of custody of a case, {@code /cases/{id}/custody}: the events about the case, the
 * records linked to it and its exports, in log order ({@link AuditTrail#caseChain}), on the same
 * template as {@link CustodyPage}.
 */
@Path("/cases/{id}/custody")
@Produces(MediaType.TEXT_HTML)
public class CaseCustodyPage {
  private final AuditTrail trail;
  private final AuditViews views;
  private final CaseService cases;
  private final org.custodia.security.Caller caller;

  CaseCustodyPage(
      AuditTrail trail, AuditViews views, CaseService cases, org.custodia.security.Caller caller) {
    this.caller = caller;
    this.trail = trail;
    this.views = views;
    this.cases = cases;
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance custody(@PathParam("id") UUID id) {
    AuditTrail.Chain chain = trail.caseChain(id);
    String label = cases.get(id).caseNo();
    return CustodyPage.Templates.custody(
        "case", id, label, caller.global(), views.rows(chain.events()), chain.truncated());
  }
}
