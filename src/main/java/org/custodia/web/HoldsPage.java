package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.retention.Hold;
import org.custodia.retention.HoldService;
import org.custodia.retention.RetentionBodies;
import org.custodia.security.Role;
import org.custodia.security.Unit;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The legal holds page ({@code /holds}: in force or lifted, by unit) and the hold forms of the
 * record, dossier, subject and holds pages: place ({@code POST /holds}) and lift ({@code POST
 * /holds/{id}/lift}), through {@link HoldService} exactly as {@code /api/v1/holds} — so the one who
 * placed a hold is refused its lift, in the page's language.
 */
@Path("/holds")
@Produces(MediaType.TEXT_HTML)
public class HoldsPage {
  static final int LIMIT = 100;

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        List<RetentionViews.HoldRow> rows,
        String state,
        List<Unit> units,
        UUID unit,
        boolean canPlace);

    static native TemplateInstance holdForm(
        String scope,
        String target,
        String back,
        String error,
        String reason,
        String until,
        String chosenScope);

    static native TemplateInstance liftForm(
        RetentionViews.HoldRow row, String back, String error, String reason);
  }

  private final HoldService holds;
  private final RetentionViews views;
  private final Validator validator;

  HoldsPage(HoldService holds, RetentionViews views, Validator validator) {
    this.holds = holds;
    this.views = views;
    this.validator = validator;
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance list(@QueryParam("state") String state, @QueryParam("unit") UUID unit) {
    String s = state == null || state.isBlank() ? "active" : state;
    Boolean active =
        switch (s) {
          case "active" -> true;
          case "lifted" -> false;
          case "all" -> null;
          default -> throw CustodiaException.invalid("state", "state is active, lifted or all");
        };
    List<RetentionViews.HoldRow> rows =
        holds.search(unit, null, null, active, null, LIMIT).items().stream()
            .map(views::row)
            .toList();
    return Templates.list(rows, s, views.units(), unit, views.canChange());
  }

  /**
   * Places a hold (htmx POST with the CSRF token) through the same service and body constraints as
   * {@code POST /api/v1/holds}; {@code until} is a day (the hold runs to its end), empty for open
   * ended. Done: the page the form was on again. Refused: the form with the reason (400).
   */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(hidden = true)
  public Response place(
      @FormParam("scope") String scope,
      @FormParam("targetId") String targetId,
      @FormParam("reason") String reason,
      @FormParam("until") String until,
      @FormParam("back") String back,
      @FormParam("fixed") String fixed) {
    String typed = reason == null ? "" : reason;
    String day = until == null ? "" : until.strip();
    String target = targetId == null ? "" : targetId.strip();
    String s = scope == null ? "" : scope;
    String formScope = "true".equals(fixed) ? s : "";
    Hold.Scope parsed;
    try {
      parsed = Hold.Scope.valueOf(s);
    } catch (IllegalArgumentException e) {
      throw CustodiaException.invalid("scope", "scope must be EVIDENCE, CASE or SUBJECT");
    }
    String error = null;
    UUID id = null;
    Instant end = null;
    try {
      id = UUID.fromString(target);
    } catch (IllegalArgumentException e) {
      error = "target";
    }
    if (error == null && !day.isEmpty()) {
      try {
        end = LocalDate.parse(day).plusDays(1).atStartOfDay(Formats.zone()).toInstant();
      } catch (DateTimeParseException e) {
        error = "until";
      }
    }
    if (error == null && typed.isBlank()) {
      error = "reason";
    }
    if (error == null
        && !validator.validate(new RetentionBodies.NewHold(parsed, id, typed, end)).isEmpty()) {
      error = typed.length() > 1000 ? "reasonTooLong" : "until";
    }
    if (error == null) {
      try {
        holds.place(parsed, id, typed, end);
        return PageForms.redirect(back);
      } catch (CustodiaException e) {
        if (e.problem() == ProblemType.INVALID_REQUEST && "until".equals(e.field())) {
          error = "until";
        } else if (e.problem() == ProblemType.NOT_FOUND && formScope.isEmpty()) {
          error = "target";
        } else {
          throw e;
        }
      }
    }
    return PageForms.html(400, Templates.holdForm(formScope, target, back, error, typed, day, s));
  }

  /**
   * Lifts a hold (htmx POST with the CSRF token), as {@code POST /api/v1/holds/{id}/lift}: a reason
   * is required (400), and the one who placed it, or a hold lifted already, is refused (409) with
   * the reason next to the form.
   */
  @POST
  @Path("/{id}/lift")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(hidden = true)
  public Response lift(
      @PathParam("id") UUID id,
      @FormParam("reason") String reason,
      @FormParam("back") String back) {
    String typed = reason == null ? "" : reason;
    PageForms.Refused refused =
        PageForms.decide(
            typed,
            validator.validate(new RetentionBodies.Lift(typed)).isEmpty(),
            () -> holds.lift(id, typed),
            Map.of(ProblemType.HOLD_SELF_LIFT, "selfLift", ProblemType.HOLD_LIFTED, "lifted"));
    if (refused == null) {
      return PageForms.redirect(back);
    }
    return PageForms.html(
        refused.status(),
        Templates.liftForm(views.row(holds.get(id)), back, refused.error(), typed));
  }
}
