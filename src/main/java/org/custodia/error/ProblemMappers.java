package org.custodia.error;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import org.custodia.security.DenialRecorder;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become {@code application/problem+json}. No stack trace or class
 * name ever reaches a client; unexpected failures are logged with the request path and answered
 * with a generic 500.
 */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @Inject UriInfo uriInfo;
  @Inject DenialRecorder denials;

  @ServerExceptionMapper
  public Response custodia(CustodiaException e) {
    return toResponse(e, path());
  }

  /** The problem response of a {@link CustodiaException} (also used by resource-local mappers). */
  public static Response toResponse(CustodiaException e, String instance) {
    Response.ResponseBuilder builder =
        Response.status(e.status())
            .type(Problem.MEDIA_TYPE)
            .entity(
                new Problem(
                    Problem.TYPE_BASE + e.type(),
                    e.title(),
                    e.status(),
                    e.detail(),
                    e.field(),
                    instance,
                    null));
    if (e instanceof RetryableException r) {
      builder.header("Retry-After", r.retryAfterSeconds());
    } else if (e instanceof org.custodia.security.TooManyAttemptsException t) {
      builder.header("Retry-After", t.retryAfterSeconds());
    }
    return builder.build();
  }

  @ServerExceptionMapper
  public Response database(org.custodia.support.DatabaseException e) {
    CustodiaException problem = e.toProblem();
    if (problem.status() >= 500) {
      LOG.errorf(e, "database failure on %s (SQLSTATE %s)", path(), e.sqlState());
    }
    return custodia(problem);
  }

  @ServerExceptionMapper
  public Response validation(ConstraintViolationException e) {
    List<Problem.FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .toList();
    String field = errors.isEmpty() ? null : errors.get(0).field();
    String detail = errors.isEmpty() ? "invalid request" : field + ": " + errors.get(0).message();
    return respond(400, "invalid-request", "Invalid request", detail, field, errors).build();
  }

  @ServerExceptionMapper
  public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
    return unreadable(e);
  }

  @ServerExceptionMapper
  public Response unreadable(com.fasterxml.jackson.core.JsonProcessingException e) {
    String field = null;
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m
        && !m.getPath().isEmpty()) {
      field =
          m.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
              .collect(java.util.stream.Collectors.joining("."));
    }
    String detail =
        field == null
            ? "the request body is not valid JSON"
            : field + ": value has the wrong type or format";
    return respond(400, "invalid-request", "Invalid request", detail, field, null).build();
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e) {
    denials.denied(401, path());
    return respond(
            401,
            "unauthorized",
            "Authentication required",
            "a valid bearer token is required",
            null,
            null)
        .header("WWW-Authenticate", "Bearer")
        .build();
  }

  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e) {
    denials.denied(401, path());
    return respond(
            401,
            "unauthorized",
            "Authentication required",
            "the bearer token is not valid",
            null,
            null)
        .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    denials.denied(403, path());
    return respond(403, "forbidden", "Forbidden", "your role may not do this", null, null).build();
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (e instanceof NotFoundException) {
      return respond(404, "not-found", "Not found", "no such resource", null, null).build();
    }
    if (e instanceof NotAllowedException) {
      return respond(
              405,
              "method-not-allowed",
              "Method not allowed",
              "method not allowed on this resource",
              null,
              null)
          .build();
    }
    if (e instanceof NotSupportedException) {
      return respond(
              415,
              "unsupported-media-type",
              "Unsupported media type",
              "unsupported content type",
              null,
              null)
          .build();
    }
    if (status >= 500) {
      LOG.errorf(e, "request to %s failed", path());
      return respond(
              500,
              "internal-error",
              "Internal error",
              "the request could not be completed",
              null,
              null)
          .build();
    }
    String detail = status == 400 ? "malformed request body or parameter" : "request refused";
    return respond(
            status,
            status == 400 ? "invalid-request" : "http-" + status,
            Response.Status.fromStatusCode(status) == null
                ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(),
            detail,
            null,
            null)
        .build();
  }

  @ServerExceptionMapper(priority = 10_000)
  public Response unexpected(Throwable e) {
    LOG.errorf(e, "unexpected failure on %s", path());
    return respond(
            500,
            "internal-error",
            "Internal error",
            "the request could not be completed",
            null,
            null)
        .build();
  }

  private Response.ResponseBuilder respond(
      int status,
      String type,
      String title,
      String detail,
      String field,
      List<Problem.FieldError> errors) {
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(
            new Problem(Problem.TYPE_BASE + type, title, status, detail, field, path(), errors));
  }

  private String path() {
    try {
      return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String fieldOf(ConstraintViolation<?> v) {
    // property paths look like "create.request.username": drop the method and parameter names
    String path = v.getPropertyPath().toString();
    String[] parts = path.split("\\.");
    return parts.length > 2
        ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
        : parts[parts.length - 1];
  }
}
