package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The workspace home page at {@code /}: where the reviewer pages start. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePage {
  @CheckedTemplate
  static class Templates {
    static native TemplateInstance home();
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance home() {
    return Templates.home();
  }
}
