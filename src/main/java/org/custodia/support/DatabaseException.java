package org.custodia.support;

import java.sql.SQLException;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;

/**
 * A database failure. Constraint violations surface as 409 with the constraint's name; a lost
 * connection as 503 so that clients retry; anything else as 500.
 */
public class DatabaseException extends RuntimeException {
  private final String sqlState;
  private final String constraint;

  public DatabaseException(SQLException cause) {
    super("database operation failed", cause);
    this.sqlState = cause.getSQLState();
    this.constraint =
        cause instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
            ? p.getServerErrorMessage().getConstraint()
            : null;
  }

  public String sqlState() {
    return sqlState;
  }

  public String constraint() {
    return constraint;
  }

  /** Whether this is a unique-key violation (SQLSTATE 23505). */
  public boolean uniqueViolation() {
    return "23505".equals(sqlState);
  }

  public CustodiaException toProblem() {
    if (uniqueViolation()) {
      return new CustodiaException(
          ProblemType.DUPLICATE, "a record with the same key exists", constraint);
    }
    if (sqlState != null && sqlState.startsWith("23")) {
      return new CustodiaException(
          ProblemType.CONSTRAINT_VIOLATED, "the request breaks a rule of the data", constraint);
    }
    if (sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"))) {
      return new CustodiaException(
          ProblemType.DATABASE_UNAVAILABLE, "the database is unavailable, retry later");
    }
    return new CustodiaException(ProblemType.INTERNAL_ERROR, "the request could not be completed");
  }
}
