package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.custodia.security.Role;
import org.custodia.trail.AuditTrail;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The chain of custody of one record, {@code /evidence/{id}/custody}: every audit event about it in
 * log order, printable ({@link AuditTrail#evidenceChain}). The case's is {@link CaseCustodyPage}.
 * Roles: those of the audit trail ({@code /api/v1/audit/events}).
 */
@Path("/evidence/{id}/custody")
@Produces(MediaType.TEXT_HTML)
public class CustodyPage {
  @CheckedTemplate
  static class Templates {
    static native TemplateInstance custody(
        String kind,
        UUID id,
        String label,
        boolean global,
        List<AuditViews.Row> rows,
        boolean truncated);
  }

  private final AuditTrail trail;
  private final AuditViews views;
  private final org.custodia.dossier.EvidenceService evidence;
  private final org.custodia.security.Caller caller;

  CustodyPage(
      AuditTrail trail,
      AuditViews views,
      org.custodia.dossier.EvidenceService evidence,
      org.custodia.security.Caller caller) {
    this.caller = caller;
    this.trail = trail;
    this.views = views;
    this.evidence = evidence;
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance custody(@PathParam("id") UUID id) {
    AuditTrail.Chain chain = trail.evidenceChain(id);
    String label = evidence.visible(id).filename();
    return Templates.custody(
        "evidence", id, label, caller.global(), views.rows(chain.events()), chain.truncated());
  }
}
