package org.custodia.support;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.custodia.error.ProblemMappers;
import org.custodia.error.ProblemType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A parameter that does not parse: 400 invalid-request naming it. */
public class ParameterProblemMapper {
  @Inject UriInfo uriInfo;

  @ServerExceptionMapper
  public Response invalidParameter(InvalidParameterException e) {
    String path;
    try {
      path = uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
    } catch (RuntimeException unavailable) {
      path = null;
    }
    return ProblemMappers.problem(
            ProblemType.INVALID_REQUEST, null, e.getMessage(), e.parameter(), path, null)
        .build();
  }
}
