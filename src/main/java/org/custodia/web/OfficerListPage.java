package org.custodia.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.CertificateStatus;
import org.custodia.dossier.OfficerService;
import org.custodia.error.CustodiaException;
import org.custodia.security.Role;
import org.custodia.security.Unit;
import org.custodia.security.UnitService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /admin/officers}: officers and auxiliary staff with certificate state and validity,
 * filtered by state; each opens its {@link OfficersPage}.
 */
@Path("/admin/officers")
@Produces(MediaType.TEXT_HTML)
public class OfficerListPage {
  private final OfficerService officers;
  private final UnitService units;

  OfficerListPage(OfficerService officers, UnitService units) {
    this.officers = officers;
    this.units = units;
  }

  @GET
  @RolesAllowed(Role.ADMIN_)
  @Operation(hidden = true)
  public TemplateInstance list(
      @QueryParam("status") String status,
      @QueryParam("unit") UUID unit,
      @QueryParam("cursor") String cursor) {
    CertificateStatus only = null;
    if (status != null && !status.isEmpty()) {
      if (!OfficersPage.STATES.contains(status)) {
        throw CustodiaException.invalid("status", "status must be one of " + OfficersPage.STATES);
      }
      only = CertificateStatus.valueOf(status);
    }
    Map<UUID, String> unitNames = new HashMap<>();
    org.custodia.support.Page<org.custodia.dossier.Officer> found =
        officers.list(
            unit,
            null,
            null,
            only,
            org.custodia.support.Cursors.decode(cursor),
            OfficersPage.LIMIT);
    List<OfficersPage.Row> rows =
        found.items().stream()
            .map(o -> new OfficersPage.Row(o, unitName(unitNames, o.unitId())))
            .toList();
    return OfficersPage.Templates.list(
        rows,
        OfficersPage.STATES,
        status == null ? "" : status,
        units.list(null, null, null, OfficersPage.LIMIT),
        unit == null ? "" : unit.toString(),
        found.nextCursor());
  }

  private String unitName(Map<UUID, String> cache, UUID unit) {
    return cache.computeIfAbsent(unit, k -> units.byId(k).map(Unit::name).orElse(""));
  }
}
