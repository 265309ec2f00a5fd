package org.custodia.security;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Authentication")
public class AuthResource {
  private final AuthService auth;
  private final OfficerAccounts officers;

  AuthResource(AuthService auth, OfficerAccounts officers) {
    this.auth = auth;
    this.officers = officers;
  }

  public record LoginRequest(
      @NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 256) String password) {}

  public record LoginResponse(String accessToken, String tokenType, long expiresIn) {}

  public record PasswordChange(
      @NotBlank @Size(max = 256) String currentPassword,
      @NotBlank @Size(min = 12, max = 256) String newPassword) {}

  /** {@code officerId}: the registry officer the account acts as, null while none is linked. */
  public record Me(UUID id, String username, Role role, UUID unitId, UUID officerId) {}

  @POST
  @Path("/login")
  @PermitAll
  @Operation(
      summary =
          "Exchange username and password for an access token (rate-limited per user and address)")
  public LoginResponse login(@Valid @NotNull LoginRequest request) {
    TokenService.AccessToken token = auth.login(request.username(), request.password());
    return new LoginResponse(token.token(), "Bearer", token.expiresIn());
  }

  @GET
  @Path("/me")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "The authenticated user")
  public Me me() {
    User user = auth.me();
    UUID officer =
        user.role() != Role.OFFICER
            ? null
            : officers.officerOf(user.id(), user.unitId()).orElse(null);
    return new Me(user.id(), user.username(), user.role(), user.unitId(), officer);
  }

  @APIResponse(responseCode = "200", description = "changed; tokens issued before stop working")
  @APIResponse(
      responseCode = "400",
      description = "invalid-credentials: the current password is wrong")
  @POST
  @Path("/password")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "Change the caller's password; tokens issued before stop working")
  public Map<String, String> changePassword(@Valid @NotNull PasswordChange change) {
    auth.changePassword(change.currentPassword(), change.newPassword());
    return Map.of("status", "changed");
  }
}
