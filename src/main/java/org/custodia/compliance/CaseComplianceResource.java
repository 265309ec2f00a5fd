package org.custodia.compliance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A dossier's recording compliance ({@link ComplianceService}, docs/compliance.md). */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Compliance")
public class CaseComplianceResource {
  private final ComplianceService service;

  CaseComplianceResource(ComplianceService service) {
    this.service = service;
  }

  /** A supervisor's acknowledgement of a finding. */
  public record NewAcknowledgement(
      @NotNull @Size(min = 1, max = ComplianceService.MAX_EXPLANATION) String explanation) {}

  @GET
  @Path("/{id}/compliance")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "A dossier's compliance status and findings, with their history",
      description =
          "Status from the open findings: VIOLATIONS when one is a violation, WARNINGS when all are"
              + " warnings, COMPLIANT when none is open. Every finding, open and resolved, names"
              + " the rule and its version, the regulation clause, the action, the records and the"
              + " time span (station clock), with its acknowledgements. Recomputed first when the"
              + " dossier changed since. Another unit's case is 404.")
  @APIResponse(responseCode = "200", description = "the compliance of the dossier")
  public ComplianceReport report(@PathParam("id") UUID id) {
    return service.report(id);
  }

  @POST
  @Path("/{id}/compliance/findings/{findingId}/acknowledgements")
  @RolesAllowed(Role.SUPERVISOR_)
  @Operation(
      summary = "Acknowledge a finding with a written explanation",
      description =
          "A supervisor explains a finding (e.g. device failure). The explanation is stored"
              + " exactly and audited (compliance.finding-acknowledged); the finding is not"
              + " deleted and still counts. A finding of another case is 404.")
  @APIResponse(responseCode = "201", description = "the acknowledgement")
  public Response acknowledge(
      @PathParam("id") UUID id,
      @PathParam("findingId") UUID findingId,
      @Valid @NotNull NewAcknowledgement body) {
    return Response.status(Response.Status.CREATED)
        .entity(service.acknowledge(id, findingId, body.explanation()))
        .build();
  }
}
