package org.custodia.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.custodia.error.CustodiaException;

/** What the htmx forms of the retention, disposal and fixity pages share. */
final class PageForms {
  private PageForms() {}

  /** A page or fragment with its status (a refused form: 400 or 409 with the reason in it). */
  static Response html(int status, TemplateInstance page) {
    return Response.status(status)
        .entity(page)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .build();
  }

  /** Done: htmx loads {@code path} (one of ours; anything else goes to the start page). */
  static Response redirect(String path) {
    return Response.ok().header("HX-Redirect", SafeRedirect.target(path)).build();
  }

  /** A form field holding an id: 400 naming the field when it is none. */
  static UUID uuid(String value, String field) {
    try {
      return UUID.fromString(value == null ? "" : value.strip());
    } catch (IllegalArgumentException e) {
      throw CustodiaException.invalid(field, field + " is not a UUID");
    }
  }
}
