package org.custodia.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
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
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Authentication")
public class AuthResource {
  private final AccountRepository accounts;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final LoginThrottle throttle;
  private final DenialRecorder denials;
  private final AuditService audit;
  private final Caller caller;

  AuthResource(
      AccountRepository accounts,
      PasswordHasher hasher,
      TokenService tokens,
      LoginThrottle throttle,
      DenialRecorder denials,
      AuditService audit,
      Caller caller) {
    this.accounts = accounts;
    this.hasher = hasher;
    this.tokens = tokens;
    this.throttle = throttle;
    this.denials = denials;
    this.audit = audit;
    this.caller = caller;
  }

  public record LoginRequest(
      @NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 256) String password) {}

  public record LoginResponse(String accessToken, String tokenType, long expiresIn) {}

  public record PasswordChange(
      @NotBlank @Size(max = 256) String currentPassword,
      @NotBlank @Size(min = 12, max = 256) String newPassword) {}

  public record Me(UUID id, String username, Role role, UUID unitId) {}

  @POST
  @Path("/login")
  @PermitAll
  @Operation(
      summary =
          "Exchange username and password for an access token (rate-limited per user and address)")
  public LoginResponse login(@Valid @NotNull LoginRequest request) {
    String username = request.username().trim().toLowerCase(java.util.Locale.ROOT);
    String address = caller.address() == null ? "unknown" : caller.address();
    long wait = throttle.retryAfterSeconds(username, address);
    if (wait > 0) {
      denials.loginRefused("throttled", null);
      throw new TooManyAttemptsException(wait);
    }
    User user = accounts.userByName(username).orElse(null);
    boolean ok = hasher.verify(request.password(), user == null ? null : user.passwordHash());
    if (!ok || !user.enabled()) {
      throttle.failed(username, address);
      denials.loginRefused(
          user == null ? "unknown-user" : !ok ? "wrong-password" : "disabled",
          user == null ? null : user.id().toString());
      throw new CustodiaException(
          ProblemType.INVALID_CREDENTIALS,
          "username or password is wrong, or the account is disabled");
    }
    throttle.succeeded(username, address);
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                audit.append(
                    new AuditEvent(
                        AuditEvent.VERSION,
                        "auth.login",
                        new AuditEvent.Actor("USER", user.id().toString(), caller.address()),
                        user.role().name(),
                        user.unitId() == null ? null : user.unitId().toString(),
                        AuditEvent.Target.of("user", user.id()),
                        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString(),
                        caller.requestId(),
                        null)));
    TokenService.AccessToken token = tokens.issue(user.id(), user.role().name());
    return new LoginResponse(token.token(), "Bearer", token.expiresIn());
  }

  @GET
  @Path("/me")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "The authenticated user")
  public Me me() {
    User user =
        accounts.userById(caller.id()).orElseThrow(() -> CustodiaException.notFound("user"));
    return new Me(user.id(), user.username(), user.role(), user.unitId());
  }

  @POST
  @Path("/password")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Transactional
  @Operation(summary = "Change the caller's password; tokens issued before stop working")
  public Map<String, String> changePassword(@Valid @NotNull PasswordChange change) {
    User user =
        accounts.userById(caller.id()).orElseThrow(() -> CustodiaException.notFound("user"));
    if (!hasher.verify(change.currentPassword(), user.passwordHash())) {
      throw new CustodiaException(
          ProblemType.WRONG_CURRENT_PASSWORD, "the current password is wrong", "currentPassword");
    }
    accounts.updatePassword(user.id(), hasher.hash(change.newPassword()), Instant.now());
    audit.record("user.password-changed", AuditEvent.Target.of("user", user.id()), null);
    return Map.of("status", "changed");
  }
}
