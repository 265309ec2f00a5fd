package org.custodia.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.error.CustodiaException;
import org.custodia.support.Cursors;
import org.custodia.support.Ids;
import org.custodia.support.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
  private final AccountRepository accounts;
  private final UnitService units;
  private final TokenService tokens;
  private final AuditService audit;
  private final Caller caller;

  StationResource(
      AccountRepository accounts,
      UnitService units,
      TokenService tokens,
      AuditService audit,
      Caller caller) {
    this.accounts = accounts;
    this.units = units;
    this.tokens = tokens;
    this.audit = audit;
    this.caller = caller;
  }

  public record NewStation(
      @NotNull UUID unitId,
      @NotBlank @Size(max = 200) String name,
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
  public record IssuedStation(StationView station, String token) {}

  @POST
  @RolesAllowed(Role.ADMIN_)
  @Transactional
  @Operation(summary = "Register a docking station (admin); the response carries its token, once")
  public Response create(@Valid @NotNull NewStation request, @Context UriInfo uri) {
    if (!units.exists(request.unitId())) {
      throw CustodiaException.invalid("unitId", "no such unit");
    }
    String token = tokens.newStationToken();
    Instant now = Instant.now();
    Station station =
        new Station(
            Ids.newId(),
            request.unitId(),
            request.name().strip(),
            request.location(),
            true,
            now,
            now);
    accounts.insertStation(station, hash(token));
    audit.record(
        "station.created",
        AuditEvent.Target.of("station", station.id()),
        Map.of("unitId", station.unitId().toString()));
    return Response.created(uri.getAbsolutePathBuilder().path(station.id().toString()).build())
        .entity(new IssuedStation(StationView.of(station), token))
        .header("Cache-Control", "no-store")
        .build();
  }

  @POST
  @Path("/{id}/token")
  @RolesAllowed(Role.ADMIN_)
  @Transactional
  @Operation(summary = "Issue a new token for a station (admin); the old one stops working")
  public Response rotate(@PathParam("id") UUID id) {
    accounts.stationById(id).orElseThrow(() -> CustodiaException.notFound("station"));
    String token = tokens.newStationToken();
    accounts.updateStationToken(id, hash(token), Instant.now());
    audit.record("station.token-rotated", AuditEvent.Target.of("station", id), null);
    return Response.ok(
            new IssuedStation(StationView.of(accounts.stationById(id).orElseThrow()), token))
        .header("Cache-Control", "no-store")
        .build();
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(Role.ADMIN_)
  @Transactional
  @Operation(summary = "Revoke a station's token (admin); its records stay")
  public Response revoke(@PathParam("id") UUID id) {
    accounts.stationById(id).orElseThrow(() -> CustodiaException.notFound("station"));
    accounts.disableStation(id);
    audit.record("station.revoked", AuditEvent.Target.of("station", id), null);
    return Response.noContent().build();
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.OFFICER_, Role.REVIEWER_, Role.AUDITOR_})
  @Operation(summary = "List stations the caller may see")
  public Page<StationView> list(
      @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
    int n = Cursors.limit(limit);
    UUID only = caller.global() ? null : caller.unitId();
    return Page.of(
        accounts.stations(only, Cursors.decode(cursor), n + 1).stream()
            .map(StationView::of)
            .toList(),
        n,
        StationView::id);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.OFFICER_, Role.REVIEWER_, Role.AUDITOR_})
  @Operation(summary = "Read one station")
  public StationView get(@PathParam("id") UUID id) {
    Station station =
        accounts.stationById(id).orElseThrow(() -> CustodiaException.notFound("station"));
    caller.requireSees(station.unitId(), "station");
    return StationView.of(station);
  }

  private static byte[] hash(String token) {
    return TokenService.sha256(token.getBytes(StandardCharsets.US_ASCII));
  }
}
