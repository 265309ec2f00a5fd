package org.custodia.disclosure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.calendar.CalendarService;
import org.custodia.calendar.WorkingCalendar;
import org.custodia.dossier.CaseChanged;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.CaseStatus;
import org.custodia.dossier.CaseType;
import org.custodia.dossier.SqlQuery;
import org.custodia.error.CustodiaException;
import org.custodia.security.Caller;

/**
 * Disclosure deadlines of case decisions: what a unit recorded (published on, revoked on, withdrawn
 * on) and, computed on read over the working-day calendar, each deadline and where it stands.
 */
@ApplicationScoped
public class DisclosureService {
  private final DisclosureRepository disclosures;
  private final DisclosureRules rules;
  private final CalendarService calendar;
  private final CaseService cases;
  private final AuditService audit;
  private final Caller caller;

  DisclosureService(
      DisclosureRepository disclosures,
      DisclosureRules rules,
      CalendarService calendar,
      CaseService cases,
      AuditService audit,
      Caller caller) {
    this.disclosures = disclosures;
    this.rules = rules;
    this.calendar = calendar;
    this.cases = cases;
    this.audit = audit;
    this.caller = caller;
  }

  /** What is recorded about a decision; each field null: left as it is. */
  public record Change(
      DecisionKind kind, LocalDate disclosedOn, LocalDate revokedOn, LocalDate withdrawnOn) {}

  /** The case fields a disclosure needs. */
  private record Decision(
      UUID id,
      UUID unitId,
      String caseNo,
      CaseType type,
      CaseStatus status,
      LocalDate decisionDate) {}

  public LocalDate today() {
    return LocalDate.now(rules.current().zone());
  }

  /** One case's disclosure on {@code asOf} (null: today); another unit's case is not found. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Disclosure get(UUID caseId, LocalDate asOf) {
    Decision d = decision(cases.get(caseId));
    return compute(
        d, disclosures.byCase(caseId), calendar.current(), asOf == null ? today() : asOf);
  }

  /**
   * Records dates of a decision's disclosure. A date is never before the decision, nor after today;
   * a withdrawal is never before the revocation; revocation and withdrawal only for a revoked case.
   * Audited with what changed.
   */
  @Transactional
  public Disclosure record(UUID caseId, Change change) {
    Decision d = decision(cases.get(caseId));
    if (d.decisionDate() == null) {
      throw CustodiaException.invalid(
          "caseId", "the case has no decision date yet: there is nothing to disclose");
    }
    if (change.kind() == DecisionKind.REVOCATION) {
      throw CustodiaException.invalid(
          "kind", "PENALTY, LICENSING or OTHER: a revocation follows from the case's status");
    }
    Optional<DisclosureRecord> old = disclosures.lock(caseId);
    DecisionKind kind = pick(change.kind(), old.map(DisclosureRecord::kind));
    LocalDate disclosed = pick(change.disclosedOn(), old.map(DisclosureRecord::disclosedOn));
    LocalDate revoked = pick(change.revokedOn(), old.map(DisclosureRecord::revokedOn));
    LocalDate withdrawn = pick(change.withdrawnOn(), old.map(DisclosureRecord::withdrawnOn));
    LocalDate today = today();
    notBefore("disclosedOn", disclosed, d.decisionDate(), "the decision date");
    notAfterToday("disclosedOn", disclosed, today);
    if ((change.revokedOn() != null || change.withdrawnOn() != null)
        && d.status() != CaseStatus.REVOKED) {
      throw CustodiaException.invalid(
          change.revokedOn() != null ? "revokedOn" : "withdrawnOn",
          "the case is " + d.status() + ", not REVOKED");
    }
    notBefore("revokedOn", revoked, d.decisionDate(), "the decision date");
    notAfterToday("revokedOn", revoked, today);
    if (withdrawn != null && revoked == null) {
      throw CustodiaException.invalid("withdrawnOn", "the revocation date is not recorded");
    }
    notBefore("withdrawnOn", withdrawn, revoked, "the revocation date");
    notAfterToday("withdrawnOn", withdrawn, today);
    DisclosureRecord r =
        new DisclosureRecord(caseId, d.unitId(), kind, disclosed, revoked, withdrawn, caller.id());
    disclosures.upsert(r);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("unitId", d.unitId().toString());
    changed(details, "kind", old.map(DisclosureRecord::kind).orElse(null), kind);
    changed(details, "disclosedOn", old.map(DisclosureRecord::disclosedOn).orElse(null), disclosed);
    changed(details, "revokedOn", old.map(DisclosureRecord::revokedOn).orElse(null), revoked);
    changed(details, "withdrawnOn", old.map(DisclosureRecord::withdrawnOn).orElse(null), withdrawn);
    audit.record("disclosure.recorded", AuditEvent.Target.of("case", caseId), details);
    return compute(d, Optional.of(r), calendar.current(), today);
  }

  /**
   * Decisions of a unit made in [from, to] (defaults: the configured window up to {@code asOf}),
   * with any obligation at {@code status} when given. Another unit is not found for a unit-scoped
   * caller (audited as a denial).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Disclosure> list(
      UUID unitId, DisclosureStatus status, LocalDate asOf, LocalDate from, LocalDate to) {
    UUID unit = unitId == null ? caller.unitId() : unitId;
    if (unit == null) {
      throw CustodiaException.invalid("unitId", "the unit whose decisions to list");
    }
    caller.requireSees(unit, "unit", unit);
    LocalDate day = asOf == null ? today() : asOf;
    LocalDate last = to == null ? day : to;
    LocalDate first = from == null ? last.minusDays(rules.current().windowDays() - 1L) : from;
    if (first.isAfter(last)) {
      throw CustodiaException.invalid("from", "from is after to");
    }
    if (ChronoUnit.DAYS.between(first, last) >= rules.current().windowDays()) {
      throw CustodiaException.invalid(
          "from", "at most " + rules.current().windowDays() + " days of decisions at once");
    }
    List<CaseRecords.CaseSummary> decided = cases.decidedBetween(unit, first, last, null);
    Map<UUID, DisclosureRecord> recorded =
        disclosures.byCases(decided.stream().map(CaseRecords.CaseSummary::id).toList()).stream()
            .collect(Collectors.toMap(DisclosureRecord::caseId, Function.identity()));
    WorkingCalendar cal = calendar.current();
    List<Disclosure> out = new ArrayList<>();
    for (CaseRecords.CaseSummary c : decided) {
      Disclosure disclosure =
          compute(
              new Decision(c.id(), c.unitId(), c.caseNo(), c.type(), c.status(), c.decisionDate()),
              Optional.ofNullable(recorded.get(c.id())),
              cal,
              day);
      if (status == null || disclosure.has(status)) {
        out.add(disclosure);
      }
    }
    return out;
  }

  /**
   * Where the disclosure of the decisions a dossier subquery selects stood on {@code asOf}, counted
   * by status (ON_TIME, LATE, OVERDUE, DUE, DUE_SOON, UNKNOWN): the deadline of each and its status
   * exactly as {@link #get} computes them, once per group of decisions alike (same decision date,
   * kind and disclosure date), never once per decision.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<DisclosureStatus, Long> timeliness(SqlQuery decisions, LocalDate asOf) {
    WorkingCalendar cal = calendar.current();
    Map<DisclosureStatus, Long> out = new java.util.EnumMap<>(DisclosureStatus.class);
    for (DisclosureRepository.DecisionGroup g : disclosures.groups(decisions)) {
      DecisionKind kind = g.kind() != null ? g.kind() : DecisionKind.of(g.type());
      DisclosureStatus status =
          obligation(Disclosure.Action.DISCLOSE, kind, g.decisionDate(), g.disclosedOn(), cal, asOf)
              .status();
      out.merge(status, g.count(), Long::sum);
    }
    return out;
  }

  /** The version of the disclosure rules in force. */
  public String rulesVersion() {
    return rules.current().version();
  }

  /**
   * A case revoked: the withdrawal period runs from today (recorded once; the unit corrects it when
   * the revocation was dated earlier). Runs in the transaction that changed the case.
   */
  void onCaseChanged(@Observes CaseChanged event) {
    if (event.status() != CaseStatus.REVOKED) {
      return;
    }
    CaseRecords.CaseSummary c = cases.find(event.caseId()).orElseThrow();
    Optional<DisclosureRecord> old = disclosures.lock(c.id());
    if (old.isPresent() && old.get().revokedOn() != null) {
      return;
    }
    LocalDate today = today();
    disclosures.upsert(
        new DisclosureRecord(
            c.id(),
            c.unitId(),
            old.map(DisclosureRecord::kind).orElse(null),
            old.map(DisclosureRecord::disclosedOn).orElse(null),
            today,
            null,
            caller.id()));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("unitId", c.unitId().toString());
    details.put("revokedOn", today.toString());
    audit.record("disclosure.revocation-dated", AuditEvent.Target.of("case", c.id()), details);
  }

  private static Decision decision(CaseRecords.Dossier d) {
    return new Decision(d.id(), d.unitId(), d.caseNo(), d.type(), d.status(), d.decisionDate());
  }

  private Disclosure compute(
      Decision d, Optional<DisclosureRecord> r, WorkingCalendar cal, LocalDate asOf) {
    DisclosureRules.Rules rs = rules.current();
    DecisionKind base = r.map(DisclosureRecord::kind).orElse(DecisionKind.of(d.type()));
    boolean revoked = d.status() == CaseStatus.REVOKED;
    LocalDate disclosed = r.map(DisclosureRecord::disclosedOn).orElse(null);
    LocalDate revokedOn = r.map(DisclosureRecord::revokedOn).orElse(null);
    LocalDate withdrawn = r.map(DisclosureRecord::withdrawnOn).orElse(null);
    List<Disclosure.Obligation> obligations = new ArrayList<>();
    if (d.decisionDate() != null) {
      obligations.add(
          obligation(Disclosure.Action.DISCLOSE, base, d.decisionDate(), disclosed, cal, asOf));
      if (revoked) {
        obligations.add(
            obligation(
                Disclosure.Action.WITHDRAW,
                DecisionKind.REVOCATION,
                revokedOn,
                withdrawn,
                cal,
                asOf));
      }
    }
    return new Disclosure(
        d.id(),
        d.unitId(),
        d.caseNo(),
        d.type(),
        d.status(),
        d.decisionDate(),
        revoked ? DecisionKind.REVOCATION : base,
        r.map(DisclosureRecord::kind).isPresent(),
        disclosed,
        revokedOn,
        withdrawn,
        asOf,
        rs.version(),
        List.copyOf(obligations));
  }

  private Disclosure.Obligation obligation(
      Disclosure.Action action,
      DecisionKind kind,
      LocalDate from,
      LocalDate done,
      WorkingCalendar cal,
      LocalDate asOf) {
    DisclosureRules.Rule rule = rules.current().rules().get(kind);
    if (from == null) {
      return new Disclosure.Obligation(
          action,
          kind,
          rule.workingDays(),
          rule.clause(),
          null,
          null,
          null,
          done,
          DisclosureStatus.UNKNOWN,
          null);
    }
    WorkingCalendar.Count count = cal.add(from, rule.workingDays());
    LocalDate due = count.due();
    DisclosureStatus status;
    Integer left = null;
    if (!count.covered()) {
      status = DisclosureStatus.UNKNOWN;
    } else if (done != null && !done.isAfter(asOf)) {
      status = done.isAfter(due) ? DisclosureStatus.LATE : DisclosureStatus.ON_TIME;
    } else if (asOf.isAfter(due)) {
      status = DisclosureStatus.OVERDUE;
    } else {
      left = cal.workingDaysBetween(asOf, due);
      status =
          left != null && left <= rules.current().dueSoonWorkingDays()
              ? DisclosureStatus.DUE_SOON
              : DisclosureStatus.DUE;
    }
    return new Disclosure.Obligation(
        action,
        kind,
        rule.workingDays(),
        rule.clause(),
        from,
        due,
        count.uncoveredYear(),
        done,
        status,
        left);
  }

  private static <T> T pick(T given, Optional<T> old) {
    return given != null ? given : old.orElse(null);
  }

  private static void notBefore(String field, LocalDate d, LocalDate floor, String what) {
    if (d != null && floor != null && d.isBefore(floor)) {
      throw CustodiaException.invalid(field, d + " is before " + what + " " + floor);
    }
  }

  private static void notAfterToday(String field, LocalDate d, LocalDate today) {
    if (d != null && d.isAfter(today)) {
      throw CustodiaException.invalid(field, d + " is in the future (today is " + today + ")");
    }
  }

  private static void changed(Map<String, Object> details, String field, Object from, Object to) {
    if (!Objects.equals(from, to)) {
      Map<String, Object> change = new LinkedHashMap<>();
      if (from != null) {
        change.put("from", from.toString());
      }
      change.put("to", to.toString());
      details.put(field, change);
    }
  }
}
