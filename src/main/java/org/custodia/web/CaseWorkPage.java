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
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.custodia.dossier.ActionType;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.CaseType;
import org.custodia.dossier.Officer;
import org.custodia.dossier.OfficerService;
import org.custodia.dossier.Subject;
import org.custodia.dossier.SubjectService;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.security.Unit;
import org.custodia.security.UnitService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Case work for officers: {@code /cases/new} opens a case (unit, case number, type, title,
 * subjects, officers and actions with their windows) and {@code /cases/{id}/documents} adds actions
 * and attaches documents with resumable tus uploads. The pages only render forms: the browser sends
 * them to the API itself ({@code POST /api/v1/cases}, {@code POST /api/v1/cases/{id}/actions},
 * {@code POST/PATCH /api/v1/uploads}) with the session cookie and the CSRF header, so every rule
 * and every audit event is the API's.
 */
@Path("/cases")
@Produces(MediaType.TEXT_HTML)
public class CaseWorkPage {
  private final CaseService cases;
  private final SubjectService subjects;
  private final OfficerService officers;
  private final UnitService units;
  private final Caller caller;

  CaseWorkPage(
      CaseService cases,
      SubjectService subjects,
      OfficerService officers,
      UnitService units,
      Caller caller) {
    this.cases = cases;
    this.subjects = subjects;
    this.officers = officers;
    this.units = units;
    this.caller = caller;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance newCase(NewCaseView view);

    static native TemplateInstance documents(DocumentsView view);
  }

  /** The new-case form: the unit (a choice for global roles), its subjects and officers. */
  public record NewCaseView(
      UUID unitId,
      List<Unit> units,
      List<Subject> subjects,
      List<Officer> officers,
      List<String> caseTypes,
      List<String> actionTypes) {}

  /** The case's documents page: add an action, upload documents. */
  public record DocumentsView(
      CaseRecords.Dossier dossier, List<Officer> officers, List<String> actionTypes) {}

  static final List<String> CASE_TYPES = Arrays.stream(CaseType.values()).map(Enum::name).toList();
  static final List<String> ACTION_TYPES =
      Arrays.stream(ActionType.values()).map(Enum::name).toList();

  @GET
  @Path("/new")
  @RolesAllowed({Role.OFFICER_, Role.ADMIN_})
  @Operation(hidden = true)
  public TemplateInstance newCase(@QueryParam("unit") UUID unit) {
    List<Unit> choices = caller.global() ? units.list(null, null, null, 200) : List.of();
    UUID chosen = caller.global() ? unit : caller.unitId();
    if (chosen == null && !choices.isEmpty()) {
      chosen = choices.get(0).id();
    }
    if (chosen != null && !caller.sees(chosen)) {
      chosen = caller.unitId();
    }
    List<Subject> subjectList =
        chosen == null ? List.of() : subjects.list(chosen, null, null, null, null, 200).items();
    List<Officer> officerList =
        chosen == null ? List.of() : officers.list(chosen, null, null, null, null, 200).items();
    return Templates.newCase(
        new NewCaseView(chosen, choices, subjectList, officerList, CASE_TYPES, ACTION_TYPES));
  }

  @GET
  @Path("/{id}/documents")
  @RolesAllowed({Role.OFFICER_, Role.ADMIN_})
  @Operation(hidden = true)
  public TemplateInstance documents(@PathParam("id") UUID id) {
    CaseRecords.Dossier dossier = cases.view(id, "documents");
    List<Officer> officerList =
        officers.list(dossier.unitId(), null, null, null, null, 200).items();
    return Templates.documents(new DocumentsView(dossier, officerList, ACTION_TYPES));
  }
}
