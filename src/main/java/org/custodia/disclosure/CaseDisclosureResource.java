package org.custodia.disclosure;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.UUID;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A case decision's disclosure: its deadlines and what the unit recorded. */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Disclosure")
public class CaseDisclosureResource {
  private final DisclosureService disclosures;

  CaseDisclosureResource(DisclosureService disclosures) {
    this.disclosures = disclosures;
  }

  @GET
  @Path("/{id}/disclosure")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.OFFICER_, Role.REVIEWER_, Role.AUDITOR_})
  @Operation(
      summary = "A case decision's disclosure deadlines and status",
      description =
          "Each obligation (DISCLOSE the decision; WITHDRAW it once revoked) with its rule,"
              + " clause, due date in working days and status on asOf (default today): DUE,"
              + " DUE_SOON, OVERDUE, ON_TIME, LATE, or UNKNOWN when the calendar does not cover"
              + " the days the deadline needs.")
  @APIResponse(responseCode = "200", description = "the disclosure")
  public Disclosure get(@PathParam("id") UUID caseId, @QueryParam("asOf") LocalDate asOf) {
    return disclosures.get(caseId, asOf);
  }

  @PUT
  @Path("/{id}/disclosure")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.SUPERVISOR_, Role.OFFICER_})
  @Operation(
      summary = "Record a decision's disclosure, revocation or withdrawal date",
      description =
          "By the case's unit. Fields absent are left as they are. A date before the decision"
              + " (a withdrawal before the revocation) or after today is refused; revocation and"
              + " withdrawal only for a REVOKED case. Audited with what changed.")
  @APIResponse(responseCode = "200", description = "the disclosure as recorded")
  public Disclosure put(
      @PathParam("id") UUID caseId, @Valid @NotNull DisclosureBodies.Record body) {
    return disclosures.record(
        caseId,
        new DisclosureService.Change(
            body.kind(), body.disclosedOn(), body.revokedOn(), body.withdrawnOn()));
  }
}
