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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.custodia.dossier.EvidenceService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.fixity.FixityBodies;
import org.custodia.fixity.FixityItem;
import org.custodia.fixity.FixityRun;
import org.custodia.fixity.FixityService;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The fixity pages: {@code /fixity} (the runs, problems first in each, and the start form for
 * administrators and auditors) and {@code /fixity/{id}} (a run's progress, polled while it runs,
 * then its report: every mismatch, missing and foreign object with the hashes expected and found).
 * Every action calls {@link FixityService} exactly as {@code /api/v1/fixity/runs} does.
 */
@Path("/fixity")
@Produces(MediaType.TEXT_HTML)
public class FixityPage {
  static final int LIMIT = 50;

  /** The most report lines the page lists; the rest are counted (the API has them all). */
  static final int MAX_LINES = 1000;

  /** A run as its pages show it. */
  public record Row(FixityRun run, String requester, String unitName, int percent) {
    public String state() {
      return run.state().name();
    }

    public boolean done() {
      return run.state() == FixityRun.State.DONE;
    }

    public String bytesDone() {
      return Formats.bytes(run.progress().bytesDone());
    }

    public String bytesTotal() {
      return Formats.bytes(run.progress().bytesTotal());
    }
  }

  /** One line of the report, with its record's name. */
  public record Line(FixityItem item, String name, String result, String target) {}

  /** A finished run's report: the problems (up to a bound) and how many lines were OK. */
  public record Report(List<Line> problems, long ok, long more) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        List<Row> runs,
        boolean canStart,
        boolean global,
        List<org.custodia.security.Unit> units,
        String error,
        String scope,
        String target);

    static native TemplateInstance startForm(
        boolean global,
        List<org.custodia.security.Unit> units,
        String error,
        String scope,
        String target);

    static native TemplateInstance detail(Row row, Report report);

    static native TemplateInstance detail$status(Row row, Report report);
  }

  private final FixityService fixity;
  private final EvidenceService evidence;
  private final RetentionViews views;
  private final Caller caller;
  private final Validator validator;

  FixityPage(
      FixityService fixity,
      EvidenceService evidence,
      RetentionViews views,
      Caller caller,
      Validator validator) {
    this.fixity = fixity;
    this.evidence = evidence;
    this.views = views;
    this.caller = caller;
    this.validator = validator;
  }

  /** POST /api/v1/fixity/runs: administrators and auditors. */
  private boolean canStart() {
    return caller.authenticated() && (caller.role() == Role.ADMIN || caller.role() == Role.AUDITOR);
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance list() {
    List<Row> runs = fixity.list(null, LIMIT).items().stream().map(this::row).toList();
    return Templates.list(
        runs, canStart(), caller.global(), views.units(), "", caller.global() ? "all" : "unit", "");
  }

  /**
   * Starts a run (htmx POST with the CSRF token), as {@code POST /api/v1/fixity/runs}: scope all
   * (administrators), unit, case ({@code target} a case id) or evidence ({@code target} a record
   * id). Done: the run's page. Refused: the form with the reason (400, 403 for scope all).
   */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed({Role.ADMIN_, Role.AUDITOR_})
  @Operation(hidden = true)
  public Response start(
      @FormParam("scope") String scope,
      @FormParam("unitId") String unitId,
      @FormParam("target") String target) {
    String s = scope == null || scope.isBlank() ? "unit" : scope;
    String t = target == null ? "" : target.strip();
    UUID unit = unitId == null || unitId.isBlank() ? null : PageForms.uuid(unitId, "unitId");
    UUID id = null;
    String error = null;
    if (s.equals("case") || s.equals("evidence")) {
      try {
        id = UUID.fromString(t);
      } catch (IllegalArgumentException e) {
        error = "target";
      }
    }
    FixityBodies.NewRun body =
        new FixityBodies.NewRun(
            s,
            s.equals("unit") ? unit : null,
            s.equals("case") ? id : null,
            s.equals("evidence") && id != null ? List.of(id) : null);
    if (error == null && !validator.validate(body).isEmpty()) {
      throw CustodiaException.invalid("scope", "scope must be all, unit, case or evidence");
    }
    int status = 400;
    if (error == null) {
      try {
        FixityRun run = fixity.start(body);
        return PageForms.redirect("/fixity/" + run.id());
      } catch (CustodiaException e) {
        if (e.problem() == ProblemType.NOT_FOUND) {
          error = "target";
        } else if (e.problem() == ProblemType.FORBIDDEN) {
          error = "scopeAll";
          status = 403;
        } else {
          throw e;
        }
      }
    }
    return PageForms.html(status, Templates.startForm(caller.global(), views.units(), error, s, t));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance detail(@PathParam("id") UUID id) {
    FixityRun run = fixity.get(id);
    return Templates.detail(row(run), report(run));
  }

  /** The progress panel again; the page asks for it every 2 s until the run is done. */
  @GET
  @Path("/{id}/status")
  @RolesAllowed({Role.ADMIN_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public Response status(@PathParam("id") UUID id) {
    FixityRun run = fixity.get(id);
    if (run.state() == FixityRun.State.DONE) {
      // the report is on the page itself: load it whole
      return Response.ok().header("HX-Refresh", "true").build();
    }
    return PageForms.html(200, Templates.detail$status(row(run), null));
  }

  private Row row(FixityRun run) {
    FixityRun.Progress p = run.progress();
    long total = p.bytesTotal() > 0 ? p.bytesTotal() : p.objectsTotal();
    long done = p.bytesTotal() > 0 ? p.bytesDone() : p.objectsDone();
    int percent =
        run.state() == FixityRun.State.DONE ? 100 : total == 0 ? 0 : (int) (done * 100 / total);
    return new Row(
        run,
        run.requestedBy() == null ? null : views.name(run.requestedBy()),
        views.unitName(run.unitId()),
        percent);
  }

  private Report report(FixityRun run) {
    if (run.report() == null) {
      return null;
    }
    List<Line> problems = new ArrayList<>();
    long ok = 0;
    long more = 0;
    for (FixityItem i : run.report()) {
      if (i.result() == FixityItem.Result.OK || i.result() == FixityItem.Result.SCANNED) {
        ok++;
      } else if (problems.size() < MAX_LINES) {
        String name =
            i.evidenceId() == null
                ? ""
                : evidence.find(i.evidenceId()).map(InboxPage::name).orElse("");
        problems.add(new Line(i, name, i.result().name(), i.target().name()));
      } else {
        more++;
      }
    }
    return new Report(problems, ok, more);
  }
}
