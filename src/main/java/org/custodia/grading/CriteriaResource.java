package org.custodia.grading;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The review criteria in force (configuration, docs/reviews.md). */
@Path("/api/v1/review-criteria")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews")
public class CriteriaResource {
  private final Criteria criteria;

  CriteriaResource(Criteria criteria) {
    this.criteria = criteria;
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "The review criteria in force: version, keys, labels in zh-CN and en",
      description = "A review records the version it was made against.")
  public Criteria.CriteriaSet get() {
    return criteria.current();
  }
}
