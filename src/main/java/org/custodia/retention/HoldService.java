package org.custodia.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.EvidenceService;
import org.custodia.dossier.SubjectService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.support.Ids;
import org.custodia.support.Page;

/**
 * Legal holds: placed on an item, a case or a subject by a supervisor or an administrator, lifted
 * only by another of them. While any hold reaches an item, the item is not disposed of and the
 * store holds its original and receipts.
 */
@ApplicationScoped
public class HoldService {
  private final HoldRepository holds;
  private final RetentionService retention;
  private final EvidenceService evidence;
  private final CaseService cases;
  private final SubjectService subjects;
  private final AuditService audit;
  private final Caller caller;

  HoldService(
      HoldRepository holds,
      RetentionService retention,
      EvidenceService evidence,
      CaseService cases,
      SubjectService subjects,
      AuditService audit,
      Caller caller) {
    this.holds = holds;
    this.retention = retention;
    this.evidence = evidence;
    this.cases = cases;
    this.subjects = subjects;
    this.audit = audit;
    this.caller = caller;
  }

  private void requireDecider(String what) {
    if (caller.role() != Role.SUPERVISOR && caller.role() != Role.ADMIN) {
      throw new CustodiaException(
          ProblemType.FORBIDDEN, "only a supervisor or an administrator " + what);
    }
  }

  /** The unit of a hold's target, provided the caller may see it ("not found" otherwise). */
  private UUID unitOf(Hold.Scope scope, UUID targetId) {
    return switch (scope) {
      case EVIDENCE -> evidence.visible(targetId).unitId();
      case CASE -> cases.get(targetId).unitId();
      case SUBJECT -> subjects.get(targetId).unitId();
    };
  }

  @Transactional
  public Hold place(Hold.Scope scope, UUID targetId, String reason, Instant until) {
    requireDecider("places a legal hold");
    if (until != null && !until.isAfter(Instant.now())) {
      throw CustodiaException.invalid("until", "a hold ends in the future, or is open-ended");
    }
    UUID unit = unitOf(scope, targetId);
    Hold h =
        new Hold(
            Ids.newId(),
            scope,
            targetId,
            unit,
            reason,
            until,
            caller.id(),
            Instant.now(),
            null,
            null,
            null);
    holds.insert(h);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("scope", scope.name());
    details.put("targetId", targetId.toString());
    details.put("unitId", unit.toString());
    details.put("reason", h.reason());
    if (until != null) {
      details.put("until", until.toString());
    }
    audit.record("hold.placed", AuditEvent.Target.of("hold", h.id()), details);
    retention.refreshCovered(h, "hold placed");
    return h;
  }

  @Transactional
  public Hold lift(UUID id, String reason) {
    requireDecider("lifts a legal hold");
    Hold h = holds.lock(id).orElseThrow(() -> CustodiaException.notFound("hold"));
    caller.requireSees(h.unitId(), "hold", id);
    if (h.placedBy().equals(caller.id())) {
      throw new CustodiaException(
          ProblemType.HOLD_SELF_LIFT,
          "a hold is lifted by another person than the one who placed it");
    }
    if (reason == null || reason.isBlank()) {
      throw CustodiaException.invalid("reason", "lifting a hold states its reason");
    }
    Instant now = Instant.now();
    if (!holds.lift(id, caller.id(), reason, now)) {
      throw new CustodiaException(ProblemType.HOLD_LIFTED, "the hold was lifted already");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("scope", h.scope().name());
    details.put("targetId", h.targetId().toString());
    details.put("placedBy", h.placedBy().toString());
    details.put("reason", reason);
    audit.record("hold.lifted", AuditEvent.Target.of("hold", id), details);
    Hold lifted = holds.byId(id).orElseThrow();
    retention.refreshCovered(lifted, "hold lifted");
    return lifted;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Hold get(UUID id) {
    Hold h = holds.byId(id).orElseThrow(() -> CustodiaException.notFound("hold"));
    caller.requireSees(h.unitId(), "hold", id);
    return h;
  }

  /** Holds the caller may see, newest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<Hold> search(
      UUID unitId, Hold.Scope scope, UUID targetId, Boolean active, UUID before, int limit) {
    UUID unit = unitId;
    if (!caller.global()) {
      if (unitId != null && !unitId.equals(caller.unitId())) {
        return new Page<>(java.util.List.of(), null);
      }
      unit = caller.unitId();
    }
    return Page.of(
        holds.search(unit, scope, targetId, active, Instant.now(), before, limit + 1),
        limit,
        Hold::id);
  }
}
