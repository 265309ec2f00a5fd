package org.custodia.compliance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.custodia.security.Role;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Non-compliant dossiers by unit and period ({@link ComplianceService}, docs/compliance.md). */
@Path("/api/v1/compliance")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Compliance")
public class ComplianceResource {
  private final ComplianceService service;

  ComplianceResource(ComplianceService service) {
    this.service = service;
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "Non-compliant dossiers by unit and period",
      description =
          "Dossiers with open findings (status VIOLATIONS or WARNINGS; both when absent) of"
              + " unitId (all units for administrators and supervisors when absent; an auditor's"
              + " own unit) whose actions run during [from, to), in case-id order.")
  @APIResponse(responseCode = "200", description = "one page of non-compliant dossiers")
  public Page<ComplianceReport.Listed> list(
      @QueryParam("unitId") UUID unitId,
      @QueryParam("from") Instant from,
      @QueryParam("to") Instant to,
      @QueryParam("status") ComplianceStatus status,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    return service.nonCompliant(
        unitId, from, to, status, Cursors.decode(cursor), Cursors.limit(limit));
  }
}
