package org.custodia.grading;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.custodia.security.Role;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Spot checks (抽查): draw, assign, progress, results as CSV. */
@Path("/api/v1/spot-checks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Spot checks")
public class SpotCheckResource {
  static final String CSV = "text/csv; charset=UTF-8";

  private final SpotCheckService spotChecks;

  SpotCheckResource(SpotCheckService spotChecks) {
    this.spotChecks = spotChecks;
  }

  @APIResponse(responseCode = "201", description = "the spot check with its drawn cases")
  @POST
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(
      summary = "Draw N dossiers of a unit decided in a period, reproducibly from a seed",
      description =
          "Candidates: the unit's cases whose decision date lies in [from, to] (inclusive), of"
              + " caseType when given. Each gets the key SHA-256(seed || caseId) in hex; the N"
              + " smallest keys are drawn (all candidates when there are fewer, allCandidatesDrawn)."
              + " Without a seed a random one is generated and returned.")
  public Response draw(@Valid @NotNull ReviewBodies.NewSpotCheck r, @Context UriInfo uri) {
    SpotCheck check =
        spotChecks.draw(
            new SpotCheck.Request(r.unitId(), r.from(), r.to(), r.size(), r.seed(), r.caseType()));
    return Response.created(uri.getAbsolutePathBuilder().path(check.id().toString()).build())
        .entity(check)
        .build();
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(summary = "List spot checks, newest first")
  public Page<SpotCheck.Summary> list(
      @QueryParam("unitId") UUID unitId,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    int n = Cursors.limit(limit);
    return spotChecks.list(unitId, Cursors.decode(cursor), n);
  }

  @GET
  @Path("/assigned")
  @RolesAllowed({Role.REVIEWER_, Role.SUPERVISOR_})
  @Operation(summary = "The drawn cases assigned to the caller, with their review state")
  public List<SpotCheck.Assigned> assigned() {
    return spotChecks.assignedToCaller();
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(summary = "A spot check with its progress: assignees, reviews, grade distribution")
  public SpotCheck get(@PathParam("id") UUID id) {
    return spotChecks.get(id);
  }

  @APIResponse(responseCode = "200", description = "the spot check as assigned")
  @APIResponse(
      responseCode = "409",
      description =
          "reviewer-not-eligible: an assignee must be a reviewer of the unit or a supervisor")
  @PUT
  @Path("/{id}/assignments")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(
      summary = "Assign drawn cases to reviewers",
      description =
          "assignments first (caseId, reviewerId); the other drawn cases then go round-robin, in"
              + " draw order, over roundRobin. An earlier assignment of a case is replaced.")
  public SpotCheck assign(@PathParam("id") UUID id, @Valid @NotNull ReviewBodies.Assignments body) {
    List<SpotCheck.Assignment> explicit =
        body.assignments() == null
            ? List.of()
            : body.assignments().stream()
                .map(a -> new SpotCheck.Assignment(a.caseId(), a.reviewerId()))
                .toList();
    return spotChecks.assign(id, explicit, body.roundRobin());
  }

  @APIResponse(
      responseCode = "200",
      description = "UTF-8 with BOM, RFC 4180, Chinese headers",
      content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = CSV))
  @GET
  @Path("/{id}/results.csv")
  @Produces(CSV)
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(summary = "The results of a spot check as CSV (for spreadsheets)")
  public Response results(@PathParam("id") UUID id) {
    return Response.ok(spotChecks.resultsCsv(id), CSV)
        .header("Content-Disposition", "attachment; filename=\"spot-check-" + id + "-results.csv\"")
        .build();
  }
}
