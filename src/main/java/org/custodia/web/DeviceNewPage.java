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
 * {@code /devices/new}: registering a bodycam, with its first custodian (the form and its rules:
 * {@link RegisterPages}).
 */
@Path("/devices/new")
@Produces(MediaType.TEXT_HTML)
public class DeviceNewPage {
  private final RegisterPages pages;

  DeviceNewPage(RegisterPages pages) {
    this.pages = pages;
  }

  @GET
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public TemplateInstance form() {
    return pages.newDevice();
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public Response register(
      @FormParam("unitId") String unitId,
      @FormParam("serial") String serial,
      @FormParam("model") String model,
      @FormParam("custodianOfficerId") String custodianOfficerId) {
    return pages.registerDevice(unitId, serial, model, custodianOfficerId);
  }
}
