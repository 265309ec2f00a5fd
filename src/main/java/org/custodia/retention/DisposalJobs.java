package org.custodia.retention;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.dossier.Evidence;
import org.custodia.media.Derived;
import org.custodia.media.MediaService;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.storage.ProtectedObjectException;
import org.custodia.storage.StoredObject;
import org.jboss.logging.Logger;

/**
 * Runs approved disposals item by item, each in its own transaction, so that a job stopped half-way
 * (a crash, a restart) resumes with the items still PENDING. Every item is checked again when its
 * turn comes: a hold placed after the approval, or a retention extended since, wins. The original
 * goes first, then the receipts, then the derived files (review copy, poster, sprite sheet: not
 * evidence, never retained, but nothing of the item stays); a deletion already done (the process
 * died before it committed) is not done twice.
 */
@ApplicationScoped
public class DisposalJobs {
  private static final Logger LOG = Logger.getLogger(DisposalJobs.class);

  private final DisposalRepository disposals;
  private final RetentionService retention;
  private final ProtectionPort port;
  private final ObjectStore store;
  private final AuditService audit;
  private final MediaService media;

  DisposalJobs(
      DisposalRepository disposals,
      RetentionService retention,
      ProtectionPort port,
      ObjectStore store,
      AuditService audit,
      MediaService media) {
    this.media = media;
    this.disposals = disposals;
    this.retention = retention;
    this.port = port;
    this.store = store;
    this.audit = audit;
  }

  @Scheduled(
      every = "${custodia.retention.disposal-every:30s}",
      delayed = "${custodia.retention.disposal-every:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void job() {
    try {
      runApproved();
    } catch (RuntimeException e) {
      LOG.warnf("disposal job failed, will run again: %s", e.getMessage());
    }
    try {
      retention.sweep(1000);
    } catch (RuntimeException e) {
      LOG.warnf("retention sweep failed, will run again: %s", e.getMessage());
    }
  }

  /** Runs every approved disposal to its end; returns how many items were handled. */
  public int runApproved() {
    int n = 0;
    for (UUID id : QuarkusTransaction.requiringNew().call(disposals::approved)) {
      n += run(id, Integer.MAX_VALUE);
    }
    return n;
  }

  /** Handles at most {@code max} pending items of one disposal; returns how many it handled. */
  public int run(UUID disposalId, int max) {
    int n = 0;
    while (n < max && QuarkusTransaction.requiringNew().call(() -> next(disposalId))) {
      n++;
    }
    return n;
  }

  /** One item (or the disposal's end); false when nothing was left to do. */
  private boolean next(UUID disposalId) {
    Optional<Disposal> d = disposals.byId(disposalId);
    if (d.isEmpty() || d.get().state() != Disposal.State.APPROVED) {
      return false;
    }
    Optional<UUID> claimed = disposals.claimPending(disposalId);
    Instant now = Instant.now();
    if (claimed.isEmpty()) {
      if (disposals.finishIfComplete(disposalId, now)) {
        Map<String, Object> details = new LinkedHashMap<>();
        List<Disposal.Item> items = disposals.items(disposalId);
        details.put("deleted", items.stream().filter(i -> i.state().equals("DELETED")).count());
        details.put("skipped", items.stream().filter(i -> i.state().equals("SKIPPED")).count());
        audit.recordSystem(
            "disposal.finished", AuditEvent.Target.of("disposal", disposalId), details);
      }
      return false;
    }
    UUID id = claimed.get();
    RetentionService.Eligibility el = retention.eligibility(id, now);
    if (!el.eligible()) {
      skip(disposalId, id, el.why(), now);
      return true;
    }
    Evidence e = el.evidence();
    List<RetentionService.StoreLock> locks = retention.storeLocks(e);
    List<Derived> derived = media.derived(id);
    String refused = RetentionService.storeRefusal(locks, now);
    if (refused != null) {
      skip(disposalId, id, refused, now);
      return true;
    }
    try {
      // the original first, then the receipts (what the store no longer has is not deleted again)
      for (RetentionService.StoreLock l : locks) {
        if (l.protection() != null) {
          port.delete(l.bucket(), l.key(), l.versionId());
        }
      }
      for (Derived x : derived) {
        deleteDerived(x);
      }
    } catch (ProtectedObjectException p) {
      // the port's own check: nothing protected goes, whatever retention's rows say
      skip(disposalId, id, "the store refused: " + p.getMessage(), now);
      return true;
    }
    media.forgetDerived(id);
    retention.markDisposed(id, now);
    disposals.finishItem(disposalId, id, "DELETED", null, now);
    Disposal approved = d.get();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("disposalId", disposalId.toString());
    details.put("sha256", e.sha256());
    details.put("sm3", e.sm3());
    details.put("size", e.size());
    details.put("contentType", e.contentType());
    details.put("objectVersion", e.objectVersion());
    details.put("originalPresent", locks.get(0).protection() != null);
    details.put(
        "receiptsDeleted", locks.stream().skip(1).filter(l -> l.protection() != null).count());
    details.put(
        "derivedDeleted",
        derived.stream()
            .map(
                x -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("kind", x.kind().name());
                  m.put("objectKey", x.objectKey());
                  m.put("sha256", x.sha256());
                  m.put("size", x.size());
                  return m;
                })
            .toList());
    details.put("requestedBy", approved.requestedBy().toString());
    details.put("approvedBy", approved.approvedBy().toString());
    details.values().removeIf(java.util.Objects::isNull);
    audit.recordSystem("evidence.disposed", AuditEvent.Target.of("evidence", id), details);
    return true;
  }

  /**
   * Deletes a derived file: the version recorded, then whatever version is current under its key
   * (an older one a regeneration replaced becomes current when the newer goes). Older versions the
   * store still keeps as noncurrent expire by the derived bucket's lifecycle rule (30 days).
   */
  private void deleteDerived(Derived x) {
    if (store.stat(BucketRole.DERIVED, x.objectKey(), x.objectVersion()).isPresent()) {
      port.delete(BucketRole.DERIVED, x.objectKey(), x.objectVersion());
    }
    for (int i = 0; i < 100; i++) {
      Optional<StoredObject> current = store.stat(BucketRole.DERIVED, x.objectKey(), null);
      if (current.isEmpty()) {
        return;
      }
      port.delete(BucketRole.DERIVED, x.objectKey(), current.get().versionId());
    }
  }

  private void skip(UUID disposalId, UUID id, String why, Instant now) {
    disposals.finishItem(disposalId, id, "SKIPPED", why, now);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("disposalId", disposalId.toString());
    details.put("why", why);
    audit.recordSystem("evidence.disposal-skipped", AuditEvent.Target.of("evidence", id), details);
  }
}
