package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.CertificateEvent;
import org.custodia.dossier.CertificateStatus;
import org.custodia.dossier.Officer;
import org.custodia.dossier.OfficerResource;
import org.custodia.dossier.OfficerService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.security.Role;
import org.custodia.security.Unit;
import org.custodia.security.UnitService;
import org.custodia.security.User;
import org.custodia.security.UserService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Officers and auxiliary staff for administrators: {@code /admin/officers} (certificate state
 * RED/YELLOW/GREEN and validity, filterable by state) and {@code /officers/{id}} (the history of
 * certificate changes with their reasons, and the change itself). Calls {@link OfficerService} as
 * {@code /api/v1/officers} does, checked with the API's body constraints ({@link
 * OfficerResource.CertificateChange}). The list is {@link OfficerListPage}.
 */
@Path("/officers")
@Produces(MediaType.TEXT_HTML)
public class OfficersPage {
  static final int LIMIT = 200;
  static final List<String> STATES =
      Arrays.stream(CertificateStatus.values()).map(Enum::name).toList();

  /** An officer as listed. */
  public record Row(Officer officer, String unit) {}

  /** One change of certificate, with who made it. */
  public record Change(CertificateEvent event, String by) {}

  /** The officer's page. */
  public record View(
      Row row,
      List<Change> history,
      List<String> states,
      Map<String, String> errors,
      Map<String, String> typed,
      String selected) {}

  /**
   * The sign-in account acting as the officer: the linked one's name ({@code current}, null while
   * none), the unit's OFFICER accounts to choose from, and the form's state after a refusal.
   */
  public record Account(
      String current,
      List<User> candidates,
      String selected,
      String reason,
      String error,
      boolean saved) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        List<Row> rows,
        List<String> states,
        String status,
        List<Unit> units,
        String unit,
        String next);

    static native TemplateInstance detail(View view, Account account);

    static native TemplateInstance account(View view, Account account);

    static native TemplateInstance change(View view);
  }

  private final OfficerService officers;
  private final UnitService units;
  private final UserService users;
  private final Validator validator;

  OfficersPage(OfficerService officers, UnitService units, UserService users, Validator validator) {
    this.officers = officers;
    this.units = units;
    this.users = users;
    this.validator = validator;
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public TemplateInstance detail(@PathParam("id") UUID id) {
    View view = view(id, Map.of(), Map.of());
    return Templates.detail(view, account(view.row().officer(), null, "", null, false));
  }

  /**
   * Links the chosen OFFICER account of the unit to the officer, or unlinks it ({@code userId}
   * blank), with a required reason (htmx POST with the CSRF token): {@link
   * OfficerService#linkAccount}, as {@code PUT /api/v1/officers/{id}/account}. A refusal answers
   * 400 (no reason, an account the rules refuse) or 409 (the account acts as another officer) with
   * the form saying why.
   */
  @POST
  @Path("/{id}/account")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public Response linkAccount(
      @PathParam("id") UUID id,
      @FormParam("userId") String userId,
      @FormParam("reason") String reason) {
    Officer officer = officers.get(id);
    String typed = userId == null ? "" : userId.strip();
    String why = reason == null ? "" : reason;
    UUID user = null;
    String error = null;
    if (!typed.isEmpty()) {
      try {
        user = UUID.fromString(typed);
      } catch (IllegalArgumentException e) {
        error = "user";
      }
    }
    if (error == null && (why.isEmpty() || why.length() > 1000)) {
      error = "reason";
    }
    int code = 400;
    if (error == null) {
      try {
        Officer linked = officers.linkAccount(id, user, why);
        View view = view(id, Map.of(), Map.of());
        return StationsPage.html(
            200, Templates.account(view, account(linked, null, "", null, true)));
      } catch (CustodiaException e) {
        if (e.problem() == ProblemType.ACCOUNT_ALREADY_LINKED) {
          error = "taken";
          code = 409;
        } else if (e.problem() == ProblemType.INVALID_REQUEST) {
          error = "reason".equals(e.field()) ? "reason" : "user";
        } else {
          throw e;
        }
      }
    }
    View view = view(id, Map.of(), Map.of());
    return StationsPage.html(
        code, Templates.account(view, account(officer, typed, why, error, false)));
  }

  private Account account(
      Officer officer, String selected, String reason, String error, boolean saved) {
    String current =
        officer.userId() == null
            ? null
            : users.byId(officer.userId()).map(User::username).orElse(officer.userId().toString());
    List<User> candidates = new ArrayList<>();
    UUID after = null;
    while (true) {
      List<User> page = users.list(officer.unitId(), after, LIMIT);
      page.stream().filter(u -> u.role() == Role.OFFICER).forEach(candidates::add);
      if (page.size() < LIMIT) {
        break;
      }
      after = page.getLast().id();
    }
    String chosen =
        selected != null ? selected : officer.userId() == null ? "" : officer.userId().toString();
    return new Account(current, candidates, chosen, reason, error, saved);
  }

  /**
   * Changes the certificate (htmx POST with the CSRF token); a reason is required, as in the API.
   */
  @POST
  @Path("/{id}/certificate")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public Response change(
      @PathParam("id") UUID id,
      @FormParam("status") String status,
      @FormParam("validFrom") String validFrom,
      @FormParam("validUntil") String validUntil,
      @FormParam("nextReviewDate") String nextReviewDate,
      @FormParam("reason") String reason) {
    officers.get(id);
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, String> typed = new LinkedHashMap<>();
    typed.put("status", status == null ? "" : status);
    typed.put("validFrom", validFrom == null ? "" : validFrom);
    typed.put("validUntil", validUntil == null ? "" : validUntil);
    typed.put("nextReviewDate", nextReviewDate == null ? "" : nextReviewDate);
    typed.put("reason", reason == null ? "" : reason);
    CertificateStatus s = STATES.contains(status) ? CertificateStatus.valueOf(status) : null;
    LocalDate from = date(validFrom, "validFrom", errors);
    LocalDate until = date(validUntil, "validUntil", errors);
    LocalDate review = date(nextReviewDate, "nextReviewDate", errors);
    String why = reason;
    OfficerResource.CertificateChange body =
        new OfficerResource.CertificateChange(s, from, until, review, why);
    for (ConstraintViolation<OfficerResource.CertificateChange> v : validator.validate(body)) {
      errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage());
    }
    int code = 400;
    if (errors.isEmpty()) {
      try {
        officers.changeCertificate(
            id, new OfficerService.CertificateChange(s, from, until, review, why));
        return Response.ok().header("HX-Redirect", "/officers/" + id).build();
      } catch (CustodiaException e) {
        if (e.problem() == ProblemType.AUXILIARY_NOT_RESPONSIBLE) {
          errors.put("status", e.getMessage());
          code = 422;
        } else if (e.problem() == ProblemType.INVALID_REQUEST && e.field() != null) {
          errors.put(e.field(), e.getMessage());
        } else {
          throw e;
        }
      }
    }
    return StationsPage.html(code, Templates.change(view(id, errors, typed)));
  }

  private static LocalDate date(String value, String field, Map<String, String> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.put(field, "date");
      return null;
    }
  }

  private View view(UUID id, Map<String, String> errors, Map<String, String> typed) {
    Officer o = officers.get(id);
    Map<String, String> byName = new HashMap<>();
    List<Change> history =
        officers.history(id).reversed().stream()
            .map(e -> new Change(e, userName(byName, e.changedBy())))
            .toList();
    String selected =
        typed.containsKey("status")
            ? typed.get("status")
            : o.certificateStatus() == null ? "" : o.certificateStatus().name();
    return new View(
        new Row(o, unitName(new HashMap<>(), o.unitId())),
        history,
        STATES,
        errors,
        typed,
        selected);
  }

  private String unitName(Map<UUID, String> cache, UUID unit) {
    return cache.computeIfAbsent(unit, k -> units.byId(k).map(Unit::name).orElse(""));
  }

  private String userName(Map<String, String> cache, String id) {
    if (id == null) {
      return "";
    }
    return cache.computeIfAbsent(
        id,
        k -> {
          try {
            return users.byId(UUID.fromString(k)).map(u -> u.username()).orElse(k);
          } catch (IllegalArgumentException e) {
            return k;
          }
        });
  }
}
