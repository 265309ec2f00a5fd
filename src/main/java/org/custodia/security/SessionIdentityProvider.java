package org.custodia.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a browser session cookie into the same identity a bearer token of that user gets (role and
 * unit from the database, checked on every request), plus the session's id and CSRF token.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionAuthenticationRequest> {
  private final BrowserSessionService sessions;

  SessionIdentityProvider(BrowserSessionService sessions) {
    this.sessions = sessions;
  }

  @Override
  public Class<SessionAuthenticationRequest> getRequestType() {
    return SessionAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      SessionAuthenticationRequest request, AuthenticationRequestContext context) {
    return context.runBlocking(() -> identify(request.token()));
  }

  private SecurityIdentity identify(String token) {
    BrowserSessionService.Active session =
        sessions
            .resolve(token)
            .orElseThrow(() -> new AuthenticationFailedException("no such browser session"));
    return BearerIdentityProvider.userIdentity(session.user())
        .addAttribute(Caller.ATTR_SESSION, session.id())
        .addAttribute(Caller.ATTR_CSRF, session.csrfToken())
        .build();
  }
}
