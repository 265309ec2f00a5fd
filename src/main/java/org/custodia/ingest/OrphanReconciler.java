package org.custodia.ingest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.dossier.EvidenceIntake;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.storage.StoredObject;
import org.custodia.support.Jdbc;
import org.jboss.logging.Logger;

/**
 * Finds originals in the store that no evidence row and no upload accounts for (a crash between the
 * store and the commit) and reports them in {@code orphan_object} and the audit log. Never indexes
 * them: a human decides.
 */
@ApplicationScoped
public class OrphanReconciler {
  private static final Logger LOG = Logger.getLogger(OrphanReconciler.class);

  /** Objects younger than this may belong to a completion still in flight. */
  static final Duration GRACE = Duration.ofMinutes(10);

  private final ObjectStore store;
  private final AgroalDataSource db;
  private final UploadRepository uploads;
  private final EvidenceIntake evidence;
  private final AuditService audit;

  OrphanReconciler(
      ObjectStore store,
      AgroalDataSource db,
      UploadRepository uploads,
      EvidenceIntake evidence,
      AuditService audit) {
    this.store = store;
    this.db = db;
    this.uploads = uploads;
    this.evidence = evidence;
    this.audit = audit;
  }

  public record Orphan(String bucket, String objectKey, Long size, Instant foundAt) {}

  @Scheduled(
      every = "${custodia.ingest.reconcile-every:1h}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      reconcile(GRACE);
    } catch (RuntimeException e) {
      LOG.warnf("orphan reconciliation did not complete: %s", e.getMessage());
    }
  }

  /** Scans the originals; returns the orphans newly found. */
  public List<Orphan> reconcile(Duration grace) {
    Instant cutoff = Instant.now().minus(grace);
    String bucket = store.bucketName(BucketRole.EVIDENCE);
    java.util.ArrayList<Orphan> found = new java.util.ArrayList<>();
    for (StoredObject object : store.list(BucketRole.EVIDENCE, "originals/")) {
      if (object.lastModified() != null && object.lastModified().isAfter(cutoff)) {
        continue;
      }
      if (accountedFor(object.key())) {
        continue;
      }
      boolean isNew =
          QuarkusTransaction.requiringNew()
              .call(
                  () -> {
                    int n =
                        Jdbc.update(
                            db,
                            "INSERT INTO orphan_object (bucket, object_key, size) VALUES (?,?,?) ON CONFLICT DO NOTHING",
                            bucket,
                            object.key(),
                            object.size());
                    if (n == 1) {
                      audit.recordSystem(
                          "storage.orphan-found",
                          AuditEvent.Target.of("object", bucket + "/" + object.key()),
                          Map.of("size", object.size()));
                    }
                    return n == 1;
                  });
      if (isNew) {
        LOG.warnf(
            "orphan object in the store, not indexed: %s/%s (%d bytes)",
            bucket, object.key(), object.size());
        found.add(new Orphan(bucket, object.key(), object.size(), Instant.now()));
      }
    }
    return found;
  }

  /** Whether an evidence record or an upload (in progress or quarantined) holds this original. */
  public boolean accountedFor(String objectKey) {
    return evidence.referencesObject(objectKey) || uploads.ownsObject(objectKey);
  }

  public List<Orphan> unresolved() {
    return Jdbc.list(
        db,
        "SELECT bucket, object_key, size, found_at FROM orphan_object WHERE resolved_at IS NULL ORDER BY found_at",
        rs -> new Orphan(rs.getString(1), rs.getString(2), rs.getLong(3), Jdbc.instant(rs, 4)));
  }
}
