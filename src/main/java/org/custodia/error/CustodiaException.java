package org.custodia.error;

/**
 * Root of every failure the service reports to a client. Each carries a stable problem {@code type}
 * (a URI path segment under {@code /problems/}), an HTTP status, a human title and, where one
 * applies, the field at fault. Mapped to {@code application/problem+json} by {@link
 * ProblemMappers}.
 */
public class CustodiaException extends RuntimeException {
  private final String type;
  private final int status;
  private final String title;
  private final String field;

  public CustodiaException(int status, String type, String title, String detail, String field) {
    super(detail);
    this.type = type;
    this.status = status;
    this.title = title;
    this.field = field;
  }

  public CustodiaException(int status, String type, String title, String detail) {
    this(status, type, title, detail, null);
  }

  public String type() {
    return type;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public String field() {
    return field;
  }

  public static CustodiaException notFound(String what) {
    return new CustodiaException(404, "not-found", "Not found", what + " not found");
  }

  public static CustodiaException invalid(String field, String detail) {
    return new CustodiaException(400, "invalid-request", "Invalid request", detail, field);
  }

  public static CustodiaException conflict(String type, String detail, String field) {
    return new CustodiaException(409, type, "Conflict", detail, field);
  }
}
