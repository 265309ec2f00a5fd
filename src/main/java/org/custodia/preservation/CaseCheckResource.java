package org.custodia.preservation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.custodia.security.Role;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Starting and listing the four-property checks (四性检测, DA/T 70-2018) of a case. */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Four-property check")
public class CaseCheckResource {
  private final PreservationService checks;

  CaseCheckResource(PreservationService checks) {
    this.checks = checks;
  }

  @POST
  @Path("/{id}/four-property-checks")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "Start a four-property check of a case's dossier",
      description =
          "Queues a check (trigger MANUAL) of the records linked to the case now: authenticity,"
              + " integrity, usability and security (docs/four-property-check.md). The workers"
              + " run it; follow it at the Location. A unit's auditor: cases of its unit."
              + " Audited.")
  @APIResponse(
      responseCode = "202",
      description = "the check, QUEUED",
      headers = @Header(name = "Location", description = "the check"))
  public Response start(@PathParam("id") UUID caseId) {
    CheckRun run = checks.start(caseId);
    return Response.accepted(run)
        .location(URI.create("/api/v1/four-property-checks/" + run.id()))
        .build();
  }

  @GET
  @Path("/{id}/four-property-checks")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "The four-property checks of a case, newest first",
      description = "Every check kept, whatever its trigger, with its state and result.")
  @APIResponse(responseCode = "200", description = "one page of checks, without their reports")
  public Page<CheckRun> list(
      @PathParam("id") UUID caseId,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") Integer limit) {
    return checks.ofCase(caseId, Cursors.decode(cursor), Cursors.limit(limit));
  }
}
