package org.custodia.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.custodia.error.ProblemMappers;
import org.custodia.error.ProblemType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Authentication and authorization failures: answered as problems, and every one audited. */
public class SecurityProblemMappers {
  @Inject DenialRecorder denials;
  @Inject UriInfo uriInfo;

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e) {
    denials.denied(401, path());
    return ProblemMappers.problem(
            ProblemType.UNAUTHORIZED, null, "a valid bearer token is required", null, path(), null)
        .header("WWW-Authenticate", "Bearer")
        .build();
  }

  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e) {
    denials.denied(401, path());
    return ProblemMappers.problem(
            ProblemType.UNAUTHORIZED, null, "the bearer token is not valid", null, path(), null)
        .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    denials.denied(403, path());
    return ProblemMappers.problem(
            ProblemType.FORBIDDEN, null, "your role may not do this", null, path(), null)
        .build();
  }

  private String path() {
    try {
      return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
