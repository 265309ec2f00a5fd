package org.custodia.review;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.UUID;
import org.custodia.error.CustodiaException;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The case timeline ({@link TimelineService}). */
@Path("/api/v1/cases")
@Tag(name = "Cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
public class TimelineResource {
  /** The largest gap tolerance a request may ask for: an hour. */
  static final long MAX_TOLERANCE_MS = 3_600_000L;

  private final TimelineService service;

  TimelineResource(TimelineService service) {
    this.service = service;
  }

  @GET
  @Path("/{id}/timeline")
  @Operation(
      summary = "A dossier's timeline: actions, their coverage by recordings, every linked record",
      description =
          "Each record with hashes, device (and its clock offset), officer, claimed and corrected"
              + " wall-clock times (claimed − device clock offset; the end from the probed"
              + " duration, else from recordedTo), derived files and receipt state. Each action"
              + " with its window, officers and the spans covered, uncovered (gaps longer than"
              + " gapToleranceMs, default custodia.review.timeline-gap-tolerance) and covered by"
              + " two or more recordings (overlaps). A dossier view: another unit's case is 404;"
              + " audited as case.viewed once per viewing session.")
  @APIResponse(responseCode = "200", description = "the timeline")
  public CaseTimeline timeline(
      @PathParam("id") UUID id, @QueryParam("gapToleranceMs") Long gapToleranceMs) {
    Duration tolerance = service.defaultGapTolerance();
    if (gapToleranceMs != null) {
      if (gapToleranceMs < 0 || gapToleranceMs > MAX_TOLERANCE_MS) {
        throw CustodiaException.invalid(
            "gapToleranceMs", "gapToleranceMs must be between 0 and " + MAX_TOLERANCE_MS);
      }
      tolerance = Duration.ofMillis(gapToleranceMs);
    }
    return service.timeline(id, tolerance, "timeline");
  }
}
