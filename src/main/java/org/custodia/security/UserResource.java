package org.custodia.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.custodia.error.CustodiaException;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** User accounts: admins manage them; supervisors may read them. */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class UserResource {
  private final UserService users;

  UserResource(UserService users) {
    this.users = users;
  }

  public record NewUser(
      @NotBlank
          @Pattern(
              regexp = "[a-z0-9][a-z0-9._-]{1,62}",
              message = "2-63 of a-z 0-9 . _ -, starting with a letter or digit")
          String username,
      @NotBlank @Size(min = 12, max = 256, message = "must be 12 to 256 characters")
          String password,
      @NotNull Role role,
      UUID unitId) {}

  public record UserChange(Role role, UUID unitId, Boolean enabled) {}

  /** A user as shown by the API: never the password hash. */
  public record UserView(
      UUID id, String username, Role role, UUID unitId, boolean enabled, Instant createdAt) {
    static UserView of(User u) {
      return new UserView(u.id(), u.username(), u.role(), u.unitId(), u.enabled(), u.createdAt());
    }
  }

  @APIResponse(responseCode = "201", description = "the user; Location names it")
  @APIResponse(responseCode = "409", description = "duplicate-username")
  @POST
  @RolesAllowed(Role.ADMIN_)
  @Operation(summary = "Create a user (admin)")
  public Response create(@Valid @NotNull NewUser request, @Context UriInfo uri) {
    User user =
        users.create(request.username(), request.password(), request.role(), request.unitId());
    return Response.created(uri.getAbsolutePathBuilder().path(user.id().toString()).build())
        .entity(UserView.of(user))
        .build();
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(summary = "List users (admin, supervisor)")
  public Page<UserView> list(
      @QueryParam("unitId") UUID unitId,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    int n = Cursors.limit(limit);
    return Page.of(
        users.list(unitId, Cursors.decode(cursor), n + 1).stream().map(UserView::of).toList(),
        n,
        UserView::id);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(summary = "Read one user (admin, supervisor)")
  public UserView get(@PathParam("id") UUID id) {
    return users.byId(id).map(UserView::of).orElseThrow(() -> CustodiaException.notFound("user"));
  }

  @APIResponse(responseCode = "200", description = "the user as changed")
  @APIResponse(
      responseCode = "409",
      description =
          "last-admin (no enabled administrator would remain) or self-lockout (an administrator disabling their own account)")
  @PATCH
  @Path("/{id}")
  @RolesAllowed(Role.ADMIN_)
  @Operation(summary = "Change a user's role, unit or enabled flag (admin)")
  public UserView update(@PathParam("id") UUID id, @NotNull UserChange change) {
    return UserView.of(users.update(id, change.role(), change.unitId(), change.enabled()));
  }
}
