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
import java.util.UUID;
import org.custodia.security.Role;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Legal holds on items, cases and subjects. */
@Path("/api/v1/holds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Retention")
public class HoldResource {
  private final HoldService holds;

  HoldResource(HoldService holds) {
    this.holds = holds;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(
      summary = "Place a legal hold on an item, a case or a subject",
      description =
          "until absent: until lifted. Every item the hold reaches (a case's or subject's items,"
              + " linked now or later) cannot be disposed of, and the store holds it.")
  @APIResponse(responseCode = "201", description = "the hold")
  public Response place(@Valid @NotNull RetentionBodies.NewHold body) {
    return Response.status(201)
        .entity(holds.place(body.scope(), body.targetId(), body.reason(), body.until()))
        .build();
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "Legal holds the caller may see, newest first",
      description = "active=true: in force now; active=false: lifted or run out.")
  @APIResponse(responseCode = "200", description = "one page of holds")
  public Page<Hold> search(
      @QueryParam("unitId") UUID unitId,
      @QueryParam("scope") Hold.Scope scope,
      @QueryParam("targetId") UUID targetId,
      @QueryParam("active") Boolean active,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    return holds.search(
        unitId, scope, targetId, active, Cursors.decode(cursor), Cursors.limit(limit));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "One legal hold")
  @APIResponse(responseCode = "200", description = "the hold")
  public Hold get(@PathParam("id") UUID id) {
    return holds.get(id);
  }

  @POST
  @Path("/{id}/lift")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(
      summary = "Lift a legal hold, with a reason",
      description = "By a supervisor or an administrator other than the one who placed it.")
  @APIResponse(responseCode = "200", description = "the lifted hold")
  @APIResponse(
      responseCode = "409",
      description = "hold-self-lift (the placer), hold-lifted (lifted already)")
  public Hold lift(@PathParam("id") UUID id, @Valid @NotNull RetentionBodies.Lift body) {
    return holds.lift(id, body.reason());
  }
}
