package org.custodia.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * RFC 9457 problem details. {@code type} is stable and documented; {@code field} names the
 * offending input where there is one; {@code errors} lists every violated constraint.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String field,
    String instance,
    List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final String TYPE_BASE = "https://custodia.example/problems/";

  public record FieldError(String field, String message) {}
}
