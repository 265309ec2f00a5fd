package org.custodia.fixity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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

/** Fixity runs: re-hashing (part of) the archive against what it recorded. */
@Path("/api/v1/fixity/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Fixity")
public class FixityResource {
  private final FixityService fixity;

  FixityResource(FixityService fixity) {
    this.fixity = fixity;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.ADMIN_, Role.AUDITOR_})
  @Operation(
      summary = "Start a fixity run",
      description =
          "Re-hashes originals (SHA-256 and SM3) and derived files (SHA-256) of the scope, oldest"
              + " checked first, against what was recorded: all (administrators; also lists the"
              + " archive buckets for objects nothing records), unit (unitId; a unit's auditor:"
              + " its own), case (caseId) or evidence (evidenceIds). The body may be empty. The"
              + " run is planned and checked by the fixity workers; follow it with GET.")
  @APIResponse(responseCode = "202", description = "the run, PLANNING")
  public Response start(@Valid FixityBodies.NewRun body) {
    return Response.accepted(fixity.start(body)).build();
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "A fixity run: progress and, once DONE, the report",
      description =
          "progress: objects and bytes checked of the total, problems found. report (DONE only):"
              + " every object checked with its result (OK, MISMATCH, MISSING, FOREIGN, ERROR) and"
              + " its hashes expected and found.")
  @APIResponse(responseCode = "200", description = "the run")
  public FixityRun get(@PathParam("id") UUID id) {
    return fixity.get(id);
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "Fixity runs the caller may see, newest first")
  @APIResponse(responseCode = "200", description = "one page of runs, without reports")
  public Page<FixityRun> list(
      @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
    return fixity.list(Cursors.decode(cursor), Cursors.limit(limit));
  }
}
