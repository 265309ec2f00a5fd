package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.Officer;
import org.custodia.dossier.RegistryConfig;
import org.custodia.dossier.Subject;
import org.custodia.grading.Review;
import org.custodia.grading.ReviewService;
import org.custodia.review.CaseTimeline;
import org.custodia.review.TimelineService;
import org.custodia.security.Role;
import org.custodia.security.UnitService;
import org.custodia.security.User;
import org.custodia.security.UserService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The dossier page at {@code /cases/{id}}: the case's facts, subjects, officers with their
 * certificate state, actions, the timeline of its records against the actions' windows, the records
 * with their hashes, receipts and "verify now", and the case's reviews. Everything comes from the
 * services behind {@code GET /api/v1/cases/{id}}, {@code …/timeline} and {@code …/reviews}; opening
 * the page is one dossier view (audited once per viewing session). Another unit's case is the
 * translated 404 page.
 */
@Path("/cases")
@Produces(MediaType.TEXT_HTML)
public class DossierPage {
  private final CaseService cases;
  private final TimelineService timelines;
  private final ReviewService reviews;
  private final UserService users;
  private final UnitService units;
  private final RegistryConfig registry;

  DossierPage(
      CaseService cases,
      TimelineService timelines,
      ReviewService reviews,
      UserService users,
      UnitService units,
      RegistryConfig registry) {
    this.cases = cases;
    this.timelines = timelines;
    this.reviews = reviews;
    this.users = users;
    this.units = units;
    this.registry = registry;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance dossier(View view);
  }

  /** An officer with the certificate state the badge shows. */
  public record OfficerRow(Officer officer, String role, String certificate, boolean expired) {}

  /** A subject with its kind's name. */
  public record SubjectRow(Subject subject, String kind) {}

  /** An action with its type's name and its officers. */
  public record ActionRow(CaseTimeline.Action action, String type, List<String> officers) {}

  /** A record of the case, as the records table shows it. */
  public record RecordRow(
      CaseTimeline.Item item,
      String kind,
      String name,
      String receipt,
      boolean inline,
      boolean pdf,
      List<String> actions) {}

  /** A review of the case with its reviewer's name. */
  public record ReviewRow(Review review, String reviewer, String grade, String state) {}

  /** Everything the page shows. */
  public record View(
      CaseRecords.Dossier dossier,
      String unitName,
      String type,
      String status,
      List<SubjectRow> subjects,
      List<OfficerRow> officers,
      List<ActionRow> actions,
      DossierTimeline timeline,
      List<RecordRow> records,
      List<ReviewRow> reviews,
      long gapToleranceMs,
      List<String> checks) {

    /** The gap tolerance in seconds ("2", "0.5"). */
    public String gapToleranceSeconds() {
      return java.math.BigDecimal.valueOf(gapToleranceMs, 3).stripTrailingZeros().toPlainString();
    }
  }

  /** The checks of {@code POST /api/v1/evidence/{id}/verify}, in its order, for their labels. */
  static final List<String> CHECKS =
      List.of(
          "size",
          "sha256",
          "sm3",
          "receipt",
          "receiptCopy",
          "ecdsaSignature",
          "sm2Signature",
          "timestamp",
          "auditInclusion");

  @GET
  @Path("/{id}")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance dossier(@PathParam("id") UUID id) {
    CaseRecords.Dossier dossier = cases.view(id, "page");
    CaseTimeline timeline = timelines.timeline(id, timelines.defaultGapTolerance(), "page");
    LocalDate today = LocalDate.now(registry.timeZone());

    Map<UUID, String> officerNames = new HashMap<>();
    dossier.officers().forEach(o -> officerNames.put(o.id(), o.name()));
    List<OfficerRow> officers =
        dossier.officers().stream()
            .map(
                o ->
                    new OfficerRow(
                        o,
                        o.role().name(),
                        o.certificateStatus() == null ? "" : o.certificateStatus().name(),
                        o.certificateValidUntil() != null
                            && o.certificateValidUntil().isBefore(today)))
            .toList();
    List<ActionRow> actions =
        timeline.actions().stream()
            .map(
                a ->
                    new ActionRow(
                        a,
                        a.type().name(),
                        a.officers().stream().map(CaseTimeline.OfficerRef::name).toList()))
            .toList();
    Map<UUID, String> actionTypes = new HashMap<>();
    timeline.actions().forEach(a -> actionTypes.put(a.id(), a.type().name()));
    List<RecordRow> records =
        timeline.records().stream()
            .map(
                i ->
                    new RecordRow(
                        i,
                        i.kind().name(),
                        i.title() != null && !i.title().isBlank() ? i.title() : i.filename(),
                        i.receipt() == null ? "PENDING" : i.receipt().state(),
                        DocumentView.inline(i.contentType()),
                        DocumentView.pdf(i.contentType()),
                        i.actionIds().stream().map(a -> actionTypes.getOrDefault(a, "")).toList()))
            .toList();
    Map<UUID, String> reviewers = new HashMap<>();
    List<ReviewRow> reviewRows =
        reviews.forCase(id).stream()
            .map(
                r ->
                    new ReviewRow(
                        r,
                        reviewers.computeIfAbsent(
                            r.reviewerId(),
                            u -> users.byId(u).map(User::username).orElse(u.toString())),
                        r.grade() == null ? "" : r.grade().name(),
                        r.state().name()))
            .toList();
    return Templates.dossier(
        new View(
            dossier,
            units.byId(dossier.unitId()).map(u -> u.name()).orElse(""),
            dossier.type().name(),
            dossier.status().name(),
            dossier.subjects().stream().map(s -> new SubjectRow(s, s.kind().name())).toList(),
            officers,
            actions,
            DossierTimeline.of(timeline, registry.timeZone()),
            records,
            reviewRows,
            timeline.gapToleranceMs(),
            CHECKS));
  }
}
