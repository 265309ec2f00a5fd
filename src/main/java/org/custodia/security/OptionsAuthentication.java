package org.custodia.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * JAX-RS answers OPTIONS by itself (an {@code Allow} header) on every resource without an
 * {@code @OPTIONS} method. That answer is no resource method, so no {@code @RolesAllowed} guards it
 * and {@code deny-unannotated-endpoints} does not see it: without this filter every API path
 * answered anonymous callers. Anonymous OPTIONS requests are refused like any other request (401
 * problem, audited by the exception mapper); authenticated ones go on to the resource, where an
 * explicit {@code @OPTIONS} method (tus) still checks its roles.
 */
public class OptionsAuthentication {
  private final CurrentIdentityAssociation identity;

  OptionsAuthentication(CurrentIdentityAssociation identity) {
    this.identity = identity;
  }

  @ServerRequestFilter(preMatching = true)
  public Uni<Void> requireIdentity(ContainerRequestContext request) {
    if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
      return Uni.createFrom().voidItem();
    }
    return identity
        .getDeferredIdentity()
        .onItem()
        .transformToUni(
            id ->
                id.isAnonymous()
                    ? Uni.createFrom().failure(new UnauthorizedException())
                    : Uni.createFrom().voidItem());
  }
}
