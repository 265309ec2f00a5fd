package org.custodia.support;

import jakarta.ws.rs.BadRequestException;

/** A query or header parameter that does not parse: a 400 naming it, never a 404. */
public class InvalidParameterException extends BadRequestException {
  private final String parameter;

  public InvalidParameterException(String parameter, String detail) {
    super(detail);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
