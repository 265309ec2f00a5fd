package org.custodia.compliance;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.dossier.ActionsChanged;
import org.custodia.dossier.CaseChanged;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.ClockOffsetReported;
import org.custodia.dossier.Device;
import org.custodia.dossier.DeviceService;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceKind;
import org.custodia.dossier.EvidenceLinked;
import org.custodia.dossier.EvidenceQuery;
import org.custodia.dossier.EvidenceService;
import org.custodia.dossier.Officer;
import org.custodia.dossier.OfficerService;
import org.custodia.error.CustodiaException;
import org.custodia.media.MediaProbed;
import org.custodia.media.MediaService;
import org.custodia.review.WallClock;
import org.custodia.security.Caller;
import org.custodia.support.Cursors;
import org.custodia.support.Page;
import org.custodia.support.Text;

/**
 * Recording compliance of dossiers. Every change that can alter a finding queues the case ({@code
 * compliance_pending}) in the transaction that makes the change (observers of the dossier's and
 * media's events), so no change is lost; {@link ComplianceJobs} and every read recompute queued
 * cases. A recompute evaluates the rules on facts loaded once and compares the findings with the
 * open ones by fingerprint: new ones are opened, vanished ones resolved, none deleted.
 */
@ApplicationScoped
public class ComplianceService {
  public static final String EVENT_ACKNOWLEDGED = "compliance.finding-acknowledged";
  public static final int MAX_EXPLANATION = 2000;
  private static final int PAGE = Cursors.MAX_LIMIT;

  private final ComplianceRepository repo;
  private final ComplianceRules rules;
  private final CaseService cases;
  private final EvidenceService evidence;
  private final DeviceService devices;
  private final OfficerService officers;
  private final MediaService media;
  private final AuditService audit;
  private final Caller caller;

  ComplianceService(
      ComplianceRepository repo,
      ComplianceRules rules,
      CaseService cases,
      EvidenceService evidence,
      DeviceService devices,
      OfficerService officers,
      MediaService media,
      AuditService audit,
      Caller caller) {
    this.repo = repo;
    this.rules = rules;
    this.cases = cases;
    this.evidence = evidence;
    this.devices = devices;
    this.officers = officers;
    this.media = media;
    this.audit = audit;
    this.caller = caller;
  }

  // ---- what queues a recompute (in the changing transaction) ----

  void onLinked(@Observes EvidenceLinked e) {
    queue(e.caseId());
    queue(e.previousCaseId());
  }

  void onActions(@Observes ActionsChanged e) {
    queue(e.caseId());
  }

  void onCaseChanged(@Observes CaseChanged e) {
    queue(e.caseId());
  }

  void onProbed(@Observes MediaProbed e) {
    evidence.find(e.evidenceId()).map(Evidence::link).ifPresent(l -> queue(l.caseId()));
  }

  /** A new clock offset moves every recording of the device: each case they are linked to. */
  void onClockOffset(@Observes ClockOffsetReported e) {
    EvidenceQuery.Filter filter =
        EvidenceQuery.Filter.builder().unitId(e.unitId()).deviceId(e.deviceId()).build();
    Set<UUID> affected = new LinkedHashSet<>();
    UUID before = null;
    while (true) {
      Page<Evidence> page = evidence.search(filter, before, PAGE);
      for (Evidence r : page.items()) {
        if (r.link() != null && r.link().caseId() != null) {
          affected.add(r.link().caseId());
        }
      }
      if (page.nextCursor() == null) {
        break;
      }
      before = Cursors.decode(page.nextCursor());
    }
    affected.forEach(this::queue);
  }

  private void queue(UUID caseId) {
    if (caseId != null) {
      repo.markPending(caseId);
    }
  }

  // ---- recompute ----

  /** Loads what the rules look at for the case; empty when there is no such case. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<DossierFacts> facts(UUID caseId) {
    return cases.findDossier(caseId).map(this::facts);
  }

  private DossierFacts facts(CaseRecords.Dossier d) {
    List<Evidence> linked = new ArrayList<>();
    EvidenceQuery.Filter filter =
        EvidenceQuery.Filter.builder().unitId(d.unitId()).caseId(d.id()).build();
    UUID before = null;
    while (true) {
      Page<Evidence> page = evidence.search(filter, before, PAGE);
      for (Evidence e : page.items()) {
        if ((e.kind() == EvidenceKind.VIDEO || e.kind() == EvidenceKind.AUDIO)
            && e.recordedFrom() != null) {
          linked.add(e);
        }
      }
      if (page.nextCursor() == null) {
        break;
      }
      before = Cursors.decode(page.nextCursor());
    }
    Map<UUID, Long> durations = media.durations(linked.stream().map(Evidence::id).toList());
    Map<UUID, Long> offsets = new HashMap<>();
    Map<UUID, DossierFacts.OfficerFacts> people = new HashMap<>();
    List<DossierFacts.Recording> recordings = new ArrayList<>(linked.size());
    for (Evidence e : linked) {
      Long offset =
          e.deviceId() == null
              ? null
              : offsets.computeIfAbsent(
                  e.deviceId(), id -> devices.find(id).map(Device::clockOffsetMs).orElse(null));
      WallClock wall =
          WallClock.of(e.recordedFrom(), e.recordedTo(), durations.get(e.id()), offset);
      recordings.add(new DossierFacts.Recording(e.id(), e.officerId(), wall, e.ingestedAt()));
      if (e.officerId() != null && !people.containsKey(e.officerId())) {
        officers.find(e.officerId()).ifPresent(o -> people.put(o.id(), officerFacts(o)));
      }
    }
    recordings.sort(
        Comparator.comparing(DossierFacts.Recording::from)
            .thenComparing(DossierFacts.Recording::id));
    List<CaseRecords.Action> actions = new ArrayList<>(d.actions());
    actions.sort(
        Comparator.comparing(CaseRecords.Action::from).thenComparing(CaseRecords.Action::id));
    return new DossierFacts(d.id(), d.unitId(), List.copyOf(actions), recordings, people);
  }

  private DossierFacts.OfficerFacts officerFacts(Officer o) {
    return new DossierFacts.OfficerFacts(o.id(), o.auxiliary(), officers.historyOf(o.id()));
  }

  /**
   * Recomputes the case's findings now, in its own transaction, taking it off the queue; a change
   * committed meanwhile queues it again.
   */
  public void recompute(UUID caseId) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              repo.takePending(caseId);
              cases.findDossier(caseId).ifPresent(d -> apply(d, facts(d)));
            });
  }

  /**
   * Recomputes one queued case nobody else is recomputing, in its own transaction; false when none
   * is queued.
   */
  public boolean recomputeNext() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<UUID> next = repo.lockPending(1);
              if (next.isEmpty()) {
                return false;
              }
              UUID caseId = next.get(0);
              repo.takePending(caseId);
              cases.findDossier(caseId).ifPresent(d -> apply(d, facts(d)));
              return true;
            });
  }

  /** Recomputes queued cases until none is left; returns how many. */
  public int drain() {
    int n = 0;
    while (recomputeNext()) {
      n++;
    }
    return n;
  }

  /** Queues every case given for a recompute (e.g. after the rule set changed). */
  @Transactional
  public void queueAll(List<UUID> caseIds) {
    caseIds.forEach(this::queue);
  }

  private void apply(CaseRecords.Dossier d, DossierFacts facts) {
    RuleEngine engine = rules.engine();
    Map<String, Finding> found = new LinkedHashMap<>();
    for (Finding f : engine.evaluate(facts)) {
      found.putIfAbsent(f.fingerprint(), f);
    }
    Instant now = Instant.now();
    int violations = 0;
    int warnings = 0;
    for (ComplianceRepository.StoredFinding open : repo.open(d.id())) {
      if (found.remove(open.fingerprint()) == null) {
        repo.resolve(open.id(), now);
      } else if (open.finding().severity() == Severity.VIOLATION) {
        violations++;
      } else {
        warnings++;
      }
    }
    for (Finding f : found.values()) {
      repo.insert(org.custodia.support.Ids.newId(), d.id(), d.unitId(), f, now);
      if (f.severity() == Severity.VIOLATION) {
        violations++;
      } else {
        warnings++;
      }
    }
    Instant activeFrom = null;
    Instant activeTo = null;
    for (CaseRecords.Action a : facts.actions()) {
      activeFrom = activeFrom == null || a.from().isBefore(activeFrom) ? a.from() : activeFrom;
      activeTo = activeTo == null || a.to().isAfter(activeTo) ? a.to() : activeTo;
    }
    ComplianceStatus status =
        violations > 0
            ? ComplianceStatus.VIOLATIONS
            : warnings > 0 ? ComplianceStatus.WARNINGS : ComplianceStatus.COMPLIANT;
    repo.saveCase(
        new ComplianceRepository.CaseRow(
            d.id(),
            d.unitId(),
            status,
            violations,
            warnings,
            engine.ruleSet().version(),
            now,
            activeFrom,
            activeTo));
  }

  // ---- reading ----

  /**
   * The compliance of a case the caller may see (another unit's: "not found", audited), recomputed
   * first when a change is queued or it was never computed.
   */
  public ComplianceReport report(UUID caseId) {
    cases.get(caseId);
    if (repo.caseRow(caseId).isEmpty() || pending(caseId)) {
      recompute(caseId);
    }
    ComplianceRepository.CaseRow row = repo.caseRow(caseId).orElseThrow();
    Map<UUID, List<ComplianceReport.AcknowledgementView>> acks = new HashMap<>();
    for (ComplianceRepository.Acknowledgement a : repo.acknowledgements(caseId)) {
      acks.computeIfAbsent(a.findingId(), k -> new ArrayList<>())
          .add(
              new ComplianceReport.AcknowledgementView(
                  a.id(), a.findingId(), a.explanation(), a.acknowledgedBy(), a.acknowledgedAt()));
    }
    List<ComplianceReport.FindingView> findings = new ArrayList<>();
    for (ComplianceRepository.StoredFinding s : repo.history(caseId)) {
      Finding f = s.finding();
      findings.add(
          new ComplianceReport.FindingView(
              s.id(),
              f.rule(),
              f.ruleVersion(),
              f.severity(),
              f.clause(),
              f.actionId(),
              f.evidenceIds(),
              f.from(),
              f.to(),
              Duration.between(f.from(), f.to()).toMillis(),
              f.detail(),
              f.detailCode(),
              f.detailArgs(),
              s.firstSeenAt(),
              s.resolvedAt(),
              List.copyOf(acks.getOrDefault(s.id(), List.of()))));
    }
    return new ComplianceReport(
        row.caseId(),
        row.unitId(),
        row.status(),
        row.violations(),
        row.warnings(),
        row.rulesVersion(),
        row.evaluatedAt(),
        findings);
  }

  /**
   * The status each of {@code caseIds} had when last computed (a change still queued is not in it;
   * a case never computed is absent), for lists of cases the caller already sees.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<UUID, ComplianceStatus> lastStatuses(java.util.Collection<UUID> caseIds) {
    return repo.statuses(caseIds);
  }

  private boolean pending(UUID caseId) {
    return repo.isPending(caseId);
  }

  /**
   * Non-compliant dossiers of {@code unitId} (global roles: null for all; unit-scoped roles: their
   * own, another unit is "not found", audited) of {@code status} (null: both) whose actions run
   * during [from, to) (either null: open), after queued recomputes ran.
   */
  public Page<ComplianceReport.Listed> nonCompliant(
      UUID unitId, Instant from, Instant to, ComplianceStatus status, UUID after, int limit) {
    if (status == ComplianceStatus.COMPLIANT) {
      throw CustodiaException.invalid("status", "status must be VIOLATIONS or WARNINGS");
    }
    return dossiers(unitId, from, to, status, after, limit);
  }

  /**
   * As {@link #nonCompliant}, and {@code status} COMPLIANT lists the compliant dossiers (the web
   * page's filter).
   */
  public Page<ComplianceReport.Listed> dossiers(
      UUID unitId, Instant from, Instant to, ComplianceStatus status, UUID after, int limit) {
    if (from != null && to != null && !to.isAfter(from)) {
      throw CustodiaException.invalid("to", "to must be after from");
    }
    UUID unit = unitId;
    if (!caller.global()) {
      unit = unitId == null ? caller.unitId() : unitId;
      caller.requireSees(unit, "unit", unit);
    }
    drain();
    List<ComplianceReport.Listed> rows = new ArrayList<>();
    for (ComplianceRepository.CaseRow c : repo.listed(unit, status, from, to, after, limit + 1)) {
      Optional<CaseRecords.CaseSummary> summary = cases.find(c.caseId());
      rows.add(
          new ComplianceReport.Listed(
              c.caseId(),
              c.unitId(),
              summary.map(CaseRecords.CaseSummary::caseNo).orElse(null),
              summary.map(CaseRecords.CaseSummary::title).orElse(null),
              c.status(),
              c.violations(),
              c.warnings(),
              c.evaluatedAt(),
              c.activeFrom(),
              c.activeTo()));
    }
    return Page.of(rows, limit, ComplianceReport.Listed::caseId);
  }

  // ---- acknowledgement ----

  /**
   * A supervisor's written explanation of a finding of a case they may see: stored exactly,
   * audited; the finding stays and still counts.
   */
  @Transactional
  public ComplianceReport.AcknowledgementView acknowledge(
      UUID caseId, UUID findingId, String explanation) {
    CaseRecords.Dossier d = cases.get(caseId);
    ComplianceRepository.StoredFinding finding =
        repo.finding(findingId)
            .filter(f -> f.caseId().equals(d.id()))
            .orElseThrow(() -> CustodiaException.notFound("finding"));
    Text.require("explanation", explanation);
    if (explanation == null || explanation.isBlank()) {
      throw CustodiaException.invalid("explanation", "a written explanation is required");
    }
    if (explanation.length() > MAX_EXPLANATION) {
      throw CustodiaException.invalid(
          "explanation", "explanation must be at most " + MAX_EXPLANATION + " characters");
    }
    ComplianceRepository.Acknowledgement a =
        new ComplianceRepository.Acknowledgement(
            org.custodia.support.Ids.newId(), findingId, explanation, caller.id(), Instant.now());
    repo.insertAcknowledgement(a);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("findingId", findingId.toString());
    details.put("rule", finding.finding().rule());
    details.put("ruleVersion", finding.finding().ruleVersion());
    details.put("acknowledgementId", a.id().toString());
    details.put("explanationSha256", org.custodia.digest.Sha256.hexOfText(explanation));
    audit.record(EVENT_ACKNOWLEDGED, AuditEvent.Target.of("case", caseId), details);
    return new ComplianceReport.AcknowledgementView(
        a.id(), a.findingId(), a.explanation(), a.acknowledgedBy(), a.acknowledgedAt());
  }

  /** The version of the rule set in force. */
  public String rulesVersion() {
    return rules.engine().ruleSet().version();
  }

  /**
   * Findings of a unit (null: every unit) first seen in [from, to), by rule and severity, as they
   * stood at {@code to}: one aggregate, for the yearly statistics.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<FindingCount> yearCounts(UUID unit, Instant from, Instant to) {
    return repo.yearCounts(unit, from, to);
  }
}
