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
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.custodia.security.Role;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reviews (案卷评查): drafts, submission, the filterable list and the grade distribution. */
@Path("/api/v1/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews")
public class ReviewResource {
  private final ReviewService reviews;

  ReviewResource(ReviewService reviews) {
    this.reviews = reviews;
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "Search reviews of the units the caller sees, newest first",
      description =
          "Submitted reviews and the caller's own drafts; from/to select the time reviewed"
              + " (submission, or creation of a draft) in [from, to).")
  public Page<Review> list(
      @QueryParam("unitId") UUID unitId,
      @QueryParam("grade") Grade grade,
      @QueryParam("reviewerId") UUID reviewerId,
      @QueryParam("from") Instant from,
      @QueryParam("to") Instant to,
      @QueryParam("state") ReviewState state,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    int n = Cursors.limit(limit);
    return reviews.search(
        new Review.Filter(unitId, grade, reviewerId, from, to, state), Cursors.decode(cursor), n);
  }

  @GET
  @Path("/distribution")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "Grade distribution per unit",
      description =
          "Current submitted reviews (no submitted correction replaced them) submitted in [from,"
              + " to), per unit the caller sees.")
  public List<Review.Distribution> distribution(
      @QueryParam("from") Instant from,
      @QueryParam("to") Instant to,
      @QueryParam("unitId") UUID unitId) {
    return reviews.distribution(unitId, from, to);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "Read a review (a draft only by its author)")
  public Review get(@PathParam("id") UUID id) {
    return reviews.get(id);
  }

  @APIResponse(responseCode = "200", description = "the draft as saved")
  @APIResponse(
      responseCode = "409",
      description = "review-submitted: a submitted review is read-only")
  @PUT
  @Path("/{id}")
  @RolesAllowed({Role.REVIEWER_, Role.SUPERVISOR_})
  @Operation(summary = "Replace the content of the caller's draft: grade, entries, finding")
  public Review update(
      @PathParam("id") UUID id, @Valid @NotNull ReviewBodies.ReviewContent content) {
    return reviews.update(id, content.toContent());
  }

  @APIResponse(responseCode = "200", description = "the submitted review, read-only from now on")
  @APIResponse(
      responseCode = "409",
      description = "review-submitted (submitted already) or already-corrected")
  @POST
  @Path("/{id}/submission")
  @RolesAllowed({Role.REVIEWER_, Role.SUPERVISOR_})
  @Operation(
      summary = "Submit the caller's draft",
      description = "Grade and finding are required; unknown criterion keys are refused.")
  public Review submit(@PathParam("id") UUID id) {
    return reviews.submit(id);
  }
}
