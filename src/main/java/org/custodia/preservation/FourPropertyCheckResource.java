package org.custodia.preservation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The four-property check (四性检测, DA/T 70-2018) of a case's dossier. */
@Path("/api/v1/four-property-checks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Four-property check")
public class FourPropertyCheckResource {
  private final PreservationService checks;

  FourPropertyCheckResource(PreservationService checks) {
    this.checks = checks;
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "A four-property check: progress and, once DONE, the report",
      description =
          "progress: records checked of those linked to the case. report (DONE): per property"
              + " (AUTHENTICITY, INTEGRITY, USABILITY, SECURITY) its result and items, each with"
              + " its code (e.g. authenticity.sha256), PASS, WARN or FAIL, the record concerned"
              + " and what was found; the overall result; who enforces WORM (store or service).")
  @APIResponse(responseCode = "200", description = "the check")
  public CheckRun get(@PathParam("id") UUID id) {
    return checks.get(id);
  }
}
