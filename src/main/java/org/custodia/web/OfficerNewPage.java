package org.custodia.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /admin/officers/new}: registering an officer or auxiliary staff member (the form and its
 * rules: {@link RegisterPages}).
 */
@Path("/admin/officers/new")
@Produces(MediaType.TEXT_HTML)
public class OfficerNewPage {
  private final RegisterPages pages;

  OfficerNewPage(RegisterPages pages) {
    this.pages = pages;
  }

  @GET
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public TemplateInstance form() {
    return pages.newOfficer();
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public Response register(
      @FormParam("unitId") String unitId,
      @FormParam("name") String name,
      @FormParam("auxiliary") String auxiliary,
      @FormParam("certificateNo") String certificateNo,
      @FormParam("certificateStatus") String certificateStatus,
      @FormParam("certificateValidFrom") String certificateValidFrom,
      @FormParam("certificateValidUntil") String certificateValidUntil,
      @FormParam("nextReviewDate") String nextReviewDate) {
    return pages.registerOfficer(
        unitId,
        name,
        auxiliary,
        certificateNo,
        certificateStatus,
        certificateValidFrom,
        certificateValidUntil,
        nextReviewDate);
  }
}
