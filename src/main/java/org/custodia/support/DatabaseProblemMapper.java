package org.custodia.support;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemMappers;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Database failures as problems: a broken rule 409/422, a lost database 503, the rest 500. */
public class DatabaseProblemMapper {
  private static final Logger LOG = Logger.getLogger(DatabaseProblemMapper.class);

  @Inject UriInfo uriInfo;

  @ServerExceptionMapper
  public Response database(DatabaseException e) {
    CustodiaException problem = e.toProblem();
    String path = path();
    if (problem.problem().status() >= 500) {
      LOG.errorf(e, "database failure on %s (SQLSTATE %s)", path, e.sqlState());
    }
    return ProblemMappers.toResponse(problem, path);
  }

  private String path() {
    try {
      return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
