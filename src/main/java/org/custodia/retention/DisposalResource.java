package org.custodia.retention;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.custodia.security.Role;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Disposal of expired items as a reviewed batch. */
@Path("/api/v1/disposals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Retention")
public class DisposalResource {
  private final DisposalService disposals;

  DisposalResource(DisposalService disposals) {
    this.disposals = disposals;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(
      summary = "List the disposal candidates of a unit (or all) as a batch pending approval",
      description =
          "Candidates: items whose retention has ended and that no hold reaches, at the time of"
              + " the request (state PENDING). Items whose class allows deletion but whose bytes"
              + " the store still retains (the bucket's default retention counted from the upload,"
              + " a legal hold in the store) are listed as SKIPPED, detail saying why, and never"
              + " deleted by this disposal. Nothing is deleted before a second person approves.")
  @APIResponse(responseCode = "201", description = "the disposal with its items")
  public Response propose(@Valid @NotNull RetentionBodies.NewDisposal body) {
    return Response.status(201).entity(disposals.propose(body.unitId(), body.reason())).build();
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "Disposals the caller may see, newest first")
  @APIResponse(responseCode = "200", description = "one page of disposals (without items)")
  public Page<Disposal> search(
      @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
    return disposals.search(Cursors.decode(cursor), Cursors.limit(limit));
  }

  @GET
  @Path("/candidates")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "The items a disposal proposed now would list",
      description =
          "Items whose retention and store lock have ended and that no hold reaches, oldest"
              + " retention end first; nothing is written. unitId absent: every unit the caller"
              + " sees (a unit's auditor: its own). At most limit (default 50, at most 500).")
  @APIResponse(responseCode = "200", description = "the candidates")
  public List<DisposalService.Candidate> candidates(
      @QueryParam("unitId") UUID unitId, @QueryParam("limit") Integer limit) {
    return disposals.candidates(unitId, Cursors.limit(limit));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "A disposal and how far each of its items got")
  @APIResponse(responseCode = "200", description = "the disposal")
  public Disposal get(@PathParam("id") UUID id) {
    return disposals.get(id);
  }

  @POST
  @Path("/{id}/approval")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(
      summary = "Approve a disposal (a second person)",
      description =
          "By a supervisor or an administrator who is not the requester. The deletion job then"
              + " deletes item by item, checking each again (a hold placed since wins); each"
              + " deletion is audited with the SHA-256, SM3 and size of what was deleted.")
  @APIResponse(responseCode = "200", description = "the approved disposal")
  @APIResponse(
      responseCode = "409",
      description = "disposal-self-approval (the requester), disposal-decided (not pending)")
  public Disposal approve(@PathParam("id") UUID id, @Valid @NotNull RetentionBodies.Approval body) {
    return disposals.approve(id, body.reason());
  }
}
