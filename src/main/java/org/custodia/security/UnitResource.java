package org.custodia.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.custodia.error.CustodiaException;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.custodia.support.Unpadded;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Enforcement units (行政执法单位). Unit-scoped roles see their own unit only. */
@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Registry")
public class UnitResource {
  private final UnitService units;
  private final Caller caller;

  UnitResource(UnitService units, Caller caller) {
    this.units = units;
    this.caller = caller;
  }

  public record NewUnit(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,32}", message = "1-32 of A-Z a-z 0-9 _ -")
          String code,
      @NotBlank @Unpadded @Size(max = 200) String name) {}

  @APIResponse(responseCode = "201", description = "the unit; Location names it")
  @APIResponse(responseCode = "409", description = "duplicate-unit-code")
  @POST
  @RolesAllowed(Role.ADMIN_)
  @Operation(summary = "Create a unit (admin)")
  public Response create(@Valid @NotNull NewUnit request, @jakarta.ws.rs.core.Context UriInfo uri) {
    Unit unit = units.create(request.code(), request.name().strip());
    return Response.created(uri.getAbsolutePathBuilder().path(unit.id().toString()).build())
        .entity(unit)
        .build();
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "List units the caller may see (keyset-paginated)")
  public Page<Unit> list(
      @QueryParam("q") String q,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    int n = Cursors.limit(limit);
    UUID only = caller.global() ? null : caller.unitId();
    List<Unit> items = units.list(only, q, Cursors.decode(cursor), n + 1);
    return Page.of(items, n, Unit::id);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "Read one unit")
  public Unit get(@PathParam("id") UUID id) {
    caller.requireSees(id, "unit", id);
    return units.byId(id).orElseThrow(() -> CustodiaException.notFound("unit"));
  }
}
