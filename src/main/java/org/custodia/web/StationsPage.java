package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.Device;
import org.custodia.dossier.DeviceService;
import org.custodia.error.CustodiaException;
import org.custodia.ingest.UploadService;
import org.custodia.security.Role;
import org.custodia.security.Station;
import org.custodia.security.StationService;
import org.custodia.security.Unit;
import org.custodia.security.UnitService;
import org.custodia.support.Text;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Docking stations for administrators: {@code /stations} lists them with their health, registers
 * one (its token shown once, with a configuration snippet), rotates or revokes a token. Every
 * action calls {@link StationService}, exactly as {@code /api/v1/stations} does.
 */
@Path("/stations")
@Produces(MediaType.TEXT_HTML)
public class StationsPage {
  static final int LIMIT = 200;

  /** A station as the list shows it, with its unit and health facts. */
  public record Row(
      Station station,
      String unit,
      UploadService.StationHealth health,
      List<Device> offsets,
      Instant lastContact) {}

  /** A token just issued, with the snippet a station is configured with. */
  public record Issued(Station station, String token, String baseUrl, String snippet) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        List<Row> rows, List<Unit> units, Map<String, String> errors);

    static native TemplateInstance issued(Issued issued);

    static native TemplateInstance register(
        List<Unit> units, Map<String, String> errors, String name, String location);
  }

  private final StationService stations;
  private final UnitService units;
  private final UploadService uploads;
  private final DeviceService devices;

  StationsPage(
      StationService stations, UnitService units, UploadService uploads, DeviceService devices) {
    this.stations = stations;
    this.units = units;
    this.uploads = uploads;
    this.devices = devices;
  }

  @GET
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public TemplateInstance list() {
    Map<UUID, String> unitNames = new LinkedHashMap<>();
    List<Unit> all = units.list(null, null, null, LIMIT);
    all.forEach(u -> unitNames.put(u.id(), u.name()));
    Instant dayStart =
        java.time.LocalDate.now(Formats.zone()).atStartOfDay(Formats.zone()).toInstant();
    List<Row> rows = new ArrayList<>();
    for (Station s : stations.list(null, LIMIT)) {
      UploadService.StationHealth health = uploads.stationHealth(s.id(), dayStart);
      List<Device> offsets = devices.offsetsReportedBy(s.id());
      Instant last = health.lastUpload();
      for (Device d : offsets) {
        if (last == null || d.clockOffsetReportedAt().isAfter(last)) {
          last = d.clockOffsetReportedAt();
        }
      }
      rows.add(new Row(s, unitNames.getOrDefault(s.unitId(), ""), health, offsets, last));
    }
    return Templates.list(rows, all, Map.of());
  }

  /** Registers a station (htmx POST with the CSRF token); answers its token, shown this once. */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public Response register(
      @FormParam("unitId") String unitId,
      @FormParam("name") String name,
      @FormParam("location") String location,
      @Context UriInfo uri) {
    Map<String, String> errors = new LinkedHashMap<>();
    UUID unit = null;
    try {
      unit = UUID.fromString(unitId == null ? "" : unitId);
    } catch (IllegalArgumentException e) {
      errors.put("unitId", "unit");
    }
    String n = name == null ? "" : name;
    String l = location == null || location.isBlank() ? null : location;
    if (n.isBlank()) {
      errors.put("name", "required");
    } else if (Text.padded(n)) {
      errors.put("name", "padded");
    } else if (n.length() > 200) {
      errors.put("name", "tooLong");
    }
    if (l != null && l.length() > 500) {
      errors.put("location", "tooLong");
    }
    if (errors.isEmpty()) {
      try {
        return html(200, Templates.issued(issued(stations.create(unit, n, l), uri)));
      } catch (CustodiaException e) {
        if (!"unitId".equals(e.field())) {
          throw e;
        }
        errors.put("unitId", "unit");
      }
    }
    return html(
        400,
        Templates.register(
            units.list(null, null, null, LIMIT),
            errors,
            name == null ? "" : name,
            location == null ? "" : location));
  }

  /** A new token; the old one stops working at once. */
  @POST
  @Path("/{id}/token")
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public Response rotate(@PathParam("id") UUID id, @Context UriInfo uri) {
    return html(200, Templates.issued(issued(stations.rotate(id), uri)));
  }

  /** Revokes the station's token; the list is shown again. */
  @POST
  @Path("/{id}/revoke")
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public Response revoke(@PathParam("id") UUID id) {
    stations.revoke(id);
    return Response.ok().header("HX-Redirect", "/stations").build();
  }

  static Issued issued(StationService.Issued issued, UriInfo uri) {
    String base = uri.getBaseUri().toString().replaceAll("/+$", "");
    String snippet =
        "# custodia-station.properties ("
            + issued.station().name()
            + ")\n"
            + "custodia.url="
            + base
            + "\n"
            + "custodia.station-id="
            + issued.station().id()
            + "\n"
            + "custodia.token="
            + issued.token()
            + "\n"
            + "custodia.tus-endpoint="
            + base
            + "/api/v1/uploads\n";
    return new Issued(issued.station(), issued.token(), base, snippet);
  }

  static Response html(int status, TemplateInstance page) {
    return Response.status(status)
        .entity(page)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .build();
  }
}
