package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.CaseQuery;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceQuery;
import org.custodia.dossier.EvidenceService;
import org.custodia.dossier.Subject;
import org.custodia.dossier.SubjectService;
import org.custodia.security.Role;
import org.custodia.support.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The subject page at {@code /subjects/{id}}: everything the unit holds about one enforcement
 * subject — its cases and the records linked to it — with the identifier as the registry stores it
 * (a resident ID masked). The same services as {@code GET /api/v1/subjects/{id}}, {@code GET
 * /api/v1/cases?subjectId=} and {@code GET /api/v1/evidence?subjectId=}; another unit's subject is
 * the translated 404 page (audited as a denial by {@code Caller.requireSees}).
 */
@Path("/subjects")
@Produces(MediaType.TEXT_HTML)
public class SubjectPage {
  static final int LIMIT = 100;

  private final SubjectService subjects;
  private final CaseService cases;
  private final EvidenceService evidence;

  SubjectPage(SubjectService subjects, CaseService cases, EvidenceService evidence) {
    this.subjects = subjects;
    this.cases = cases;
    this.evidence = evidence;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance subject(View view);
  }

  /** A record with its name and the case number of its link. */
  public record RecordRow(Evidence evidence, String name, String caseNo) {}

  /** What the page shows. */
  public record View(
      Subject subject,
      List<CaseRecords.CaseSummary> cases,
      List<RecordRow> records,
      boolean moreRecords) {}

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance subject(@PathParam("id") UUID id) {
    Subject subject = subjects.get(id);
    List<CaseRecords.CaseSummary> caseList =
        cases
            .search(
                new CaseQuery.Filter(
                    subject.unitId(), null, null, id, null, null, null, null, null),
                CaseQuery.Sort.NEWEST,
                null,
                LIMIT)
            .items();
    Map<UUID, String> caseNos = new HashMap<>();
    caseList.forEach(c -> caseNos.put(c.id(), c.caseNo()));
    Page<Evidence> page =
        evidence.search(
            EvidenceQuery.Filter.builder().unitId(subject.unitId()).subjectId(id).build(),
            null,
            LIMIT);
    List<RecordRow> records =
        page.items().stream()
            .map(
                e ->
                    new RecordRow(
                        e,
                        InboxPage.name(e),
                        e.link() == null || e.link().caseId() == null
                            ? null
                            : caseNos.get(e.link().caseId())))
            .toList();
    return Templates.subject(new View(subject, caseList, records, page.nextCursor() != null));
  }
}
