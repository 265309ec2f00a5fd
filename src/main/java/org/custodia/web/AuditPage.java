package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.custodia.error.CustodiaException;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.support.Cursors;
import org.custodia.trail.AuditTrail;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The audit log as pages: {@code /audit} (the event list, filtered and paged exactly as {@code GET
 * /api/v1/audit/events}, through the same {@link AuditTrail}) and {@code /audit/entries/{index}}
 * (one entry, checked in the browser by {@code static/audit-verify.js} from the API's entry, proof,
 * checkpoint and key). Roles: those of {@code /api/v1/audit}.
 */
@Path("/audit")
@Produces(MediaType.TEXT_HTML)
public class AuditPage {
  /** The filter as typed, to fill the form again and to build the next page's link. */
  public record Filter(
      String actorId,
      String targetType,
      String targetId,
      String type,
      String unitId,
      String from,
      String to,
      Integer limit) {
    /** The query string of this filter (without the cursor), for the next page's link. */
    public String query() {
      List<String> parts = new ArrayList<>();
      add(parts, "actorId", actorId);
      add(parts, "targetType", targetType);
      add(parts, "targetId", targetId);
      add(parts, "type", type);
      add(parts, "unitId", unitId);
      add(parts, "from", from);
      add(parts, "to", to);
      add(parts, "limit", limit == null ? null : limit.toString());
      return String.join("&", parts);
    }

    public boolean any() {
      return !query().isEmpty();
    }

    private static void add(List<String> parts, String name, String value) {
      if (value != null && !value.isBlank()) {
        parts.add(
            name
                + "="
                + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        Filter filter, boolean global, List<AuditViews.Row> rows, String next, boolean paged);

    static native TemplateInstance entry(long index);
  }

  private final AuditTrail trail;
  private final AuditViews views;
  private final Caller caller;

  AuditPage(AuditTrail trail, AuditViews views, Caller caller) {
    this.trail = trail;
    this.views = views;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance list(
      @QueryParam("actorId") String actorId,
      @QueryParam("targetType") String targetType,
      @QueryParam("targetId") String targetId,
      @QueryParam("type") String type,
      @QueryParam("unitId") String unitId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    Filter filter = new Filter(actorId, targetType, targetId, type, unitId, from, to, limit);
    UUID unit = null;
    if (unitId != null && !unitId.isBlank()) {
      try {
        unit = UUID.fromString(unitId.strip());
      } catch (IllegalArgumentException e) {
        throw CustodiaException.invalid("unitId", "unitId must be a UUID");
      }
    }
    AuditTrail.EventPage page =
        trail.events(
            new AuditTrail.Query(
                trim(targetType),
                trim(targetId),
                trim(actorId),
                trim(type),
                unit,
                dayStart("from", from, 0),
                dayStart("to", to, 1)),
            Cursors.limit(limit),
            cursor);
    return Templates.list(
        filter,
        caller.global(),
        views.rows(page.rows()),
        page.nextCursor(),
        cursor != null && !cursor.isBlank());
  }

  @GET
  @Path("/entries/{index}")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance entry(@PathParam("index") long index) {
    trail.entry(index); // another unit's entry: the translated 404 page, as the API answers
    return Templates.entry(index);
  }

  private static String trim(String s) {
    return s == null ? null : s.strip();
  }

  /** The start of a day (plus {@code days}) in the registry's zone; a period covers whole days. */
  private static Instant dayStart(String field, String value, int days) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip()).plusDays(days).atStartOfDay(Formats.zone()).toInstant();
    } catch (DateTimeParseException e) {
      throw CustodiaException.invalid(field, field + " must be a date (YYYY-MM-DD)");
    }
  }
}
