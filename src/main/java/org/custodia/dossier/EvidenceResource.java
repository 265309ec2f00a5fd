package org.custodia.dossier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.custodia.error.CustodiaException;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The evidence index: metadata, search and links to subject and case. */
@Path("/api/v1/evidence")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Evidence")
public class EvidenceResource {
  private final EvidenceService service;
  private final IdentifierHasher hasher;
  private final Caller caller;
  private final OfficerService officers;

  EvidenceResource(
      EvidenceService service, IdentifierHasher hasher, Caller caller, OfficerService officers) {
    this.service = service;
    this.hasher = hasher;
    this.caller = caller;
    this.officers = officers;
  }

  /** A link request; the reason is mandatory and kept with the link. */
  public record LinkRequest(
      UUID subjectId, UUID caseId, @NotBlank @Size(max = 1000) String reason) {}

  @GET
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "Search evidence the caller may see, newest first",
      description =
          "identifier matches a subject's full identifier exactly; from/to select recordings"
              + " overlapping [from, to); q matches title, notes and file name (Chinese included);"
              + " unlinked=true keeps only records linked to no subject or case (the inbox);"
              + " mine=true only the caller's own: records naming the officer linked to the"
              + " caller's account, or made with a device he held when recording began (400"
              + " naming mine when no officer is linked).")
  public Page<Evidence> search(
      @QueryParam("subjectId") UUID subjectId,
      @QueryParam("identifier") @Size(max = 64) String identifier,
      @QueryParam("caseId") UUID caseId,
      @QueryParam("caseNo") @Size(max = 64) String caseNo,
      @QueryParam("officerId") UUID officerId,
      @QueryParam("deviceId") UUID deviceId,
      @QueryParam("unitId") UUID unitId,
      @QueryParam("actionType") ActionType actionType,
      @QueryParam("from") Instant from,
      @QueryParam("to") Instant to,
      @QueryParam("q") @Size(max = FreeText.MAX_LENGTH) String q,
      @QueryParam("unlinked") Boolean unlinked,
      @QueryParam("mine") Boolean mine,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    int n = Cursors.limit(limit);
    if (from != null && to != null && !to.isAfter(from)) {
      throw CustodiaException.invalid("to", "to must be after from");
    }
    EvidenceQuery.Filter filter =
        EvidenceQuery.Filter.builder()
            .unitId(Scope.unit(caller, unitId))
            .subjectId(subjectId)
            .identifierHmac(
                identifier == null || identifier.isBlank() ? null : hasher.hash(identifier))
            .caseId(caseId)
            .caseNo(caseNo)
            .officerId(officerId)
            .deviceId(deviceId)
            .actionType(actionType)
            .from(from)
            .to(to)
            .q(q)
            .unlinked(Boolean.TRUE.equals(unlinked))
            .mineOf(Boolean.TRUE.equals(mine) ? officers.requireOwn("mine").id() : null)
            .build();
    return service.search(filter, Cursors.decode(cursor), n);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "Read an evidence record's metadata and link history")
  public Evidence get(@PathParam("id") UUID id) {
    return service.get(id);
  }

  @APIResponse(responseCode = "200", description = "the link is already so (nothing changed)")
  @APIResponse(
      responseCode = "201",
      description = "linked or re-linked; the change is kept in the history")
  @APIResponse(responseCode = "422", description = "subject-not-in-case")
  @POST
  @Path("/{id}/links")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_})
  @Operation(summary = "Link (or re-link) a record to its subject and case, with a reason")
  public Response link(@PathParam("id") UUID id, @Valid @NotNull LinkRequest request) {
    EvidenceService.Linked linked =
        service.link(id, request.subjectId(), request.caseId(), request.reason());
    return Response.status(linked.changed() ? 201 : 200).entity(linked.link()).build();
  }
}
