package org.custodia.dossier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.custodia.support.PlausibleTime;
import org.custodia.support.Unpadded;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Cases (案件), one dossier each. Admins, and officers for their own unit, create and edit them. */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cases")
public class CaseResource {
  private final CaseService service;
  private final Caller caller;

  CaseResource(CaseService service, Caller caller) {
    this.service = service;
    this.caller = caller;
  }

  /** {@code officerIds} empty: the case's officers are responsible for the action. */
  public record NewAction(
      @NotNull ActionType type,
      @NotNull @PlausibleTime Instant from,
      @NotNull @PlausibleTime Instant to,
      @Size(max = 50) List<@NotNull UUID> officerIds) {
    CaseService.NewAction toService() {
      return new CaseService.NewAction(type, from, to, officerIds);
    }
  }

  /** A correction of an action: its values as they should be, and why. */
  public record ActionCorrection(
      @Valid @NotNull NewAction action, @NotBlank @Size(max = 1000) String reason) {}

  public record NewCase(
      @NotNull UUID unitId,
      @NotBlank @Unpadded @Size(max = 64) String caseNo,
      @NotNull CaseType type,
      CaseStatus status,
      @Size(max = 500) String title,
      @Size(max = 4000) String notes,
      @PlausibleTime LocalDate decisionDate,
      @NotEmpty @Size(max = 200) List<@NotNull UUID> subjectIds,
      @Size(max = 100) List<@NotNull UUID> officerIds,
      @Size(max = 1000) List<@Valid @NotNull NewAction> actions) {}

  public record CaseChange(
      CaseStatus status,
      @PlausibleTime LocalDate decisionDate,
      @Size(max = 500) String title,
      @Size(max = 4000) String notes) {}

  @APIResponse(responseCode = "201", description = "the dossier; Location names it")
  @APIResponse(responseCode = "409", description = "duplicate-case-no")
  @APIResponse(
      responseCode = "422",
      description =
          "too-few-responsible-officers, officer-unknown, auxiliary-not-responsible or officer-not-certified")
  @POST
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_})
  @Operation(summary = "Open a case with its subjects, officers and actions")
  public Response create(@Valid @NotNull NewCase r, @Context UriInfo uri) {
    CaseRecords.Dossier dossier =
        service.create(
            new CaseService.NewCase(
                r.unitId(),
                r.caseNo(),
                r.type(),
                r.status(),
                r.title(),
                r.notes(),
                r.decisionDate(),
                r.subjectIds(),
                r.officerIds(),
                r.actions() == null
                    ? List.of()
                    : r.actions().stream().map(NewAction::toService).toList()));
    return Response.created(uri.getAbsolutePathBuilder().path(dossier.id().toString()).build())
        .entity(dossier)
        .build();
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "Search cases the caller may see (newest first unless sort says otherwise)",
      description =
          "q matches case number, title and notes (Chinese included); from/to select cases with"
              + " an action overlapping [from, to); subject/officer match part of a subject's or case"
              + " officer's name. sort: NEWEST (default), OLDEST, CASE_NO"
              + " (ascending) or DECISION_DATE (latest first, undecided last); a cursor belongs to"
              + " the sort order it was issued for. GET /api/v1/cases/count counts all pages.")
  public Page<CaseRecords.CaseSummary> list(
      @QueryParam("q") @Size(max = FreeText.MAX_LENGTH) String q,
      @QueryParam("caseNo") String caseNo,
      @QueryParam("subjectId") UUID subjectId,
      @QueryParam("officerId") UUID officerId,
      @QueryParam("unitId") UUID unitId,
      @QueryParam("type") CaseType type,
      @QueryParam("status") CaseStatus status,
      @QueryParam("from") Instant from,
      @QueryParam("to") Instant to,
      @QueryParam("subject") @Size(max = FreeText.MAX_LENGTH) String subject,
      @QueryParam("officer") @Size(max = FreeText.MAX_LENGTH) String officer,
      @QueryParam("sort") CaseQuery.Sort sort,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    int n = Cursors.limit(limit);
    CaseQuery.Filter filter =
        new CaseQuery.Filter(
            unitId, q, caseNo, subjectId, officerId, type, status, from, to, subject, officer);
    return service.search(filter, sort == null ? CaseQuery.Sort.NEWEST : sort, cursor, n);
  }

  /** The number of matching cases. */
  public record CaseCount(long total) {}

  @GET
  @Path("/count")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "Count the cases the caller may see that match the search's filters",
      description = "The same filters as GET /api/v1/cases; the total over all pages.")
  public CaseCount count(
      @QueryParam("q") @Size(max = FreeText.MAX_LENGTH) String q,
      @QueryParam("caseNo") String caseNo,
      @QueryParam("subjectId") UUID subjectId,
      @QueryParam("officerId") UUID officerId,
      @QueryParam("unitId") UUID unitId,
      @QueryParam("type") CaseType type,
      @QueryParam("status") CaseStatus status,
      @QueryParam("from") Instant from,
      @QueryParam("to") Instant to,
      @QueryParam("subject") @Size(max = FreeText.MAX_LENGTH) String subject,
      @QueryParam("officer") @Size(max = FreeText.MAX_LENGTH) String officer) {
    return new CaseCount(
        service.count(
            new CaseQuery.Filter(
                unitId, q, caseNo, subjectId, officerId, type, status, from, to, subject,
                officer)));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "Read a case's dossier: subjects, officers, actions",
      description = "Audited as case.viewed once per viewing session of the caller and case.")
  public CaseRecords.Dossier get(@PathParam("id") UUID id) {
    return service.view(id, "dossier");
  }

  @APIResponse(responseCode = "200", description = "the dossier as changed")
  @APIResponse(responseCode = "422", description = "invalid-status-transition")
  @PATCH
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_})
  @Operation(summary = "Change a case's status, decision date, title or notes")
  public CaseRecords.Dossier update(@PathParam("id") UUID id, @Valid @NotNull CaseChange change) {
    return service.update(
        id,
        new CaseService.CaseChange(
            change.status(), change.decisionDate(), change.title(), change.notes()));
  }

  @APIResponse(responseCode = "201", description = "the action")
  @APIResponse(
      responseCode = "422",
      description =
          "invalid-status-transition (a closed case), too-few-responsible-officers, officer-unknown, auxiliary-not-responsible or officer-not-certified")
  @POST
  @Path("/{id}/actions")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_})
  @Operation(summary = "Record an enforcement action of a case")
  public Response addAction(@PathParam("id") UUID id, @Valid @NotNull NewAction action) {
    return Response.status(Response.Status.CREATED)
        .entity(service.addAction(id, action.toService()))
        .build();
  }

  @APIResponse(
      responseCode = "200",
      description = "the action as corrected (or unchanged: the same values)")
  @APIResponse(responseCode = "404", description = "not-found: no such case or action in it")
  @APIResponse(
      responseCode = "422",
      description =
          "invalid-status-transition (a closed case), too-few-responsible-officers, officer-unknown, auxiliary-not-responsible or officer-not-certified")
  @PUT
  @Path("/{id}/actions/{actionId}")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_})
  @Operation(
      summary = "Correct an action of an open case, with a reason",
      description =
          "Replaces the action's type, window and responsible officers under the rules of a new"
              + " action. What it said before is kept (GET …/revisions) and the correction is"
              + " audited (case.action-corrected) with both; the recording-compliance findings are"
              + " recomputed.")
  public CaseRecords.Action correctAction(
      @PathParam("id") UUID id,
      @PathParam("actionId") UUID actionId,
      @Valid @NotNull ActionCorrection correction) {
    return service
        .correctAction(id, actionId, correction.action().toService(), correction.reason())
        .action();
  }

  @APIResponse(responseCode = "200", description = "the action's earlier values, oldest first")
  @APIResponse(responseCode = "404", description = "not-found: no such case or action in it")
  @GET
  @Path("/{id}/actions/{actionId}/revisions")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "What an action said before each of its corrections, who corrected it and why")
  public List<CaseRecords.ActionRevision> actionRevisions(
      @PathParam("id") UUID id, @PathParam("actionId") UUID actionId) {
    return service.actionRevisions(id, actionId);
  }
}
