package org.custodia.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * Turns a bearer token into an identity. Users: the JWT must verify and the account must still be
 * enabled, with the password the token was issued for (checked on every request: the signature
 * check may be remembered, this one is not); role and unit come from the database, so changes apply
 * at once. Stations: the token's hash must match an enabled station.
 */
@ApplicationScoped
public class BearerIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
  private final TokenService tokens;
  private final AccountRepository accounts;

  BearerIdentityProvider(TokenService tokens, AccountRepository accounts) {
    this.tokens = tokens;
    this.accounts = accounts;
  }

  @Override
  public Class<TokenAuthenticationRequest> getRequestType() {
    return TokenAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      TokenAuthenticationRequest request, AuthenticationRequestContext context) {
    String token = request.getToken().getToken();
    return context.runBlocking(() -> identify(token));
  }

  private SecurityIdentity identify(String token) {
    if (token.startsWith(TokenService.STATION_TOKEN_PREFIX)) {
      Station station =
          accounts
              .stationByTokenHash(TokenService.sha256(token.getBytes(StandardCharsets.US_ASCII)))
              .filter(Station::enabled)
              .orElseThrow(() -> new AuthenticationFailedException("unknown station token"));
      return QuarkusSecurityIdentity.builder()
          .setPrincipal(new QuarkusPrincipal("station:" + station.id()))
          .addRole(Role.STATION.name())
          .addAttribute(Caller.ATTR_KIND, "STATION")
          .addAttribute(Caller.ATTR_ID, station.id())
          .addAttribute(Caller.ATTR_UNIT, station.unitId())
          .build();
    }
    TokenService.Verified verified = tokens.verify(token);
    if (verified == null) {
      throw new AuthenticationFailedException("invalid access token");
    }
    User user =
        accounts
            .userById(verified.userId())
            .filter(User::enabled)
            .filter(verified::forCurrentPassword)
            .orElseThrow(() -> new AuthenticationFailedException("access token no longer valid"));
    return userIdentity(user).build();
  }

  /** The identity of an enabled user: name, role, id and unit (as a bearer token gives it). */
  static QuarkusSecurityIdentity.Builder userIdentity(User user) {
    QuarkusSecurityIdentity.Builder identity =
        QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal(user.username()))
            .addRole(user.role().name())
            .addAttribute(Caller.ATTR_KIND, "USER")
            .addAttribute(Caller.ATTR_ID, user.id());
    if (user.unitId() != null) {
      identity.addAttribute(Caller.ATTR_UNIT, user.unitId());
    }
    return identity;
  }
}
