package org.custodia.grading;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The reviews of one dossier. */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews")
public class CaseReviewResource {
  private final ReviewService reviews;

  CaseReviewResource(ReviewService reviews) {
    this.reviews = reviews;
  }

  @APIResponse(responseCode = "201", description = "the draft; Location names it")
  @APIResponse(
      responseCode = "409",
      description = "already-corrected (corrects names a review corrected already)")
  @POST
  @Path("/{id}/reviews")
  @RolesAllowed({Role.REVIEWER_, Role.SUPERVISOR_})
  @Operation(
      summary = "Start a draft review of a case (a correction when corrects is given)",
      description =
          "The draft is the caller's: only they see and edit it until they submit it. Every part"
              + " of the content is optional until submission.")
  public Response create(
      @PathParam("id") UUID caseId, @Valid ReviewBodies.NewReview body, @Context UriInfo uri) {
    ReviewBodies.NewReview b =
        body == null ? new ReviewBodies.NewReview(null, null, null, null) : body;
    Review review = reviews.create(caseId, b.corrects(), b.toContent());
    return Response.created(
            uri.getBaseUriBuilder().path("api/v1/reviews").path(review.id().toString()).build())
        .entity(review)
        .build();
  }

  @GET
  @Path("/{id}/reviews")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "The case's submitted reviews and the caller's drafts, oldest first")
  public List<Review> list(@PathParam("id") UUID caseId) {
    return reviews.forCase(caseId);
  }
}
