package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
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
import org.custodia.dossier.Officer;
import org.custodia.dossier.OfficerService;
import org.custodia.dossier.Subject;
import org.custodia.dossier.SubjectService;
import org.custodia.error.CustodiaException;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The officers' inbox at {@code /inbox}: records newest first — by default only those not linked to
 * any case or subject (stations upload before anyone knows the case number); for an officer whose
 * account an administrator linked to his registry record, by default only his own ({@link
 * EvidenceQuery.Builder#mineOf}), with tabs for the unit's and all records — and one action that
 * links or re-links several of them to a case (and subject) with the required reason. Each record
 * goes through {@link EvidenceService#link}, exactly as {@code POST /api/v1/evidence/{id}/links}
 * (same rules, same audit event per record), each in its own transaction: the answer lists every
 * record's outcome, refusals included.
 */
@Path("/inbox")
@Produces(MediaType.TEXT_HTML)
public class InboxPage {
  static final int LIMIT = 50;

  private final EvidenceService evidence;
  private final CaseService cases;
  private final SubjectService subjects;
  private final Caller caller;
  private final OfficerService officers;

  InboxPage(
      EvidenceService evidence,
      CaseService cases,
      SubjectService subjects,
      Caller caller,
      OfficerService officers) {
    this.evidence = evidence;
    this.cases = cases;
    this.subjects = subjects;
    this.caller = caller;
    this.officers = officers;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance inbox(View view);

    static native TemplateInstance linkResult(LinkResult result);
  }

  /** A record as the inbox lists it, with the case number of its current link. */
  public record Row(Evidence evidence, String name, String caseNo, String caseId) {}

  /** What the page shows. */
  public record View(
      String show,
      boolean linkedOfficer,
      boolean askAdmin,
      boolean unlinkedOnly,
      List<Row> rows,
      String nextHref,
      List<CaseRecords.CaseSummary> cases,
      List<Subject> subjects) {}

  /** One record's outcome: LINKED, RELINKED, UNCHANGED or FAILED (with the problem's type). */
  public record Outcome(String id, String name, String state, String problem, String detail) {}

  /** The answer of a bulk link: each record's outcome, and the case they were linked to. */
  public record LinkResult(
      List<Outcome> outcomes, String caseId, String caseNo, String error, int ok, int failed) {}

  @GET
  @RolesAllowed({Role.OFFICER_, Role.ADMIN_})
  @Operation(hidden = true)
  public TemplateInstance inbox(
      @QueryParam("show") String show, @QueryParam("cursor") String cursor) {
    Officer own = officers.ofCaller().orElse(null);
    // mine: the linked officer's unlinked records (his default); unit: the unit's unlinked ones
    // (everyone else's default, also "unlinked"); all: every record of the unit
    String view =
        "all".equals(show)
            ? "all"
            : own != null && (show == null || show.isBlank() || "mine".equals(show))
                ? "mine"
                : "unit";
    boolean unlinkedOnly = !"all".equals(view);
    UUID unit = caller.global() ? null : caller.unitId();
    Page<Evidence> page =
        evidence.search(
            EvidenceQuery.Filter.builder()
                .unitId(unit)
                .unlinked(unlinkedOnly)
                .mineOf("mine".equals(view) ? own.id() : null)
                .build(),
            Cursors.decode(cursor),
            LIMIT);
    List<CaseRecords.CaseSummary> caseList =
        cases
            .search(
                new CaseQuery.Filter(unit, null, null, null, null, null, null, null, null),
                CaseQuery.Sort.NEWEST,
                null,
                100)
            .items();
    Map<UUID, String> caseNos = new HashMap<>();
    caseList.forEach(c -> caseNos.put(c.id(), c.caseNo()));
    List<Row> rows = new ArrayList<>();
    for (Evidence e : page.items()) {
      UUID linkedCase = e.link() == null ? null : e.link().caseId();
      String caseNo = null;
      if (linkedCase != null) {
        caseNo =
            caseNos.computeIfAbsent(
                linkedCase,
                id -> {
                  try {
                    return cases.get(id).caseNo();
                  } catch (CustodiaException ex) {
                    return id.toString();
                  }
                });
      }
      rows.add(new Row(e, name(e), caseNo, linkedCase == null ? null : linkedCase.toString()));
    }
    String next =
        page.nextCursor() == null ? null : "/inbox?show=" + view + "&cursor=" + page.nextCursor();
    List<Subject> subjectList =
        unit == null ? List.of() : subjects.list(unit, null, null, null, null, 200).items();
    boolean askAdmin = own == null && caller.role() == Role.OFFICER;
    return Templates.inbox(
        new View(view, own != null, askAdmin, unlinkedOnly, rows, next, caseList, subjectList));
  }

  /**
   * Links the selected records ({@code ids}) to {@code caseId} and optionally {@code subjectId},
   * with {@code reason}. A missing selection, case or reason answers 400 with the result panel
   * saying which; otherwise 200 with every record's outcome (a refused record does not stop the
   * others, and is listed with the reason it was refused).
   */
  @POST
  @Path("/links")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed({Role.OFFICER_, Role.ADMIN_})
  @Operation(hidden = true)
  public Response link(MultivaluedMap<String, String> form) {
    List<String> ids = form.getOrDefault("ids", List.of());
    String caseText = form.getFirst("caseId");
    String subjectText = form.getFirst("subjectId");
    String reason = form.getFirst("reason");
    String error = null;
    if (ids.isEmpty()) {
      error = "ids";
    } else if (caseText == null || caseText.isBlank()) {
      error = "caseId";
    } else if (reason == null || reason.isBlank()) {
      error = "reason";
    } else if (reason.length() > 1000) {
      error = "reasonLength";
    }
    UUID caseId = error == null ? uuid(caseText) : null;
    UUID subjectId = subjectText == null || subjectText.isBlank() ? null : uuid(subjectText);
    if (error == null && caseId == null) {
      error = "caseId";
    }
    if (error != null) {
      return Response.status(400)
          .entity(Templates.linkResult(new LinkResult(List.of(), null, null, error, 0, 0)))
          .build();
    }
    String caseNo;
    try {
      caseNo = cases.get(caseId).caseNo();
    } catch (CustodiaException ex) {
      return Response.status(400)
          .entity(Templates.linkResult(new LinkResult(List.of(), null, null, "caseId", 0, 0)))
          .build();
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (String text : ids) {
      UUID id = uuid(text);
      if (id == null) {
        outcomes.add(new Outcome(text, text, "FAILED", "not-found", ""));
        continue;
      }
      String name = text;
      try {
        Evidence before = evidence.visible(id);
        name = name(before);
        EvidenceService.Linked linked = evidence.link(id, subjectId, caseId, reason);
        String state =
            !linked.changed() ? "UNCHANGED" : before.link() == null ? "LINKED" : "RELINKED";
        outcomes.add(new Outcome(text, name, state, null, null));
      } catch (CustodiaException ex) {
        outcomes.add(
            new Outcome(
                text, name, "FAILED", ex.problem().type(), ex.field() == null ? "" : ex.field()));
      }
    }
    int failed = (int) outcomes.stream().filter(o -> o.state().equals("FAILED")).count();
    return Response.ok(
            Templates.linkResult(
                new LinkResult(
                    outcomes, caseId.toString(), caseNo, null, outcomes.size() - failed, failed)))
        .header("HX-Trigger", "inbox-linked")
        .build();
  }

  static String name(Evidence e) {
    return e.title() != null && !e.title().isBlank() ? e.title() : e.filename();
  }

  private static UUID uuid(String text) {
    try {
      return UUID.fromString(text.strip());
    } catch (IllegalArgumentException ex) {
      return null;
    }
  }
}
