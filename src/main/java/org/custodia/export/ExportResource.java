package org.custodia.export;

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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemMappers;
import org.custodia.error.ProblemType;
import org.custodia.review.HttpRanges;
import org.custodia.review.RelayedBytes;
import org.custodia.security.Role;
import org.custodia.storage.ByteRange;
import org.custodia.storage.RangedReads;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Dossier exports: request, approval, state, and the package download. */
@Path("/api/v1/exports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Exports")
public class ExportResource {
  private final ExportService exports;
  private final RangedReads reads;

  ExportResource(ExportService exports, RangedReads reads) {
    this.exports = exports;
    this.reads = reads;
  }

  @POST
  @Path("/{id}/approval")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(
      summary = "Approve or refuse a pending export",
      description =
          "By a supervisor or an administrator who is not the requester. Approved: BUILDING (the"
              + " package job builds it). Refused: REFUSED, never built.")
  @APIResponse(responseCode = "200", description = "the export after the decision")
  @APIResponse(
      responseCode = "409",
      description = "export-self-approval (the requester), export-decided (not pending)")
  public Export decide(@PathParam("id") UUID id, @Valid @NotNull ExportBodies.Decision body) {
    return exports.decide(id, body.approve(), body.reason());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "An export: state, progress, and the package's size and SHA-256 once built")
  @APIResponse(responseCode = "200", description = "the export")
  public Export get(@PathParam("id") UUID id) {
    return exports.get(id);
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "The exports of a case (caseId), or the approval queue (pending=true)",
      description = "One of caseId or pending=true is required.")
  @APIResponse(responseCode = "200", description = "the exports, oldest first")
  public List<Export> list(
      @QueryParam("caseId") UUID caseId, @QueryParam("pending") Boolean pending) {
    if (caseId != null) {
      return exports.ofCase(caseId);
    }
    if (pending != null && pending) {
      return exports.pending();
    }
    throw CustodiaException.invalid("caseId", "caseId or pending=true is required");
  }

  @GET
  @Path("/{id}/package")
  @Produces({"application/zip", "application/problem+json"})
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_})
  @Operation(
      summary = "The package (a zip holding one BagIt bag), with Range support",
      description =
          "One byte range per request (RFC 9110); If-Range takes the ETag (the package's SHA-256)."
              + " Audited once per download session. 409 export-not-ready before READY, 410"
              + " export-expired after the retention period.")
  @APIResponse(
      responseCode = "200",
      description = "the package",
      content = @Content(mediaType = "application/zip"))
  @APIResponse(responseCode = "206", description = "one range of the package")
  @APIResponse(responseCode = "409", description = "export-not-ready")
  @APIResponse(responseCode = "410", description = "export-expired")
  @APIResponse(responseCode = "416", description = "range-not-satisfiable")
  public Response download(@PathParam("id") UUID id, @jakarta.ws.rs.core.Context HttpHeaders h) {
    ExportService.Package p = exports.pkg(id);
    String range = h.getHeaderString("Range");
    HttpRanges.Plan plan = HttpRanges.plan(range, p.size());
    String ifRange = h.getHeaderString("If-Range");
    if (ifRange != null && range != null && !ifRange.strip().equals(p.etag())) {
      plan = new HttpRanges.Whole();
    }
    if (plan instanceof HttpRanges.Unsatisfiable) {
      return ProblemMappers.problem(
              ProblemType.RANGE_NOT_SATISFIABLE,
              null,
              "the range starts at or past the end of the " + p.size() + " bytes",
              "Range",
              null,
              null)
          .header("Content-Range", "bytes */" + p.size())
          .build();
    }
    ByteRange bytes =
        plan instanceof HttpRanges.Partial part ? part.range() : new ByteRange(0, p.size() - 1);
    Response.ResponseBuilder r =
        Response.status(plan instanceof HttpRanges.Partial ? 206 : 200)
            .type("application/zip")
            .header(HttpHeaders.ETAG, p.etag())
            .header("Accept-Ranges", "bytes")
            .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
            .header("X-Content-Type-Options", "nosniff")
            .header(
                "Content-Disposition",
                "attachment; filename=\"" + PackageBuilder.baseDirectory(id) + ".zip\"")
            .header(HttpHeaders.CONTENT_LENGTH, bytes.length());
    if (plan instanceof HttpRanges.Partial) {
      r.header("Content-Range", "bytes " + bytes.first() + "-" + bytes.last() + "/" + p.size());
    }
    exports.downloaded(id, plan instanceof HttpRanges.Partial ? range : null);
    return r.entity(new RelayedBytes(() -> reads.open(p.bucket(), p.key(), p.version(), bytes)))
        .build();
  }
}
