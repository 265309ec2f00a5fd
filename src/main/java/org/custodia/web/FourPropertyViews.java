package org.custodia.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.UUID;
import org.custodia.preservation.CheckReport;
import org.custodia.preservation.CheckRun;
import org.custodia.preservation.PreservationService;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.support.Page;

/**
 * Four-property checks as the pages show them: the dossier page's section (the case's checks and
 * the start button) for the roles the API lets see them (administrators, supervisors, auditors),
 * and one check's report grouped by property. Templates read the section as {@code
 * {inject:fourPropertyViews.section(caseId)}}.
 */
@RequestScoped
@Named("fourPropertyViews")
public class FourPropertyViews {
  static final int SHOWN = 20;

  private final PreservationService checks;
  private final Caller caller;

  FourPropertyViews(PreservationService checks, Caller caller) {
    this.checks = checks;
    this.caller = caller;
  }

  /** The dossier page's section: whether it shows, the case's newest checks. */
  public record Section(UUID caseId, boolean visible, List<CheckRun> rows, UUID started) {
    public boolean anyRunning() {
      return rows.stream()
          .anyMatch(r -> r.state() == CheckRun.State.QUEUED || r.state() == CheckRun.State.RUNNING);
    }
  }

  /** Whether the signed-in role may see and start checks (as the API's @RolesAllowed). */
  boolean allowed() {
    Role r = caller.role();
    return r == Role.ADMIN || r == Role.SUPERVISOR || r == Role.AUDITOR;
  }

  public Section section(UUID caseId) {
    return section(caseId, null);
  }

  Section section(UUID caseId, UUID started) {
    if (!allowed()) {
      return new Section(caseId, false, List.of(), null);
    }
    Page<CheckRun> page = checks.ofCase(caseId, null, SHOWN);
    return new Section(caseId, true, page.items(), started);
  }

  /** One property of a report, with its failing and warning items counted for the summary. */
  public record PropertyView(
      String property, String result, List<CheckReport.Item> items, long failed, long warned) {}

  static List<PropertyView> properties(CheckReport report) {
    if (report == null) {
      return List.of();
    }
    return report.properties().stream()
        .map(
            p ->
                new PropertyView(
                    p.property().name(),
                    p.result().name(),
                    p.items(),
                    p.items().stream().filter(i -> i.result() == CheckReport.Result.FAIL).count(),
                    p.items().stream().filter(i -> i.result() == CheckReport.Result.WARN).count()))
        .toList();
  }
}
