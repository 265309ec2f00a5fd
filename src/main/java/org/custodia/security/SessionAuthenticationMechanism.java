package org.custodia.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads the browser session cookie ({@value SessionCookie#NAME}) on every request, so that pages,
 * the API and the media a {@code <video>}, {@code <img>} or {@code <track>} element fetches (which
 * cannot send a bearer header) are authenticated alike. A bearer token wins: with an {@code
 * Authorization} header the cookie is not read. A cookie that no longer names a usable session
 * leaves the request anonymous (pages then send the browser to sign in; the API answers 401).
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    if (context.request().getHeader("Authorization") != null) {
      return Uni.createFrom().nullItem();
    }
    Cookie cookie = context.request().getCookie(SessionCookie.NAME);
    if (cookie == null || cookie.getValue().isEmpty()) {
      return Uni.createFrom().nullItem();
    }
    return identityProviderManager
        .authenticate(new SessionAuthenticationRequest(cookie.getValue()))
        .onFailure(AuthenticationFailedException.class)
        .recoverWithNull();
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(SessionAuthenticationRequest.class);
  }

  /** Below the bearer mechanism (default priority): a bearer header is tried first. */
  @Override
  public int getPriority() {
    return DEFAULT_PRIORITY - 100;
  }
}
