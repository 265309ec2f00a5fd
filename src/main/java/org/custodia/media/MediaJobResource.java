package org.custodia.media;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Media jobs of one evidence item: state, attempts, progress and the last error. */
@Path("/api/v1/evidence")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evidence")
public class MediaJobResource {
  private final MediaService media;

  MediaJobResource(MediaService media) {
    this.media = media;
  }

  @GET
  @Path("/{id}/jobs")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "Media jobs of a record with state and progress (also in GET /evidence/{id})")
  public List<MediaJob> jobs(@PathParam("id") UUID id) {
    return media.jobs(id);
  }
}
