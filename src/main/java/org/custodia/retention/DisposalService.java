package org.custodia.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.security.Caller;
import org.custodia.security.Role;
import org.custodia.support.Ids;
import org.custodia.support.Page;

/**
 * Disposal as a reviewed batch: a supervisor or an administrator lists the candidates (expired, not
 * held, at the time of the request), a second one approves, and {@link DisposalJobs} deletes.
 */
@ApplicationScoped
public class DisposalService {
  /** The most items one disposal lists; the rest wait for the next one. */
  static final int MAX_ITEMS = 10_000;

  private final DisposalRepository disposals;
  private final RetentionService retention;
  private final AuditService audit;
  private final Caller caller;

  DisposalService(
      DisposalRepository disposals, RetentionService retention, AuditService audit, Caller caller) {
    this.disposals = disposals;
    this.retention = retention;
    this.audit = audit;
    this.caller = caller;
  }

  private void requireDecider(String what) {
    if (caller.role() != Role.SUPERVISOR && caller.role() != Role.ADMIN) {
      throw new CustodiaException(
          ProblemType.FORBIDDEN, "only a supervisor or an administrator " + what);
    }
  }

  /** A candidate for disposal now: its class and the date its retention ended. */
  public record Candidate(UUID evidenceId, RetentionClass retentionClass, Instant deleteAfter) {}

  /**
   * What a disposal proposed now would list (the same checks, nothing written): the expired, unheld
   * items of a unit (all the caller sees when null), oldest retention end first.
   */
  @Transactional
  public List<Candidate> candidates(UUID unitId, int limit) {
    UUID unit = unitId;
    if (!caller.global()) {
      if (unitId != null && !unitId.equals(caller.unitId())) {
        return List.of();
      }
      unit = caller.unitId();
    }
    Instant now = Instant.now();
    List<Candidate> out = new ArrayList<>();
    for (UUID id : retention.expired(unit, now, limit)) {
      if (retention.eligibility(id, now).eligible()) {
        RetentionService.Summary s = retention.summaries(List.of(id)).get(id);
        out.add(new Candidate(id, s.retentionClass(), s.deleteAfter()));
      }
    }
    return out;
  }

  /** Lists the candidates of a unit (all units when null) as a disposal pending approval. */
  @Transactional
  public Disposal propose(UUID unitId, String reason) {
    requireDecider("proposes a disposal");
    if (unitId != null && !caller.sees(unitId)) {
      throw CustodiaException.invalid("unitId", "no such unit");
    }
    Instant now = Instant.now();
    List<UUID> candidates = new ArrayList<>();
    Map<UUID, String> skipped = new LinkedHashMap<>();
    for (UUID id : retention.expired(unitId, now, MAX_ITEMS)) {
      RetentionService.Eligibility el = retention.eligibility(id, now);
      if (!el.eligible()) {
        continue;
      }
      // the class allows it, the store may not yet (the bucket's default retention from the upload)
      String refused = RetentionService.storeRefusal(retention.storeLocks(el.evidence()), now);
      if (refused == null) {
        candidates.add(id);
      } else {
        skipped.put(id, refused);
      }
    }
    Disposal d =
        new Disposal(
            Ids.newId(),
            unitId,
            caller.id(),
            now,
            reason,
            Disposal.State.PENDING_APPROVAL,
            null,
            null,
            null,
            null);
    disposals.insert(d, candidates);
    skipped.forEach((id, why) -> disposals.insertSkipped(d.id(), id, why, now));
    Map<String, Object> details = new LinkedHashMap<>();
    if (unitId != null) {
      details.put("unitId", unitId.toString());
    }
    details.put("items", candidates.size());
    details.put("evidenceIds", candidates.stream().map(UUID::toString).toList());
    if (!skipped.isEmpty()) {
      details.put("skipped", skipped.keySet().stream().map(UUID::toString).toList());
    }
    details.put("reason", d.reason());
    audit.record("disposal.proposed", AuditEvent.Target.of("disposal", d.id()), details);
    return get(d.id());
  }

  /** A second person's approval: a supervisor or an administrator, never the requester, once. */
  @Transactional
  public Disposal approve(UUID id, String reason) {
    requireDecider("approves a disposal");
    Disposal d = disposals.lock(id).orElseThrow(() -> CustodiaException.notFound("disposal"));
    if (d.requestedBy().equals(caller.id())) {
      throw new CustodiaException(
          ProblemType.DISPOSAL_SELF_APPROVAL, "the requester of a disposal cannot approve it");
    }
    if (reason == null || reason.isBlank()) {
      throw CustodiaException.invalid("reason", "an approval states its reason");
    }
    if (!disposals.approve(id, caller.id(), Instant.now())) {
      throw new CustodiaException(
          ProblemType.DISPOSAL_DECIDED, "the disposal is " + d.state() + ", not pending approval");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("requestedBy", d.requestedBy().toString());
    details.put("reason", reason);
    audit.record("disposal.approved", AuditEvent.Target.of("disposal", id), details);
    return get(id);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Disposal get(UUID id) {
    Disposal d = disposals.byId(id).orElseThrow(() -> CustodiaException.notFound("disposal"));
    if (d.unitId() == null ? !caller.global() : !caller.sees(d.unitId())) {
      caller.requireSees(d.unitId() == null ? new UUID(0, 0) : d.unitId(), "disposal", id);
    }
    return d.withItems(disposals.items(id));
  }

  /** Disposals the caller may see, newest first (without their items). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<Disposal> search(UUID before, int limit) {
    return Page.of(
        disposals.search(caller.unitId(), caller.global(), before, limit + 1), limit, Disposal::id);
  }
}
