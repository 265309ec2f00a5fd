package org.custodia.review;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The player's facts of a recording ({@link Playback}). */
@Path("/api/v1/evidence")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evidence")
@RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
public class PlaybackResource {
  private final TimelineService service;

  PlaybackResource(TimelineService service) {
    this.service = service;
  }

  @GET
  @Path("/{id}/playback")
  @Operation(
      summary = "What a player needs for a recording, in one read",
      description =
          "The URL to play (review copy, or the original when it plays as it is; absent while"
              + " neither is ready), poster, sprite sheet and its WebVTT track, duration, frame"
              + " rate, size, the newest media job's state, and the corrected wall-clock start:"
              + " media time t is wallClock.from + t. Metadata: not audited (the bytes are, when"
              + " fetched).")
  @APIResponse(responseCode = "200", description = "the player's facts")
  public Playback playback(@PathParam("id") UUID id) {
    return service.playback(id);
  }
}
