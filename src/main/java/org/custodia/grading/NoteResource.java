package org.custodia.grading;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Timestamped notes on a recording: records of the review, never edits of the evidence. */
@Path("/api/v1/evidence")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews")
public class NoteResource {
  private final NoteService notes;

  NoteResource(NoteService notes) {
    this.notes = notes;
  }

  @APIResponse(responseCode = "201", description = "the note")
  @APIResponse(responseCode = "409", description = "note-superseded (supersedes names one already)")
  @POST
  @Path("/{id}/notes")
  @RolesAllowed({Role.REVIEWER_, Role.SUPERVISOR_})
  @Operation(
      summary = "Add a note at a media time of a recording",
      description =
          "atMs is media time in milliseconds (0 to the duration, when known). Notes are never"
              + " edited or deleted; supersedes names an earlier note of the caller it replaces.")
  public Response add(@PathParam("id") UUID evidenceId, @Valid @NotNull ReviewBodies.NewNote n) {
    return Response.status(Response.Status.CREATED)
        .entity(notes.add(evidenceId, n.atMs(), n.text(), n.supersedes()))
        .build();
  }

  @GET
  @Path("/{id}/notes")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "The notes on a recording, in media-time order")
  public List<Note> list(@PathParam("id") UUID evidenceId) {
    return notes.list(evidenceId);
  }
}
