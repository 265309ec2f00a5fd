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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.CertificateStatus;
import org.custodia.dossier.CustodyPeriod;
import org.custodia.dossier.Device;
import org.custodia.dossier.DeviceResource;
import org.custodia.dossier.DeviceService;
import org.custodia.dossier.Officer;
import org.custodia.dossier.OfficerService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.security.Role;
import org.custodia.security.Unit;
import org.custodia.security.UnitService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Bodycams and their custody for administrators: {@code /devices} (who holds which device since
 * when) and {@code /devices/{id}} (its custody history and the handover, one action). Every action
 * calls {@link DeviceService}, as {@code /api/v1/devices} does, checked with the API's own body
 * constraints ({@link DeviceResource.Handover}); its refusals (already the custodian, overlapping
 * custody — also the database's exclusion constraint) are said in the page's language.
 */
@Path("/devices")
@Produces(MediaType.TEXT_HTML)
public class DevicesPage {
  static final int LIMIT = 200;

  /** A device as listed: unit, current custodian and since when. */
  public record Row(Device device, String unit, String custodian, Instant since) {}

  /** One custody period with the holder's name. */
  public record Period(CustodyPeriod period, String officer, boolean auxiliary) {}

  /** The device page. */
  public record View(
      Row row,
      List<Period> history,
      List<Officer> officers,
      Map<String, String> errors,
      String officerId,
      String from,
      String reason) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        List<Row> rows, String q, List<Unit> units, String unit, String next);

    static native TemplateInstance detail(View view);

    static native TemplateInstance handover(View view);
  }

  private final DeviceService devices;
  private final OfficerService officers;
  private final UnitService units;
  private final Validator validator;

  DevicesPage(
      DeviceService devices, OfficerService officers, UnitService units, Validator validator) {
    this.devices = devices;
    this.officers = officers;
    this.units = units;
    this.validator = validator;
  }

  @GET
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public TemplateInstance list(
      @QueryParam("q") String q,
      @QueryParam("unit") UUID unit,
      @QueryParam("cursor") String cursor) {
    String query = q == null || q.isBlank() ? null : q.strip();
    if (query != null && query.length() > 200) {
      throw CustodiaException.invalid("q", "q is too long");
    }
    Names names = new Names();
    List<Row> rows = new ArrayList<>();
    org.custodia.support.Page<Device> found =
        devices.list(unit, query, null, org.custodia.support.Cursors.decode(cursor), LIMIT);
    for (Device d : found.items()) {
      rows.add(row(d, names));
    }
    return Templates.list(
        rows,
        query == null ? "" : query,
        units.list(null, null, null, LIMIT),
        unit == null ? "" : unit.toString(),
        found.nextCursor());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public TemplateInstance detail(@PathParam("id") UUID id) {
    return Templates.detail(view(id, Map.of(), "", "", ""));
  }

  /** Hands the device over (htmx POST with the CSRF token); the page again, or the form refused. */
  @POST
  @Path("/{id}/custody")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public Response handOver(
      @PathParam("id") UUID id,
      @FormParam("officerId") String officerId,
      @FormParam("from") String from,
      @FormParam("reason") String reason) {
    devices.get(id);
    Map<String, String> errors = new LinkedHashMap<>();
    UUID officer = null;
    try {
      officer = UUID.fromString(officerId == null ? "" : officerId);
    } catch (IllegalArgumentException e) {
      errors.put("officerId", "officer");
    }
    Instant start = null;
    if (from != null && !from.isBlank()) {
      try {
        start = LocalDateTime.parse(from.strip()).atZone(Formats.zone()).toInstant();
      } catch (DateTimeParseException e) {
        errors.put("from", "time");
      }
    }
    String why = reason == null || reason.isBlank() ? null : reason;
    DeviceResource.Handover body = new DeviceResource.Handover(officer, start, null, why);
    for (ConstraintViolation<DeviceResource.Handover> v : validator.validate(body)) {
      errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage());
    }
    int status = 400;
    if (errors.isEmpty()) {
      try {
        devices.handOver(id, officer, start == null ? Instant.now() : start, null, why);
        return Response.ok().header("HX-Redirect", "/devices/" + id).build();
      } catch (CustodiaException e) {
        if (e.problem() == ProblemType.CUSTODY_OVERLAP) {
          errors.put("from", "overlap");
          status = 409;
        } else if (e.problem() == ProblemType.ALREADY_CUSTODIAN) {
          errors.put("officerId", "already");
          status = 409;
        } else if (e.problem() == ProblemType.AUXILIARY_NOT_RESPONSIBLE
            || e.problem() == ProblemType.OFFICER_NOT_CERTIFIED
            || e.problem() == ProblemType.OFFICER_UNKNOWN) {
          errors.put("officerId", "custodian");
          status = e.problem().status();
        } else if (e.problem() == ProblemType.INVALID_REQUEST && e.field() != null) {
          errors.put(e.field(), "to".equals(e.field()) ? e.getMessage() : "officer");
        } else {
          throw e;
        }
      }
    }
    return StationsPage.html(
        status,
        Templates.handover(
            view(
                id,
                errors,
                officerId == null ? "" : officerId,
                from == null ? "" : from,
                reason == null ? "" : reason)));
  }

  private View view(
      UUID id, Map<String, String> errors, String officerId, String from, String reason) {
    Device d = devices.get(id);
    Names names = new Names();
    List<Period> history = new ArrayList<>();
    for (CustodyPeriod p : devices.custody(id).reversed()) {
      Officer o = names.officer(p.officerId());
      history.add(new Period(p, o == null ? "" : o.name(), o != null && o.auxiliary()));
    }
    List<Officer> candidates =
        officers.list(d.unitId(), null, null, null, null, 500).items().stream()
            .filter(o -> !o.id().equals(d.custodianOfficerId()))
            .filter(o -> !o.auxiliary() && o.certificateStatus() != CertificateStatus.RED)
            .toList();
    return new View(row(d, names), history, candidates, errors, officerId, from, reason);
  }

  private Row row(Device d, Names names) {
    Officer custodian =
        d.custodianOfficerId() == null ? null : names.officer(d.custodianOfficerId());
    Instant since = null;
    if (custodian != null) {
      List<CustodyPeriod> periods = devices.custody(d.id());
      for (CustodyPeriod p : periods) {
        if (p.to() == null) {
          since = p.from();
        }
      }
    }
    return new Row(d, names.unit(d.unitId()), custodian == null ? "" : custodian.name(), since);
  }

  /** Names looked up once per request. */
  private final class Names {
    private final Map<UUID, Officer> officerById = new HashMap<>();
    private final Map<UUID, String> unitById = new HashMap<>();

    Officer officer(UUID id) {
      return officerById.computeIfAbsent(
          id,
          k -> {
            try {
              return officers.get(k);
            } catch (CustodiaException e) {
              return null;
            }
          });
    }

    String unit(UUID id) {
      return unitById.computeIfAbsent(id, k -> units.byId(k).map(Unit::name).orElse(""));
    }
  }
}
