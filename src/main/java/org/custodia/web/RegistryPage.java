package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.security.Unit;
import org.custodia.security.UnitResource;
import org.custodia.security.UnitService;
import org.custodia.security.User;
import org.custodia.security.UserResource;
import org.custodia.security.UserService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Units, users and roles for administrators: {@code /admin/units} (list, create) and {@code
 * /admin/users} (list, create, change role or unit, disable or enable, reset the password). Calls
 * {@link UnitService} and {@link UserService} as {@code /api/v1/units} and {@code /api/v1/users}
 * do, so their rules hold here too (a unit-scoped role needs a unit, the last enabled administrator
 * stays, no administrator disables their own account); body constraints are the API's.
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class RegistryPage {
  static final int LIMIT = 200;
  static final List<String> ROLES =
      Arrays.stream(Role.values()).filter(Role::assignableToUser).map(Enum::name).toList();
  private static final char[] ALPHABET =
      "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A user as listed, with the unit's name. */
  public record UserRow(User user, String unit, boolean self) {}

  /** The users page; {@code password} is a password just set (shown once) for {@code forUser}. */
  public record UsersView(
      List<UserRow> rows,
      List<Unit> units,
      List<String> roles,
      Map<String, String> errors,
      Map<String, String> typed,
      String rowError,
      UUID rowErrorUser,
      String password,
      String forUser,
      String unit,
      String next) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance units(
        List<Unit> units, Map<String, String> errors, String code, String name);

    static native TemplateInstance users(UsersView view);
  }

  private final UnitService units;
  private final UserService users;
  private final Caller caller;
  private final Validator validator;

  RegistryPage(UnitService units, UserService users, Caller caller, Validator validator) {
    this.units = units;
    this.users = users;
    this.caller = caller;
    this.validator = validator;
  }

  @GET
  @Path("/units")
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public TemplateInstance units() {
    return Templates.units(units.list(null, null, null, LIMIT), Map.of(), "", "");
  }

  @POST
  @Path("/units")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public Response createUnit(@FormParam("code") String code, @FormParam("name") String name) {
    Map<String, String> errors = new LinkedHashMap<>();
    UnitResource.NewUnit body = new UnitResource.NewUnit(code, name);
    for (ConstraintViolation<UnitResource.NewUnit> v : validator.validate(body)) {
      errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage());
    }
    int status = 400;
    if (errors.isEmpty()) {
      try {
        units.create(code, name);
        return Response.ok().header("HX-Redirect", "/admin/units").build();
      } catch (CustodiaException e) {
        if (e.problem() != ProblemType.DUPLICATE_UNIT_CODE) {
          throw e;
        }
        errors.put("code", "duplicate");
        status = 409;
      }
    }
    return StationsPage.html(
        status,
        Templates.units(
            units.list(null, null, null, LIMIT),
            errors,
            code == null ? "" : code,
            name == null ? "" : name));
  }

  @GET
  @Path("/users")
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public TemplateInstance users(
      @jakarta.ws.rs.QueryParam("unit") UUID unit,
      @jakarta.ws.rs.QueryParam("cursor") String cursor) {
    return Templates.users(
        view(
            Map.of(),
            Map.of(),
            null,
            null,
            null,
            null,
            unit,
            org.custodia.support.Cursors.decode(cursor)));
  }

  @POST
  @Path("/users")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public Response createUser(
      @FormParam("username") String username,
      @FormParam("password") String password,
      @FormParam("role") String role,
      @FormParam("unitId") String unitId) {
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, String> typed = new LinkedHashMap<>();
    typed.put("username", username == null ? "" : username);
    typed.put("role", role == null ? "" : role);
    typed.put("unitId", unitId == null ? "" : unitId);
    Role r = ROLES.contains(role) ? Role.valueOf(role) : null;
    UUID unit = uuid(unitId);
    if (unitId != null && !unitId.isBlank() && unit == null) {
      errors.put("unitId", "unit");
    }
    UserResource.NewUser body = new UserResource.NewUser(username, password, r, unit);
    for (ConstraintViolation<UserResource.NewUser> v : validator.validate(body)) {
      errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage());
    }
    int status = 400;
    if (errors.isEmpty()) {
      try {
        users.create(username, password, r, unit);
        return Response.ok().header("HX-Redirect", listOf(unit)).build();
      } catch (CustodiaException e) {
        if (e.problem() == ProblemType.DUPLICATE_USERNAME) {
          errors.put("username", "duplicate");
          status = 409;
        } else if (e.problem() == ProblemType.INVALID_REQUEST && e.field() != null) {
          errors.put(e.field(), "unitId".equals(e.field()) ? "unitRequired" : e.getMessage());
        } else {
          throw e;
        }
      }
    }
    return StationsPage.html(
        status, Templates.users(view(errors, typed, null, null, null, null, null, null)));
  }

  /** Changes a user's role and unit, or disables/enables it ({@code enabled}); the list again. */
  @POST
  @Path("/users/{id}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public Response updateUser(
      @PathParam("id") UUID id,
      @FormParam("role") String role,
      @FormParam("unitId") String unitId,
      @FormParam("enabled") String enabled) {
    User before = users.byId(id).orElseThrow(() -> CustodiaException.notFound("user"));
    Role r = null;
    if (role != null && !role.isEmpty()) {
      if (!ROLES.contains(role)) {
        throw CustodiaException.invalid("role", "role must be one of " + ROLES);
      }
      r = Role.valueOf(role);
    }
    UUID unit = uuid(unitId);
    Boolean on = enabled == null || enabled.isEmpty() ? null : Boolean.valueOf(enabled);
    try {
      User after = users.update(id, r, unit, on);
      return Response.ok().header("HX-Redirect", listOf(after.unitId())).build();
    } catch (CustodiaException e) {
      String error;
      int status;
      if (e.problem() == ProblemType.LAST_ADMIN) {
        error = "lastAdmin";
        status = 409;
      } else if (e.problem() == ProblemType.SELF_LOCKOUT) {
        error = "selfLockout";
        status = 409;
      } else if (e.problem() == ProblemType.INVALID_REQUEST && "unitId".equals(e.field())) {
        error = "unitRequired";
        status = 400;
      } else {
        throw e;
      }
      return StationsPage.html(
          status,
          Templates.users(view(Map.of(), Map.of(), error, id, null, null, before.unitId(), null)));
    }
  }

  /** Sets a new random password for the user and shows it once; their sessions end. */
  @POST
  @Path("/users/{id}/password")
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public Response resetPassword(@PathParam("id") UUID id) {
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      password.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    User user = users.resetPassword(id, password.toString());
    return StationsPage.html(
        200,
        Templates.users(
            view(
                Map.of(),
                Map.of(),
                null,
                null,
                password.toString(),
                user.username(),
                user.unitId(),
                null)));
  }

  private UsersView view(
      Map<String, String> errors,
      Map<String, String> typed,
      String rowError,
      UUID rowErrorUser,
      String password,
      String forUser,
      UUID unit,
      UUID after) {
    List<Unit> all = units.list(null, null, null, LIMIT);
    Map<UUID, String> names = new HashMap<>();
    all.forEach(u -> names.put(u.id(), u.name()));
    org.custodia.support.Page<User> found =
        org.custodia.support.Page.of(users.list(unit, after, LIMIT + 1), LIMIT, User::id);
    List<UserRow> rows =
        found.items().stream()
            .map(
                u ->
                    new UserRow(
                        u,
                        u.unitId() == null ? "" : names.getOrDefault(u.unitId(), ""),
                        u.id().equals(caller.id())))
            .toList();
    return new UsersView(
        rows,
        all,
        ROLES,
        errors,
        typed,
        rowError,
        rowErrorUser,
        password,
        forUser,
        unit == null ? "" : unit.toString(),
        found.nextCursor());
  }

  private static String listOf(UUID unit) {
    return unit == null ? "/admin/users" : "/admin/users?unit=" + unit;
  }

  private static UUID uuid(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
