package org.custodia.error;

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

  @ServerExceptionMapper
  public Response custodia(CustodiaException e) {
    return toResponse(e, path());
  }

  /** The problem response of a {@link CustodiaException} (also used by resource-local mappers). */
  public static Response toResponse(CustodiaException e, String instance) {
    Response.ResponseBuilder builder =
        problem(e.problem(), e.title(), e.detail(), e.field(), instance, null);
    e.retryAfterSeconds().ifPresent(seconds -> builder.header("Retry-After", seconds));
    return builder.build();
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper()
          .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

  /** The problem body as JSON text, for answers given below JAX-RS (Vert.x handlers). */
  public static String json(ProblemType problem, String detail, String instance) {
    try {
      return JSON.writeValueAsString(
          new Problem(
              Problem.TYPE_BASE + problem.type(),
              problem.title(),
              problem.status(),
              detail,
              null,
              instance,
              null));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A problem response of the catalogue's {@code problem}, for mappers of other exceptions. */
  public static Response.ResponseBuilder problem(
      ProblemType problem,
      String title,
      String detail,
      String field,
      String instance,
      List<Problem.FieldError> errors) {
    return problem(
        problem.status(),
        problem.type(),
        title == null ? problem.title() : title,
        detail,
        field,
        instance,
        errors);
  }

  private static Response.ResponseBuilder problem(
      int status,
      String type,
      String title,
      String detail,
      String field,
      String instance,
      List<Problem.FieldError> errors) {
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(
            new Problem(Problem.TYPE_BASE + type, title, status, detail, field, instance, errors));
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
    return problem(ProblemType.INVALID_REQUEST, null, detail, field, path(), errors).build();
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
    String detail;
    if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f
        && f.getTargetType() == String.class
        && field != null) {
      // text that cannot be stored exactly: the reason is ours, not Jackson's
      detail = field + " " + f.getOriginalMessage();
    } else if (field == null
        && String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
      detail =
          "a member appears twice: "
              + e.getOriginalMessage().substring("Duplicate field ".length());
    } else {
      detail =
          field == null
              ? "the request body is not valid JSON"
              : field + ": value has the wrong type or format";
    }
    return problem(ProblemType.INVALID_REQUEST, null, detail, field, path(), null).build();
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (e instanceof NotFoundException) {
      return respond(ProblemType.NOT_FOUND, "no such resource").build();
    }
    if (e instanceof NotAllowedException) {
      return respond(ProblemType.METHOD_NOT_ALLOWED, "method not allowed on this resource").build();
    }
    if (e instanceof NotSupportedException) {
      return respond(ProblemType.UNSUPPORTED_MEDIA_TYPE, "unsupported content type").build();
    }
    if (status == 400
        && e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
      return unreadable(j);
    }
    if (status >= 500) {
      LOG.errorf(e, "request to %s failed", path());
      return respond(ProblemType.INTERNAL_ERROR, "the request could not be completed").build();
    }
    Response.Status known = Response.Status.fromStatusCode(status);
    return problem(
            status,
            status == 400 ? ProblemType.INVALID_REQUEST.type() : "http-" + status,
            known == null ? "Error" : known.getReasonPhrase(),
            status == 400 ? "malformed request body or parameter" : "request refused",
            null,
            path(),
            null)
        .build();
  }

  @ServerExceptionMapper(priority = 10_000)
  public Response unexpected(Throwable e) {
    LOG.errorf(e, "unexpected failure on %s", path());
    return respond(ProblemType.INTERNAL_ERROR, "the request could not be completed").build();
  }

  private Response.ResponseBuilder respond(ProblemType problem, String detail) {
    return problem(problem, null, detail, null, path(), null);
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
