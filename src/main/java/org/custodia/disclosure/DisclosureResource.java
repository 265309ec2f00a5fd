package org.custodia.disclosure;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Decisions of a unit by disclosure status: what is overdue, what is due soon. */
@Path("/api/v1/disclosures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Disclosure")
public class DisclosureResource {
  private final DisclosureService disclosures;

  DisclosureResource(DisclosureService disclosures) {
    this.disclosures = disclosures;
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "A unit's decisions and their disclosure status",
      description =
          "Decisions made from `from` to `to` (default: the configured window, a year, up to"
              + " asOf), with an obligation at status when given (OVERDUE, DUE_SOON …), on asOf"
              + " (default today). unitId absent: the caller's unit. An auditor sees their unit"
              + " only: another unit is not found (audited).")
  @APIResponse(responseCode = "200", description = "the decisions, in case id order")
  public List<Disclosure> list(
      @QueryParam("unitId") UUID unitId,
      @QueryParam("status") DisclosureStatus status,
      @QueryParam("asOf") LocalDate asOf,
      @QueryParam("from") LocalDate from,
      @QueryParam("to") LocalDate to) {
    return disclosures.list(unitId, status, asOf, from, to);
  }
}
