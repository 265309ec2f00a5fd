package org.custodia.export;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

/** Requesting an export of a case (the case's path; the export itself is under /exports). */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Exports")
public class CaseExportResource {
  private final ExportService exports;

  CaseExportResource(ExportService exports) {
    this.exports = exports;
  }

  @POST
  @Path("/{id}/exports")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_})
  @Operation(
      summary = "Request an export of a case as a BagIt package",
      description =
          "The case facts and the records linked to the case now are what is packaged. The export"
              + " waits for a second person's approval (PENDING_APPROVAL) unless"
              + " custodia.export.approval-required is off (BUILDING). Audited with purpose and"
              + " recipient.")
  @APIResponse(responseCode = "202", description = "the export, PENDING_APPROVAL or BUILDING")
  public Response request(
      @PathParam("id") UUID caseId, @Valid @NotNull ExportBodies.NewExport body) {
    Export e =
        exports.request(
            caseId,
            body.purpose(),
            body.recipient(),
            body.includeDerived() != null && body.includeDerived(),
            body.reportLanguage());
    return Response.accepted(e).build();
  }
}
