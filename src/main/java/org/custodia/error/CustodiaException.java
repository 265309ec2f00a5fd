package org.custodia.error;

import java.util.OptionalLong;

/**
 * Root of every failure the service reports to a client. It names the problem ({@link
 * ProblemType}), says what went wrong ({@code detail}) and, where one applies, the field at fault;
 * it carries nothing of HTTP. {@link ProblemMappers} turns it into {@code application/problem+json}
 * through the catalogue. Features subclass it where the failure carries facts of its own (the
 * server's offset, the computed hashes, how long to wait).
 */
public class CustodiaException extends RuntimeException {
  private final ProblemType problem;
  private final String title;
  private final String field;

  public CustodiaException(ProblemType problem, String detail) {
    this(problem, null, detail, null);
  }

  public CustodiaException(ProblemType problem, String detail, String field) {
    this(problem, null, detail, field);
  }

  /** With a title more specific than the catalogue's (one rule, several ways to break it). */
  public CustodiaException(ProblemType problem, String title, String detail, String field) {
    super(detail);
    this.problem = problem;
    this.title = title;
    this.field = field;
  }

  public ProblemType problem() {
    return problem;
  }

  public String title() {
    return title == null ? problem.title() : title;
  }

  public String detail() {
    return getMessage();
  }

  public String field() {
    return field;
  }

  /** How long the client should wait before retrying; the catalogue's default unless overridden. */
  public OptionalLong retryAfterSeconds() {
    return problem.retryAfterSeconds();
  }

  public static CustodiaException notFound(String what) {
    return new CustodiaException(ProblemType.NOT_FOUND, what + " not found");
  }

  public static CustodiaException invalid(String field, String detail) {
    return new CustodiaException(ProblemType.INVALID_REQUEST, detail, field);
  }
}
