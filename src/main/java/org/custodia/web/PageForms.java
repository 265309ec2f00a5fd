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

  /** A refused form: what to say (a message key) and the status. */
  record Refused(String error, int status) {}

  /**
   * Runs a decision that states its reason (a lift, an approval): refused with 400 when the reason
   * is blank or {@code valid} is false (the body constraints refused it: too long), with the
   * service's status when it answers one of {@code refusals}; null when done.
   */
  static Refused decide(
      String reason,
      boolean valid,
      Runnable action,
      java.util.Map<org.custodia.error.ProblemType, String> refusals) {
    if (reason.isBlank()) {
      return new Refused("reasonRequired", 400);
    }
    if (!valid) {
      return new Refused("reasonTooLong", 400);
    }
    try {
      action.run();
      return null;
    } catch (CustodiaException e) {
      String error = refusals.get(e.problem());
      if (error == null) {
        throw e;
      }
      return new Refused(error, e.problem().status());
    }
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
