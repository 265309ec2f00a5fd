package org.custodia.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.support.Cursors;
import org.custodia.support.DatabaseException;
import org.custodia.support.Ids;
import org.custodia.support.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** User accounts: admins manage them; supervisors may read them. */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class UserResource {
  private final AccountRepository accounts;
  private final UnitService units;
  private final PasswordHasher hasher;
  private final AuditService audit;

  UserResource(
      AccountRepository accounts, UnitService units, PasswordHasher hasher, AuditService audit) {
    this.accounts = accounts;
    this.units = units;
    this.hasher = hasher;
    this.audit = audit;
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

  @POST
  @RolesAllowed(Role.ADMIN_)
  @Transactional
  @Operation(summary = "Create a user (admin)")
  public Response create(@Valid @NotNull NewUser request, @Context UriInfo uri) {
    checkRoleAndUnit(request.role(), request.unitId());
    Instant now = Instant.now();
    User user =
        new User(
            Ids.newId(),
            request.username(),
            hasher.hash(request.password()),
            request.role(),
            request.unitId(),
            true,
            now,
            now);
    try {
      accounts.insertUser(user);
    } catch (DatabaseException e) {
      if (e.uniqueViolation()) {
        throw new CustodiaException(
            ProblemType.DUPLICATE_USERNAME, "this username is taken", "username");
      }
      throw e;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("role", user.role().name());
    if (user.unitId() != null) {
      details.put("unitId", user.unitId().toString());
    }
    audit.record("user.created", AuditEvent.Target.of("user", user.id()), details);
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
        accounts.users(unitId, Cursors.decode(cursor), n + 1).stream().map(UserView::of).toList(),
        n,
        UserView::id);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(summary = "Read one user (admin, supervisor)")
  public UserView get(@PathParam("id") UUID id) {
    return accounts
        .userById(id)
        .map(UserView::of)
        .orElseThrow(() -> CustodiaException.notFound("user"));
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed(Role.ADMIN_)
  @Transactional
  @Operation(summary = "Change a user's role, unit or enabled flag (admin)")
  public UserView update(@PathParam("id") UUID id, @NotNull UserChange change) {
    User user = accounts.userById(id).orElseThrow(() -> CustodiaException.notFound("user"));
    Role role = change.role() == null ? user.role() : change.role();
    UUID unit = change.unitId() == null ? user.unitId() : change.unitId();
    boolean enabled = change.enabled() == null ? user.enabled() : change.enabled();
    checkRoleAndUnit(role, unit);
    accounts.updateUser(id, role, unit, enabled);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("role", role.name());
    details.put("enabled", enabled);
    if (unit != null) {
      details.put("unitId", unit.toString());
    }
    audit.record("user.updated", AuditEvent.Target.of("user", id), details);
    return accounts.userById(id).map(UserView::of).orElseThrow();
  }

  private void checkRoleAndUnit(Role role, UUID unitId) {
    if (!role.assignableToUser()) {
      throw CustodiaException.invalid("role", "role STATION is for docking stations only");
    }
    if (unitId == null && !role.global()) {
      throw CustodiaException.invalid(
          "unitId", "role " + role + " is unit-scoped and needs a unit");
    }
    if (unitId != null && !units.exists(unitId)) {
      throw CustodiaException.invalid("unitId", "no such unit");
    }
  }
}
