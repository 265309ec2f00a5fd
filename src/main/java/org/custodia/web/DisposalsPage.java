package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceService;
import org.custodia.error.ProblemType;
import org.custodia.retention.Disposal;
import org.custodia.retention.DisposalService;
import org.custodia.retention.RetentionBodies;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The disposal pages: {@code /disposals} (the candidates now — expired, not held — the request
 * form, and the disposals), {@code /disposals/{id}} (one disposal: its items, the second person's
 * approval, the progress polled while it deletes, and what was deleted with its hashes as audited).
 * Every action calls {@link DisposalService} exactly as {@code /api/v1/disposals} does.
 */
@Path("/disposals")
@Produces(MediaType.TEXT_HTML)
public class DisposalsPage {
  static final int LIMIT = 100;

  /** A record of a disposal or a candidate, with its name and hashes (kept in the tombstone). */
  public record ItemRow(
      UUID evidenceId,
      String name,
      String state,
      String detail,
      Instant doneAt,
      String sha256,
      String sm3,
      long size,
      String retentionClass,
      Instant deleteAfter) {}

  /** A disposal as its pages show it. */
  public record Row(
      Disposal disposal,
      String unitName,
      String requester,
      String approver,
      List<ItemRow> items,
      long pending,
      long deleted,
      long skipped,
      boolean mine,
      boolean canApprove) {

    public String state() {
      return disposal.state().name();
    }

    public boolean running() {
      return disposal.state() == Disposal.State.APPROVED;
    }

    public int percent() {
      return items.isEmpty() ? 100 : (int) ((items.size() - pending) * 100 / items.size());
    }
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        List<ItemRow> candidates,
        List<Row> disposals,
        List<org.custodia.security.Unit> units,
        UUID unit,
        boolean canPropose);

    static native TemplateInstance proposeForm(UUID unit, String error, String reason);

    static native TemplateInstance detail(Row row);

    static native TemplateInstance detail$status(Row row);

    static native TemplateInstance approval(Row row, String error, String reason);
  }

  private final DisposalService disposals;
  private final EvidenceService evidence;
  private final RetentionViews views;
  private final Caller caller;
  private final Validator validator;

  DisposalsPage(
      DisposalService disposals,
      EvidenceService evidence,
      RetentionViews views,
      Caller caller,
      Validator validator) {
    this.disposals = disposals;
    this.evidence = evidence;
    this.views = views;
    this.caller = caller;
    this.validator = validator;
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance list(@QueryParam("unit") UUID unit) {
    List<ItemRow> candidates =
        disposals.candidates(unit, LIMIT).stream()
            .map(c -> item(c.evidenceId(), null, null, null, c))
            .toList();
    List<Row> rows =
        disposals.search(null, LIMIT).items().stream().map(d -> row(d, false)).toList();
    return Templates.list(candidates, rows, views.units(), unit, views.canChange());
  }

  /** Proposes a disposal of the candidates now (htmx POST), as {@code POST /api/v1/disposals}. */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(hidden = true)
  public Response propose(@FormParam("unitId") String unitId, @FormParam("reason") String reason) {
    String typed = reason == null ? "" : reason;
    UUID unit = unitId == null || unitId.isBlank() ? null : PageForms.uuid(unitId, "unitId");
    String error = null;
    if (typed.isBlank()) {
      error = "reasonRequired";
    } else if (!validator.validate(new RetentionBodies.NewDisposal(unit, typed)).isEmpty()) {
      error = "reasonTooLong";
    }
    if (error == null) {
      Disposal d = disposals.propose(unit, typed);
      return PageForms.redirect("/disposals/" + d.id());
    }
    return PageForms.html(400, Templates.proposeForm(unit, error, typed));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance detail(@PathParam("id") UUID id) {
    return Templates.detail(row(disposals.get(id), true));
  }

  /** The progress panel again; the page asks for it every 2 s while the disposal deletes. */
  @GET
  @Path("/{id}/status")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance status(@PathParam("id") UUID id) {
    return Templates.detail$status(row(disposals.get(id), true));
  }

  /**
   * The second person's approval (htmx POST), as {@code POST /api/v1/disposals/{id}/approval}: a
   * reason is required (400); the requester, or a disposal decided already, is refused (409).
   */
  @POST
  @Path("/{id}/approval")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_})
  @Operation(hidden = true)
  public Response approve(@PathParam("id") UUID id, @FormParam("reason") String reason) {
    String typed = reason == null ? "" : reason;
    PageForms.Refused refused =
        PageForms.decide(
            typed,
            validator.validate(new RetentionBodies.Approval(typed)).isEmpty(),
            () -> disposals.approve(id, typed),
            Map.of(
                ProblemType.DISPOSAL_SELF_APPROVAL,
                "selfApproval",
                ProblemType.DISPOSAL_DECIDED,
                "decided"));
    if (refused == null) {
      return PageForms.redirect("/disposals/" + id);
    }
    return PageForms.html(
        refused.status(), Templates.approval(row(disposals.get(id), true), refused.error(), typed));
  }

  private Row row(Disposal d, boolean withItems) {
    List<Disposal.Item> all = d.items() == null ? List.of() : d.items();
    List<ItemRow> items =
        withItems
            ? all.stream()
                .map(i -> item(i.evidenceId(), i.state(), i.detail(), i.doneAt(), null))
                .toList()
            : List.of();
    boolean mine = d.requestedBy().equals(caller.id());
    return new Row(
        d,
        d.unitId() == null ? "" : views.unitName(d.unitId()),
        views.name(d.requestedBy()),
        d.approvedBy() == null ? null : views.name(d.approvedBy()),
        items,
        all.stream().filter(i -> i.state().equals("PENDING")).count(),
        all.stream().filter(i -> i.state().equals("DELETED")).count(),
        all.stream().filter(i -> i.state().equals("SKIPPED")).count(),
        mine,
        views.canChange() && !mine && d.state() == Disposal.State.PENDING_APPROVAL);
  }

  private ItemRow item(
      UUID id, String state, String detail, Instant doneAt, DisposalService.Candidate c) {
    Evidence e = evidence.find(id).orElse(null);
    return new ItemRow(
        id,
        e == null ? id.toString() : InboxPage.name(e),
        state,
        detail,
        doneAt,
        e == null ? "" : e.sha256(),
        e == null ? "" : e.sm3(),
        e == null ? 0 : e.size(),
        c == null ? "" : c.retentionClass().name(),
        c == null ? null : c.deleteAfter());
  }
}
