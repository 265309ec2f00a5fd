package org.custodia.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.UUID;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.custodia.support.Unpadded;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Docking stations (执法记录仪采集站). The token is returned once, at creation or rotation; only its hash
 * is stored. A station token may call nothing but the upload endpoints.
 */
@Path("/api/v1/stations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Registry")
public class StationResource {
  private final StationService stations;

  StationResource(StationService stations) {
    this.stations = stations;
  }

  public record NewStation(
      @NotNull UUID unitId,
      @NotBlank @Unpadded @Size(max = 200) String name,
      @Size(max = 500) String location) {}

  public record StationView(
      UUID id,
      UUID unitId,
      String name,
      String location,
      boolean enabled,
      Instant createdAt,
      Instant tokenIssuedAt) {
    static StationView of(Station s) {
      return new StationView(
          s.id(),
          s.unitId(),
          s.name(),
          s.location(),
          s.enabled(),
          s.createdAt(),
          s.tokenIssuedAt());
    }
  }

  /** Returned once: the token is not stored and cannot be shown again. */
  public record IssuedStation(StationView station, String token) {
    static IssuedStation of(StationService.Issued issued) {
      return new IssuedStation(StationView.of(issued.station()), issued.token());
    }
  }

  @APIResponse(
      responseCode = "201",
      description = "the station and its token (shown once); Location names it")
  @POST
  @RolesAllowed(Role.ADMIN_)
  @Operation(summary = "Register a docking station (admin); the response carries its token, once")
  public Response create(@Valid @NotNull NewStation request, @Context UriInfo uri) {
    StationService.Issued issued =
        stations.create(request.unitId(), request.name().strip(), request.location());
    return Response.created(
            uri.getAbsolutePathBuilder().path(issued.station().id().toString()).build())
        .entity(IssuedStation.of(issued))
        .header("Cache-Control", "no-store")
        .build();
  }

  @POST
  @Path("/{id}/token")
  @RolesAllowed(Role.ADMIN_)
  @Operation(summary = "Issue a new token for a station (admin); the old one stops working")
  public Response rotate(@PathParam("id") UUID id) {
    return Response.ok(IssuedStation.of(stations.rotate(id)))
        .header("Cache-Control", "no-store")
        .build();
  }

  @APIResponse(
      responseCode = "204",
      description = "revoked: the token stops working, the station's records stay")
  @DELETE
  @Path("/{id}")
  @RolesAllowed(Role.ADMIN_)
  @Operation(summary = "Revoke a station's token (admin); its records stay")
  public Response revoke(@PathParam("id") UUID id) {
    stations.revoke(id);
    return Response.noContent().build();
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.OFFICER_, Role.REVIEWER_, Role.AUDITOR_})
  @Operation(summary = "List stations the caller may see")
  public Page<StationView> list(
      @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
    int n = Cursors.limit(limit);
    return Page.of(
        stations.list(Cursors.decode(cursor), n + 1).stream().map(StationView::of).toList(),
        n,
        StationView::id);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.OFFICER_, Role.REVIEWER_, Role.AUDITOR_})
  @Operation(summary = "Read one station")
  public StationView get(@PathParam("id") UUID id) {
    return StationView.of(stations.get(id));
  }
}
