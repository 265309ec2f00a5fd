package org.custodia.fixity;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceQuery;
import org.custodia.dossier.EvidenceService;
import org.custodia.integrity.ReceiptAccess;
import org.custodia.media.Derived;
import org.custodia.media.MediaService;
import org.custodia.storage.BucketRole;
import org.custodia.support.Page;
import org.jboss.logging.Logger;

/**
 * The work of the fixity workers, each step in its own transaction: planning a run (listing its
 * objects page by page, resumable from the last page), claiming the next object, recording what the
 * check found, and raising the alert for a problem (a log line, the failures metric, an audit
 * event, and the object's last check, which marks its evidence item).
 */
@ApplicationScoped
class FixityJobs {
  private static final Logger LOG = Logger.getLogger(FixityJobs.class);
  private static final HexFormat HEX = HexFormat.of();
  static final int PAGE = 200;

  private final FixityRepository runs;
  private final EvidenceService evidence;
  private final MediaService media;
  private final AuditService audit;
  private final FixityMetrics metrics;
  private final FixityConfig config;

  private final org.custodia.retention.RetentionService retention;
  private final ReceiptAccess receipts;

  FixityJobs(
      FixityRepository runs,
      EvidenceService evidence,
      MediaService media,
      AuditService audit,
      FixityMetrics metrics,
      FixityConfig config,
      org.custodia.retention.RetentionService retention,
      ReceiptAccess receipts) {
    this.retention = retention;
    this.receipts = receipts;
    this.runs = runs;
    this.evidence = evidence;
    this.media = media;
    this.audit = audit;
    this.metrics = metrics;
    this.config = config;
  }

  /** What a worker claimed: a run to plan or an object to check. */
  sealed interface Work permits Plan, Check {}

  record Plan(FixityRepository.PlanClaim claim) implements Work {}

  record Check(FixityRepository.ItemClaim claim, boolean scheduled) implements Work {}

  /**
   * The next work: planning first (a run lists its objects before any is checked), then the objects
   * of requested runs, then those of the scheduled scan when {@code scheduledDue}.
   */
  Optional<Work> claim(String owner, boolean scheduledDue) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Optional<FixityRepository.PlanClaim> plan = runs.claimPlanning(owner, config.lease());
              if (plan.isPresent()) {
                return Optional.of(new Plan(plan.get()));
              }
              for (UUID runId : runs.runningRuns()) {
                FixityRun run = runs.run(runId).orElseThrow();
                if (run.scheduled() && !scheduledDue) {
                  continue;
                }
                Optional<FixityRepository.ItemClaim> item =
                    runs.claimItem(runId, owner, config.lease());
                if (item.isPresent()) {
                  return Optional.of(new Check(item.get(), run.scheduled()));
                }
              }
              return Optional.empty();
            });
  }

  /**
   * Lists a run's objects: each original of the evidence in scope, each of its derived files and
   * receipt files; a full scan also lists the three archive buckets. Evidence the scope names but
   * that is no longer to be kept is left out by {@link #inScope}. False when the lease was lost.
   */
  boolean plan(FixityRepository.PlanClaim claim, String owner) {
    FixityRun run = claim.run();
    UUID cursor = claim.cursor();
    if (run.scope() == FixityRun.Scope.ALL && cursor == null) {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                for (BucketRole b :
                    List.of(BucketRole.EVIDENCE, BucketRole.DERIVED, BucketRole.RECEIPTS)) {
                  runs.insertItem(
                      run.id(), FixityItem.Target.SCAN, null, b.name(), "", null, null, null, null);
                }
              });
    }
    if (run.scope() == FixityRun.Scope.EVIDENCE) {
      List<UUID> ids = run.evidenceIds().stream().sorted().toList();
      for (UUID id : ids) {
        if (cursor != null && id.compareTo(cursor) <= 0) {
          continue;
        }
        Optional<Evidence> e = evidence.find(id);
        QuarkusTransaction.requiringNew().run(() -> e.ifPresent(x -> list(run.id(), x)));
        if (!QuarkusTransaction.requiringNew()
            .call(() -> runs.planned(run.id(), owner, id, config.lease()))) {
          return false;
        }
      }
    } else {
      EvidenceQuery.Filter filter =
          EvidenceQuery.Filter.builder().unitId(run.unitId()).caseId(run.caseId()).build();
      while (true) {
        UUID before = cursor;
        Page<Evidence> page =
            QuarkusTransaction.requiringNew().call(() -> evidence.search(filter, before, PAGE));
        if (page.items().isEmpty()) {
          break;
        }
        QuarkusTransaction.requiringNew()
            .run(
                () -> {
                  for (Evidence e : page.items()) {
                    list(run.id(), e);
                  }
                });
        cursor = page.items().get(page.items().size() - 1).id();
        UUID saved = cursor;
        if (!QuarkusTransaction.requiringNew()
            .call(() -> runs.planned(run.id(), owner, saved, config.lease()))) {
          return false;
        }
        if (page.nextCursor() == null) {
          break;
        }
      }
    }
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              boolean started = runs.startRunning(run.id(), owner);
              if (started) {
                FixityRun planned = runs.run(run.id()).orElseThrow();
                audit.recordSystem(
                    "fixity.run-planned",
                    target(run.id()),
                    Map.of(
                        "objects", planned.progress().objectsTotal(),
                        "bytes", planned.progress().bytesTotal()));
                if (planned.state() == FixityRun.State.DONE) {
                  finished(planned);
                }
              }
              return started;
            });
  }

  /**
   * Whether a record is checked: every record but one a disposal deleted on purpose (retention's
   * tombstone), whose objects are gone by design and must not be reported missing.
   */
  boolean inScope(Evidence e) {
    return !retention.disposed(e.id());
  }

  private void list(UUID runId, Evidence e) {
    if (!inScope(e)) {
      return;
    }
    runs.insertItem(
        runId,
        FixityItem.Target.ORIGINAL,
        e.id(),
        BucketRole.EVIDENCE.name(),
        e.objectKey(),
        e.objectVersion(),
        HEX.parseHex(e.sha256()),
        HEX.parseHex(e.sm3()),
        e.size());
    for (Derived d : media.derived(e.id())) {
      runs.insertItem(
          runId,
          FixityItem.Target.valueOf(d.kind().name()),
          e.id(),
          BucketRole.DERIVED.name(),
          d.objectKey(),
          d.objectVersion(),
          HEX.parseHex(d.sha256()),
          null,
          d.size());
    }
    for (ReceiptAccess.StoredFile r : receipts.storedFiles(e.id())) {
      runs.insertItem(
          runId,
          FixityItem.Target.RECEIPT,
          e.id(),
          r.bucket().name(),
          r.objectKey(),
          null,
          r.sha256(),
          null,
          r.size());
    }
  }

  boolean renew(long itemId, String owner) {
    return QuarkusTransaction.requiringNew().call(() -> runs.renew(itemId, owner, config.lease()));
  }

  void release(long itemId, String owner) {
    QuarkusTransaction.requiringNew().run(() -> runs.release(itemId, owner));
  }

  /**
   * Records what the check of an object found; a problem raises the alert. False when the lease was
   * lost (another worker checks it again).
   */
  boolean complete(FixityRepository.ItemClaim c, String owner, FixityChecker.Outcome outcome) {
    boolean done =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  if (!runs.complete(
                      c,
                      owner,
                      outcome.result(),
                      outcome.sha256(),
                      outcome.sm3(),
                      outcome.size(),
                      outcome.detail())) {
                    return false;
                  }
                  if (outcome.result().problem()) {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("runId", c.runId().toString());
                    details.put("kind", outcome.result().name());
                    details.put("target", c.target().name());
                    details.put("bucket", c.bucket());
                    if (c.evidenceId() != null) {
                      details.put("evidenceId", c.evidenceId().toString());
                    }
                    details.put("expectedSha256", FixityChecker.hex(c.sha256()));
                    if (outcome.sha256() != null) {
                      details.put("actualSha256", FixityChecker.hex(outcome.sha256()));
                    }
                    if (outcome.detail() != null) {
                      details.put("detail", outcome.detail());
                    }
                    audit.recordSystem(
                        "fixity.failure",
                        AuditEvent.Target.of("object", c.bucket() + "/" + c.objectKey()),
                        details);
                  }
                  if (runs.finishIfDone(c.runId())) {
                    finished(runs.run(c.runId()).orElseThrow());
                  }
                  return true;
                });
    if (done && c.size() != null && c.target() != FixityItem.Target.SCAN) {
      metrics.checked(outcome.size() == null ? 0 : outcome.size());
    }
    if (done && outcome.result().problem()) {
      alert(outcome.result(), c.runId(), c.target(), c.evidenceId(), c.bucket(), c.objectKey());
    }
    return done;
  }

  /** Reports an object found in an archive bucket that nothing records (once per run). */
  void foreign(UUID runId, BucketRole bucket, String key, long size, String detail) {
    boolean isNew =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  boolean n = runs.insertForeign(runId, bucket.name(), key, size, detail);
                  if (n) {
                    audit.recordSystem(
                        "fixity.failure",
                        AuditEvent.Target.of("object", bucket.name() + "/" + key),
                        Map.of(
                            "runId",
                            runId.toString(),
                            "kind",
                            "FOREIGN",
                            "bucket",
                            bucket.name(),
                            "size",
                            size,
                            "detail",
                            detail));
                  }
                  return n;
                });
    if (isNew) {
      alert(FixityItem.Result.FOREIGN, runId, FixityItem.Target.FOREIGN, null, bucket.name(), key);
    }
  }

  /** The alert's log line and metric (the audit event is written with the result). */
  private void alert(
      FixityItem.Result kind,
      UUID runId,
      FixityItem.Target target,
      UUID evidenceId,
      String bucket,
      String key) {
    metrics.failures(kind).increment();
    // object keys and record ids only: no names, identifiers or case numbers
    LOG.errorf(
        "FIXITY ALERT %s: %s object %s/%s (evidence %s, fixity run %s)",
        kind, target, bucket, key, evidenceId == null ? "-" : evidenceId, runId);
  }

  private void finished(FixityRun run) {
    audit.recordSystem(
        "fixity.run-finished",
        target(run.id()),
        Map.of(
            "objects", run.progress().objectsDone(),
            "bytes", run.progress().bytesDone(),
            "problems", run.progress().problems()));
    LOG.infof(
        "fixity run %s finished: %d objects, %d bytes, %d problems",
        run.id(),
        run.progress().objectsDone(),
        run.progress().bytesDone(),
        run.progress().problems());
  }

  /** Lists a bucket of a full scan for foreign objects; the scan item's youngest is its run's. */
  Instant youngestForeign(FixityRun run) {
    return run.createdAt().minus(config.foreignGrace());
  }

  Optional<FixityRun> run(UUID id) {
    return QuarkusTransaction.requiringNew().call(() -> runs.run(id));
  }

  static AuditEvent.Target target(UUID runId) {
    return AuditEvent.Target.of("fixity-run", runId.toString());
  }
}
