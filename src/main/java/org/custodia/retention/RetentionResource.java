package org.custodia.retention;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An evidence item's retention: class, earliest deletion and why; changed by hand with reason. */
@Path("/api/v1/evidence/{id}/retention")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Retention")
public class RetentionResource {
  private final RetentionService retention;

  RetentionResource(RetentionService retention) {
    this.retention = retention;
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "An item's retention: class, earliest deletion date and why, holds",
      description =
          "earliestDeletion is absent while the end is unknown (a linked case not closed) or"
              + " never (PERMANENT); basis is the class's legal basis (zh-CN, en). store: what the"
              + " object store protects now, the latest retain-until of the original and receipt"
              + " files and each object (S3 Object Lock where the store enforces it, else the"
              + " service's own record and the bucket's default retention from the upload)."
              + " effectiveEarliestDeletion is the later of earliestDeletion and the store's"
              + " retain-until; effectiveWhy says which keeps the bytes (absent once disposed).")
  @APIResponse(responseCode = "200", description = "the retention")
  public Retention get(@PathParam("id") UUID id) {
    return retention.get(id);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(
      summary = "Set an item's retention class or flags by hand",
      description =
          "class AUTOMATIC gives the class back to the rules. A downgrade (a class lower than the"
              + " one in force) needs a reason (400 otherwise); every change is audited. The"
              + " store's retention is only ever extended: a downgrade cannot bring the deletion"
              + " before a date already locked.")
  @APIResponse(responseCode = "200", description = "the retention after the change")
  @APIResponse(responseCode = "409", description = "evidence-disposed")
  public Retention change(
      @PathParam("id") UUID id, @Valid @NotNull RetentionBodies.RetentionChange body) {
    String c = body.retentionClass();
    return retention.change(
        id,
        new RetentionService.Change(
            c == null || c.equals("AUTOMATIC") ? null : RetentionClass.valueOf(c),
            "AUTOMATIC".equals(c),
            body.usedAsEvidence(),
            body.obstruction(),
            body.majorIncident(),
            body.reason()));
  }
}
