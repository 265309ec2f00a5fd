package org.custodia.dossier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.custodia.support.Unpadded;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Enforcement subjects (执法对象). A person's resident ID number is accepted and searchable by exact
 * value, but only its masked form is ever returned.
 */
@Path("/api/v1/subjects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Registry")
public class SubjectResource {
  private final SubjectService service;
  private final EvidenceService evidence;
  private final Caller caller;

  SubjectResource(SubjectService service, EvidenceService evidence, Caller caller) {
    this.service = service;
    this.evidence = evidence;
    this.caller = caller;
  }

  /**
   * {@code unitId} defaults to the caller's unit; {@code identifier} is a unified social credit
   * code (ORGANISATION) or resident ID number (PERSON).
   */
  public record NewSubject(
      UUID unitId,
      @NotNull SubjectKind kind,
      @NotBlank @Unpadded @Size(max = 200) String name,
      @NotBlank @Size(max = 64) String identifier) {}

  @APIResponse(responseCode = "201", description = "the subject; Location names it")
  @APIResponse(responseCode = "409", description = "duplicate-subject")
  @POST
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_})
  @Operation(summary = "Register an enforcement subject; the identifier is validated")
  public Response create(@Valid @NotNull NewSubject request, @Context UriInfo uri) {
    UUID unit = request.unitId() != null ? request.unitId() : caller.unitId();
    if (unit == null) {
      throw org.custodia.error.CustodiaException.invalid("unitId", "unitId is required");
    }
    Subject subject = service.create(unit, request.kind(), request.name(), request.identifier());
    return Response.created(uri.getAbsolutePathBuilder().path(subject.id().toString()).build())
        .entity(subject)
        .build();
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "List subjects the caller may see",
      description = "q matches the name; identifier matches the full identifier exactly.")
  public Page<Subject> list(
      @QueryParam("q") @Size(max = FreeText.MAX_LENGTH) String q,
      @QueryParam("identifier") @Size(max = 64) String identifier,
      @QueryParam("kind") SubjectKind kind,
      @QueryParam("unitId") UUID unitId,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    int n = Cursors.limit(limit);
    return service.list(Scope.unit(caller, unitId), q, kind, identifier, Cursors.decode(cursor), n);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "Read one subject")
  public Subject get(@PathParam("id") UUID id) {
    return service.get(id);
  }

  @GET
  @Path("/{id}/evidence")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "Every record of a subject, across its cases, newest first")
  public Page<Evidence> evidence(
      @PathParam("id") UUID id,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    Subject subject = service.get(id);
    int n = Cursors.limit(limit);
    EvidenceQuery.Filter filter =
        EvidenceQuery.Filter.builder()
            .unitId(Scope.unit(caller, subject.unitId()))
            .subjectId(id)
            .build();
    return evidence.search(filter, Cursors.decode(cursor), n);
  }
}
