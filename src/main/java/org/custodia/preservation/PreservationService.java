package org.custodia.preservation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CaseService;
import org.custodia.error.CustodiaException;
import org.custodia.security.Caller;
import org.custodia.support.Ids;
import org.custodia.support.Page;

/**
 * Four-property checks as callers and other features see them: who may start and read one
 * (administrators, supervisors, and a unit's auditor for its unit's cases: {@link Caller} decides
 * the unit scope, another unit's case is "not found" and the denial audited), queuing one for the
 * service's own triggers (case closed, periodic), and running one at once before an export.
 */
@ApplicationScoped
public class PreservationService {
  /** The record kind a not-found problem names. */
  public static final String WHAT = "four-property check";

  private final CheckRepository checks;
  private final CheckJobs jobs;
  private final CaseService cases;
  private final Caller caller;
  private final AuditService audit;

  PreservationService(
      CheckRepository checks,
      CheckJobs jobs,
      CaseService cases,
      Caller caller,
      AuditService audit) {
    this.checks = checks;
    this.jobs = jobs;
    this.cases = cases;
    this.caller = caller;
    this.audit = audit;
  }

  /** Queues a check of a case the caller may see; the workers run it. */
  @Transactional
  public CheckRun start(UUID caseId) {
    CaseRecords.Dossier c = cases.get(caseId);
    UUID id = Ids.newId();
    checks.insert(id, caseId, c.unitId(), CheckRun.Trigger.MANUAL, caller.id());
    audit.record(
        "four-property-check.requested", target(id), details(caseId, CheckRun.Trigger.MANUAL));
    return checks.byId(id).orElseThrow();
  }

  /** A check the caller may see, with its report once DONE. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public CheckRun get(UUID id) {
    CheckRun run = checks.byId(id).orElseThrow(() -> CustodiaException.notFound(WHAT));
    caller.requireSees(run.unitId(), WHAT, id);
    return run;
  }

  /** The checks of a case the caller may see, newest first, without their reports. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<CheckRun> ofCase(UUID caseId, UUID before, int limit) {
    cases.get(caseId);
    return Page.of(
        checks.ofCase(caseId, before, limit + 1).stream().map(CheckRun::withoutReport).toList(),
        limit,
        CheckRun::id);
  }

  /**
   * Queues a check for the service's own reasons (a case closed, the periodic schedule), in a
   * transaction of its own; none when one is queued or running already. Returns its id, or null.
   */
  public UUID queue(UUID caseId, CheckRun.Trigger trigger) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              if (checks.pending(caseId)) {
                return null;
              }
              UUID unit = cases.find(caseId).orElseThrow().unitId();
              UUID id = Ids.newId();
              checks.insert(id, caseId, unit, trigger, null);
              audit.recordSystem(
                  "four-property-check.requested", target(id), details(caseId, trigger));
              return id;
            });
  }

  /**
   * Checks a case now, in the calling thread (the export job, before it packages the case): the
   * check is kept and audited like any other. A failing check is returned like a passing one.
   */
  public CheckRun runNow(UUID caseId, CheckRun.Trigger trigger, BooleanSupplier keepGoing) {
    UUID unit =
        QuarkusTransaction.requiringNew().call(() -> cases.find(caseId).orElseThrow().unitId());
    return jobs.runInline(caseId, unit, trigger, keepGoing);
  }

  /** A check whoever asks: for the service's own work (the export job), never for a caller. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<CheckRun> find(UUID id) {
    return checks.byId(id);
  }

  static Map<String, Object> details(UUID caseId, CheckRun.Trigger trigger) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("caseId", caseId.toString());
    d.put("trigger", trigger.name());
    return d;
  }

  static AuditEvent.Target target(UUID id) {
    return AuditEvent.Target.of("four-property-check", id.toString());
  }
}
