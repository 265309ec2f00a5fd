package org.custodia.calendar;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.custodia.error.CustodiaException;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The working-day calendar: its years, single days and working-day counts. */
@Path("/api/v1/calendar")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calendar")
@RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.OFFICER_, Role.REVIEWER_, Role.AUDITOR_})
public class CalendarResource {
  private final CalendarService calendar;

  CalendarResource(CalendarService calendar) {
    this.calendar = calendar;
  }

  @GET
  @Path("/years")
  @Operation(
      summary = "The years the calendar covers",
      description =
          "Each year's State Council holiday notice: its source, bundled or added by an"
              + " administrator, its revision and the holidays and adjusted working days (调休) it"
              + " names.")
  @APIResponse(responseCode = "200", description = "the covered years, oldest first")
  public List<CalendarYear> years() {
    return calendar.years();
  }

  @PUT
  @Path("/years/{year}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.ADMIN_)
  @Operation(
      summary = "Add a year's holiday notice, or correct one",
      description =
          "The days the notice names: holidays (offDay true) and weekend days worked instead"
              + " (调休, offDay false), with the notice's address. A year the calendar holds"
              + " (bundled or added) is corrected only with a reason. Audited with every day.")
  @APIResponse(responseCode = "201", description = "the year, added")
  @APIResponse(responseCode = "200", description = "the year, corrected (its revision up by one)")
  public Response put(@PathParam("year") int year, @Valid @NotNull CalendarBodies.Year body) {
    List<CalendarYear.NoticeDay> days =
        body.days().stream()
            .map(d -> new CalendarYear.NoticeDay(d.date(), d.name(), d.offDay()))
            .toList();
    CalendarYear y = calendar.put(year, body.source(), days, body.reason());
    return Response.status(y.revision() == 1 ? 201 : 200).entity(y).build();
  }

  @GET
  @Path("/working-days")
  @Operation(
      summary = "The date N working days from a date",
      description =
          "The Nth working day after from (the start day is not counted: 《行政处罚法》第八十五条),"
              + " with the days passed over (weekends, holidays) and the adjusted working days"
              + " (调休) counted. covered false: a day the count needs lies in a year the calendar"
              + " does not cover (uncoveredYear); no date is guessed.")
  @APIResponse(responseCode = "200", description = "the count")
  public WorkingCalendar.Count workingDays(
      @QueryParam("from") LocalDate from, @QueryParam("add") Integer add) {
    if (from == null) {
      throw CustodiaException.invalid("from", "the start date, such as 2026-09-30");
    }
    if (add == null) {
      throw CustodiaException.invalid(
          "add", "a count of working days from 1 to " + WorkingCalendar.MAX_ADD);
    }
    return calendar.add(from, add);
  }

  @GET
  @Path("/{date}")
  @Operation(
      summary = "One day: a working day or not, and why",
      description =
          "reason WEEKDAY, WEEKEND, HOLIDAY (holiday names it, e.g. 春节) or ADJUSTED_WORKING_DAY"
              + " (调休); UNKNOWN (covered false) for a year the calendar does not cover.")
  @APIResponse(responseCode = "200", description = "the day")
  public WorkingCalendar.Day day(
      @Parameter(
              description = "the day, such as 2026-10-01",
              schema = @Schema(type = SchemaType.STRING, format = "date"))
          @PathParam("date")
          String date) {
    try {
      return calendar.day(LocalDate.parse(date));
    } catch (DateTimeParseException e) {
      throw CustodiaException.invalid("date", "a date such as 2026-10-01");
    }
  }
}
