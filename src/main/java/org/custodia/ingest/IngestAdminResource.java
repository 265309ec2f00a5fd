package org.custodia.ingest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators' view of ingest: orphaned objects and abandoned uploads. */
@Path("/api/v1/admin/ingest")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Uploads (tus 1.0.0)")
@RolesAllowed({Role.ADMIN_, Role.AUDITOR_, Role.SUPERVISOR_})
public class IngestAdminResource {
  private final OrphanReconciler reconciler;
  private final UploadService uploads;

  IngestAdminResource(OrphanReconciler reconciler, UploadService uploads) {
    this.reconciler = reconciler;
    this.uploads = uploads;
  }

  @GET
  @Path("/orphans")
  @Operation(summary = "Objects in the store that no evidence or upload accounts for")
  @APIResponse(responseCode = "200", description = "the unresolved orphans")
  @APIResponse(responseCode = "403", description = "not an admin, auditor or supervisor")
  public List<OrphanReconciler.Orphan> orphans() {
    return reconciler.unresolved();
  }

  @POST
  @Path("/reconcile")
  @RolesAllowed(Role.ADMIN_)
  @Operation(summary = "Scan the store for orphans now (admin)")
  @APIResponse(responseCode = "200", description = "found: the orphans this scan found")
  @APIResponse(responseCode = "403", description = "not an admin")
  @APIResponse(responseCode = "502", description = "the object store failed (storage-error)")
  public Map<String, Object> reconcile() {
    return Map.of("found", reconciler.reconcile(OrphanReconciler.GRACE));
  }

  @POST
  @Path("/expire")
  @RolesAllowed(Role.ADMIN_)
  @Operation(summary = "Expire abandoned uploads now (admin)")
  @APIResponse(responseCode = "200", description = "expired: how many uploads expired")
  @APIResponse(responseCode = "403", description = "not an admin")
  public Map<String, Object> expire() {
    return Map.of("expired", uploads.expire());
  }
}
