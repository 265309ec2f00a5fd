package org.custodia.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.compliance.ComplianceReport;
import org.custodia.compliance.ComplianceService;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.EvidenceService;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.security.User;
import org.custodia.security.UserService;

/**
 * The dossier page's compliance panel, from {@link ComplianceService#report} (which recomputes a
 * queued case first, as {@code GET /api/v1/cases/{id}/compliance} does): the status, the open
 * findings with their action, records and acknowledgements, the resolved ones as history, and the
 * acknowledgement form for supervisors (the API's role rule). A refused acknowledgement is kept for
 * the request so that the page shows it next to its finding. Templates read the panel as {@code
 * {inject:complianceViews.panel(caseId)}}.
 */
@RequestScoped
@Named("complianceViews")
public class ComplianceViews {
  private final ComplianceService compliance;
  private final CaseService cases;
  private final EvidenceService evidence;
  private final UserService users;
  private final Caller caller;
  private Refusal refusal;

  ComplianceViews(
      ComplianceService compliance,
      CaseService cases,
      EvidenceService evidence,
      UserService users,
      Caller caller) {
    this.compliance = compliance;
    this.cases = cases;
    this.evidence = evidence;
    this.users = users;
    this.caller = caller;
  }

  /** An acknowledgement refused: of which finding, why (a message key), what was typed. */
  public record Refusal(UUID findingId, String error, String typed) {}

  /** A record a finding names, with the name its page shows. */
  public record RecordRef(UUID id, String name) {}

  /** An acknowledgement with the name of who wrote it. */
  public record AckRow(ComplianceReport.AcknowledgementView ack, String by) {}

  /** One finding with its action's type and window (null when it is about a record alone). */
  public record FindingRow(
      ComplianceReport.FindingView finding,
      String actionType,
      Instant actionFrom,
      Instant actionTo,
      List<RecordRef> records,
      List<AckRow> acks,
      Refusal refusal) {}

  /** The panel. */
  public record Panel(
      ComplianceReport report,
      String status,
      List<FindingRow> open,
      List<FindingRow> resolved,
      boolean canAcknowledge) {}

  void refuse(Refusal r) {
    this.refusal = r;
  }

  /** Whether the signed-in role may acknowledge (as the API's @RolesAllowed). */
  boolean canAcknowledge() {
    return caller.role() == Role.SUPERVISOR;
  }

  public Panel panel(UUID caseId) {
    ComplianceReport report = compliance.report(caseId);
    Map<UUID, CaseRecords.Action> actions = new HashMap<>();
    cases.get(caseId).actions().forEach(a -> actions.put(a.id(), a));
    Map<UUID, String> names = new HashMap<>();
    Map<UUID, String> people = new HashMap<>();
    List<FindingRow> open = new ArrayList<>();
    List<FindingRow> resolved = new ArrayList<>();
    for (ComplianceReport.FindingView f : report.findings()) {
      CaseRecords.Action a = f.actionId() == null ? null : actions.get(f.actionId());
      List<RecordRef> records =
          f.evidenceIds().stream()
              .map(id -> new RecordRef(id, names.computeIfAbsent(id, this::recordName)))
              .toList();
      List<AckRow> acks =
          f.acknowledgements().stream()
              .map(k -> new AckRow(k, people.computeIfAbsent(k.acknowledgedBy(), this::userName)))
              .toList();
      FindingRow row =
          new FindingRow(
              f,
              a == null ? null : a.type().name(),
              a == null ? null : a.from(),
              a == null ? null : a.to(),
              records,
              acks,
              refusal != null && refusal.findingId().equals(f.id()) ? refusal : null);
      (f.resolvedAt() == null ? open : resolved).add(row);
    }
    return new Panel(report, report.status().name(), open, resolved, canAcknowledge());
  }

  private String recordName(UUID id) {
    return evidence
        .find(id)
        .map(e -> e.title() != null && !e.title().isBlank() ? e.title() : e.filename())
        .orElse(id.toString());
  }

  private String userName(UUID id) {
    return users.byId(id).map(User::username).orElse(id.toString());
  }
}
