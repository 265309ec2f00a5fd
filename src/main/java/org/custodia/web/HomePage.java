package org.custodia.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.custodia.dossier.CaseQuery;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CaseService;
import org.custodia.grading.ReviewService;
import org.custodia.grading.SpotCheck;
import org.custodia.grading.SpotCheckService;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The workspace home page at {@code /}, by role: everyone gets the dossier search box and the most
 * recent dossiers they may see; reviewers (and supervisors) their spot-check assignments with
 * progress; supervisors and admins the latest spot checks and this year's grade distribution per
 * unit.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePage {
  static final int RECENT = 8;
  static final int RECENT_CHECKS = 5;

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance home(Home home);
  }

  /** A dossier in the "recent" list. */
  public record RecentCase(
      UUID id,
      String caseNo,
      String title,
      String type,
      String status,
      String decisionDate,
      String unitName) {}

  /** What the home page shows; what the role may not use is null ({@code supervising}: shown). */
  public record Home(
      List<RecentCase> recent,
      SpotCheckViews.Assignments assigned,
      List<SpotCheckViews.CheckRow> checks,
      List<SpotCheckViews.GradeBars> distribution,
      int year,
      boolean supervising) {}

  private final Caller caller;
  private final CaseService cases;
  private final SpotCheckService spotChecks;
  private final ReviewService reviews;
  private final SpotCheckViews views;

  HomePage(
      Caller caller,
      CaseService cases,
      SpotCheckService spotChecks,
      ReviewService reviews,
      SpotCheckViews views) {
    this.caller = caller;
    this.cases = cases;
    this.spotChecks = spotChecks;
    this.reviews = reviews;
    this.views = views;
  }

  @GET
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(hidden = true)
  public TemplateInstance home() {
    Role role = caller.role();
    boolean supervising = role == Role.SUPERVISOR || role == Role.ADMIN;
    SpotCheckViews.Assignments assigned = views.assignmentsOf(role, spotChecks);
    List<SpotCheckViews.CheckRow> checks = null;
    List<SpotCheckViews.GradeBars> distribution = null;
    int year = LocalDate.now(views.zone()).getYear();
    if (supervising) {
      checks = new ArrayList<>();
      for (SpotCheck.Summary s : spotChecks.list(null, null, RECENT_CHECKS).items()) {
        checks.add(views.row(spotChecks.get(s.id())));
      }
      Instant from = LocalDate.of(year, 1, 1).atStartOfDay(views.zone()).toInstant();
      Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(views.zone()).toInstant();
      distribution = views.distribution(reviews.distribution(null, from, to));
    }
    return Templates.home(new Home(recent(), assigned, checks, distribution, year, supervising));
  }

  /** The newest dossiers the caller may see (the same unit scope as GET /api/v1/cases). */
  private List<RecentCase> recent() {
    UUID scope = caller.global() ? null : caller.unitId();
    if (!caller.global() && scope == null) {
      return List.of();
    }
    CaseQuery.Filter filter =
        new CaseQuery.Filter(scope, null, null, null, null, null, null, null, null);
    List<RecentCase> out = new ArrayList<>();
    for (CaseRecords.CaseSummary c :
        cases.search(filter, CaseQuery.Sort.NEWEST, null, RECENT).items()) {
      out.add(
          new RecentCase(
              c.id(),
              c.caseNo(),
              c.title(),
              c.type().name(),
              c.status().name(),
              c.decisionDate() == null ? null : c.decisionDate().toString(),
              views.unitName(c.unitId())));
    }
    return out;
  }
}
