package org.custodia.statistics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Yearly enforcement statistics (执法统计年报). */
@Path("/api/v1/statistics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statistics")
public class StatisticsResource {
  static final String CSV = "text/csv; charset=UTF-8";

  private final StatisticsService statistics;

  StatisticsResource(StatisticsService statistics) {
    this.statistics = statistics;
  }

  @APIResponse(responseCode = "200", description = "the figures with their counting rules")
  @APIResponse(
      responseCode = "400",
      description = "year: in the future or before the archive's first record")
  @APIResponse(responseCode = "404", description = "no such unit, or not the caller's")
  @GET
  @Path("/{year}")
  @RolesAllowed({Role.ADMIN_, Role.AUDITOR_, Role.SUPERVISOR_})
  @Operation(
      summary = "The yearly statistics of a unit, or of the district without unitId",
      description =
          "Computed from the archive over the year in Asia/Shanghai; the current year is"
              + " provisional. Each figure's counting rule is in rules. Generating is audited.")
  public Statistics get(@PathParam("year") int year, @QueryParam("unitId") UUID unitId) {
    return statistics.of(year, unitId);
  }

  @APIResponse(
      responseCode = "200",
      description = "UTF-8 with BOM, CRLF, RFC 4180, one section per figure",
      content = @Content(mediaType = CSV))
  @APIResponse(
      responseCode = "400",
      description = "year: in the future or before the archive's first record")
  @APIResponse(responseCode = "404", description = "no such unit, or not the caller's")
  @GET
  @Path("/{year}.csv")
  @Produces(CSV)
  @RolesAllowed({Role.ADMIN_, Role.AUDITOR_, Role.SUPERVISOR_})
  @Operation(
      summary = "The yearly statistics as CSV for spreadsheets",
      description = "The same figures as the JSON; Chinese headers, English with lang=en.")
  public Response csv(
      @PathParam("year") int year,
      @QueryParam("unitId") UUID unitId,
      @QueryParam("lang") String lang) {
    byte[] body = StatisticsCsv.write(statistics.of(year, unitId), "en".equals(lang));
    return Response.ok(body, CSV)
        .header("Content-Disposition", "attachment; filename=\"statistics-" + year + ".csv\"")
        .build();
  }
}
