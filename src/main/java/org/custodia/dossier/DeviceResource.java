package org.custodia.dossier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.custodia.support.PlausibleTime;
import org.custodia.support.Unpadded;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Bodycams (执法记录仪) and their custody history; admins manage them. */
@Path("/api/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Registry")
public class DeviceResource {
  private final DeviceService service;
  private final Caller caller;

  DeviceResource(DeviceService service, Caller caller) {
    this.service = service;
    this.caller = caller;
  }

  public record NewDevice(
      @NotNull UUID unitId,
      @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "1-64 of A-Z a-z 0-9 . _ -")
          String serial,
      @NotBlank @Unpadded @Size(max = 100) String model,
      UUID custodianOfficerId) {}

  /** A handover: {@code from} defaults to now; {@code to} null leaves the period open. */
  public record Handover(
      @NotNull UUID officerId,
      @PlausibleTime Instant from,
      @PlausibleTime Instant to,
      @Size(max = 1000) String reason) {}

  /** The device clock minus true time; more than a year either way is not a clock, it is a slip. */
  public record ClockOffset(
      @NotNull @Min(-31_622_400_000L) @Max(31_622_400_000L) Long clockOffsetMs) {}

  @APIResponse(responseCode = "201", description = "the device; Location names it")
  @APIResponse(responseCode = "409", description = "duplicate-device")
  @APIResponse(
      responseCode = "422",
      description =
          "officer-unknown, auxiliary-not-responsible or officer-not-certified (the custodian)")
  @POST
  @RolesAllowed(Role.ADMIN_)
  @Operation(summary = "Register a device (admin), optionally with its first custodian")
  public Response create(@Valid @NotNull NewDevice request, @Context UriInfo uri) {
    Device device =
        service.create(
            request.unitId(), request.serial(), request.model(), request.custodianOfficerId());
    return Response.created(uri.getAbsolutePathBuilder().path(device.id().toString()).build())
        .entity(device)
        .build();
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "List devices the caller may see; q matches serial and model")
  public Page<Device> list(
      @QueryParam("q") @Size(max = FreeText.MAX_LENGTH) String q,
      @QueryParam("unitId") UUID unitId,
      @QueryParam("custodianOfficerId") UUID custodian,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    int n = Cursors.limit(limit);
    return service.list(Scope.unit(caller, unitId), q, custodian, Cursors.decode(cursor), n);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "Read one device with its current custodian")
  public Device get(@PathParam("id") UUID id) {
    return service.get(id);
  }

  @GET
  @Path("/{id}/custody")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "Custody history of a device, oldest first")
  public List<CustodyPeriod> custody(@PathParam("id") UUID id) {
    return service.custody(id);
  }

  @APIResponse(responseCode = "201", description = "the new custody period")
  @APIResponse(responseCode = "409", description = "already-custodian or custody-overlap")
  @APIResponse(
      responseCode = "422",
      description = "officer-unknown, auxiliary-not-responsible or officer-not-certified")
  @POST
  @Path("/{id}/custody")
  @RolesAllowed(Role.ADMIN_)
  @Operation(summary = "Hand a device over to an officer (admin); periods never overlap")
  public Response handOver(@PathParam("id") UUID id, @Valid @NotNull Handover request) {
    CustodyPeriod period =
        service.handOver(
            id,
            request.officerId(),
            request.from() == null ? Instant.now() : request.from(),
            request.to(),
            request.reason());
    return Response.status(Response.Status.CREATED).entity(period).build();
  }

  @PUT
  @Path("/{id}/clock-offset")
  @RolesAllowed({Role.ADMIN_, Role.STATION_})
  @Operation(summary = "Report the device clock's offset from the station clock, in ms")
  public Device clockOffset(@PathParam("id") UUID id, @Valid @NotNull ClockOffset request) {
    return service.reportClockOffset(id, request.clockOffsetMs());
  }
}
