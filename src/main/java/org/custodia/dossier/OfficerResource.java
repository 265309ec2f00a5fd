package org.custodia.dossier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.custodia.error.CustodiaException;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.custodia.support.PlausibleTime;
import org.custodia.support.Unpadded;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Officers and auxiliary staff (执法人员, 执法辅助人员); admins manage them. */
@Path("/api/v1/officers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Registry")
public class OfficerResource {
  private final OfficerService service;
  private final Caller caller;

  OfficerResource(OfficerService service, Caller caller) {
    this.service = service;
    this.caller = caller;
  }

  /** {@code role} wins over {@code auxiliary}; either may be sent, both must agree. */
  @Schema(
      description =
          "unitId and name always; an OFFICER (the default role) also certificateNo,"
              + " certificateStatus and certificateValidUntil; AUXILIARY staff carry no certificate",
      requiredProperties = {"unitId", "name"})
  public record NewOfficer(
      @NotNull UUID unitId,
      @NotBlank @Unpadded @Size(max = 100) String name,
      @Pattern(regexp = "[A-Za-z0-9-]{1,32}", message = "1-32 of A-Z a-z 0-9 -")
          String certificateNo,
      CertificateStatus certificateStatus,
      @PlausibleTime LocalDate certificateValidFrom,
      @PlausibleTime LocalDate certificateValidUntil,
      @PlausibleTime LocalDate nextReviewDate,
      Boolean auxiliary,
      OfficerRole role) {}

  public record CertificateChange(
      @NotNull CertificateStatus status,
      @PlausibleTime LocalDate validFrom,
      @PlausibleTime LocalDate validUntil,
      @PlausibleTime LocalDate nextReviewDate,
      @NotBlank @Size(max = 1000) String reason) {}

  /** {@code userId} null unlinks the account. */
  @Schema(
      description =
          "userId: an OFFICER-role account of the officer's unit, or null to unlink; reason always",
      requiredProperties = {"reason"})
  public record AccountLink(UUID userId, @NotBlank @Size(max = 1000) String reason) {}

  @APIResponse(responseCode = "201", description = "the officer; Location names it")
  @APIResponse(responseCode = "409", description = "duplicate-certificate-no")
  @APIResponse(
      responseCode = "422",
      description = "auxiliary-not-responsible: auxiliary staff hold no certificate")
  @POST
  @RolesAllowed(Role.ADMIN_)
  @Operation(summary = "Register an officer or auxiliary staff member (admin)")
  public Response create(@Valid @NotNull NewOfficer request, @Context UriInfo uri) {
    OfficerRole role = request.role();
    if (role == null) {
      role = Boolean.TRUE.equals(request.auxiliary()) ? OfficerRole.AUXILIARY : OfficerRole.OFFICER;
    } else if (request.auxiliary() != null
        && request.auxiliary() != (role == OfficerRole.AUXILIARY)) {
      throw CustodiaException.invalid("auxiliary", "auxiliary contradicts role");
    }
    Officer officer =
        service.create(
            new OfficerService.NewOfficer(
                request.unitId(),
                request.name(),
                role,
                request.certificateNo(),
                request.certificateStatus(),
                request.certificateValidFrom(),
                request.certificateValidUntil(),
                request.nextReviewDate()));
    return Response.created(uri.getAbsolutePathBuilder().path(officer.id().toString()).build())
        .entity(officer)
        .build();
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "List officers the caller may see; q matches name and certificate number")
  public Page<Officer> list(
      @QueryParam("q") @Size(max = FreeText.MAX_LENGTH) String q,
      @QueryParam("unitId") UUID unitId,
      @QueryParam("role") OfficerRole role,
      @QueryParam("certificateStatus") CertificateStatus status,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    int n = Cursors.limit(limit);
    UUID unit = Scope.unit(caller, unitId);
    return service.list(unit, q, role, status, Cursors.decode(cursor), n);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "Read one officer")
  public Officer get(@PathParam("id") UUID id) {
    return service.get(id);
  }

  @PUT
  @Path("/{id}/certificate")
  @RolesAllowed(Role.ADMIN_)
  @Operation(summary = "Change an officer's certificate status (admin); the change is kept")
  public Officer changeCertificate(
      @PathParam("id") UUID id, @Valid @NotNull CertificateChange change) {
    return service.changeCertificate(
        id,
        new OfficerService.CertificateChange(
            change.status(),
            change.validFrom(),
            change.validUntil(),
            change.nextReviewDate(),
            change.reason()));
  }

  @APIResponse(
      responseCode = "200",
      description = "the officer with its userId (unchanged when it already was so)")
  @APIResponse(
      responseCode = "400",
      description = "invalid-request naming userId: no such user, not OFFICER, another unit")
  @APIResponse(
      responseCode = "409",
      description = "account-already-linked: the account acts as another officer")
  @PUT
  @Path("/{id}/account")
  @RolesAllowed(Role.ADMIN_)
  @Operation(summary = "Link or unlink the user account that acts as the officer (admin)")
  public Officer linkAccount(@PathParam("id") UUID id, @Valid @NotNull AccountLink request) {
    return service.linkAccount(id, request.userId(), request.reason());
  }

  @GET
  @Path("/{id}/status-history")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "Certificate status history of an officer, oldest first")
  public List<CertificateEvent> history(@PathParam("id") UUID id) {
    return service.history(id);
  }
}
