package org.custodia.export;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.storage.BucketRole;
import org.custodia.storage.MultipartUpload;
import org.custodia.storage.ObjectStore;
import org.jboss.logging.Logger;

/**
 * The package job's steps against the database, each its own transaction, and the expiry of
 * packages past their retention. Every outcome is audited (as the system) with the export's purpose
 * and recipient.
 */
@ApplicationScoped
class ExportJobs {
  private static final Logger LOG = Logger.getLogger(ExportJobs.class);
  private static final HexFormat HEX = HexFormat.of();

  private final ExportRepository exports;
  private final AuditService audit;
  private final ExportConfig config;
  private final ObjectStore store;
  private final MultipartUpload multipart;

  ExportJobs(
      ExportRepository exports,
      AuditService audit,
      ExportConfig config,
      ObjectStore store,
      MultipartUpload multipart) {
    this.exports = exports;
    this.audit = audit;
    this.config = config;
    this.store = store;
    this.multipart = multipart;
  }

  /** Claims the next build; a multipart upload a lapsed claim left behind is aborted. */
  Optional<ExportRepository.Claim> claim(String owner) {
    Optional<ExportRepository.Claim> claim = claimRow(owner);
    claim.ifPresent(
        c -> {
          if (c.staleUploadId() != null && c.staleUploadKey() != null) {
            try {
              multipart.abort(BucketRole.DERIVED, c.staleUploadKey(), c.staleUploadId());
            } catch (RuntimeException e) {
              LOG.infof("export %s: aborting the lapsed upload: %s", c.export().id(), e.toString());
            }
          }
        });
    return claim;
  }

  @Transactional
  Optional<ExportRepository.Claim> claimRow(String owner) {
    return exports.claim(owner, config.lease());
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  Optional<Long> previousTreeSize(Export x) {
    return exports.previousTreeSize(x.caseId(), x.id());
  }

  /** Records the four-property check run before the build; false when the lease was lost. */
  @Transactional
  boolean checked(UUID id, String owner, UUID checkId) {
    return exports.checked(id, owner, checkId);
  }

  /** Renews the lease while the four-property check runs, before the build; false: lost. */
  @Transactional
  boolean renew(UUID id, String owner) {
    return exports.progress(id, owner, 0, 0, 0, 0, config.lease());
  }

  @Transactional
  boolean uploading(UUID id, String owner, String key, String uploadId) {
    return exports.uploading(id, owner, key, uploadId);
  }

  @Transactional
  boolean progress(UUID id, String owner, long bytes, int files, long bytesTotal, int filesTotal) {
    return exports.progress(id, owner, bytes, files, bytesTotal, filesTotal, config.lease());
  }

  /** Deletes the object of a build whose lease was taken over before it could be READY. */
  void discard(PackageBuilder.Built built) {
    try {
      store.delete(BucketRole.DERIVED, built.key(), built.version());
    } catch (RuntimeException e) {
      LOG.warnf("deleting the package of a superseded build: %s", e.toString());
    }
  }

  @Transactional
  boolean ready(Export x, String owner, PackageBuilder.Built built) {
    if (!exports.ready(
        x.id(),
        owner,
        built.key(),
        built.version(),
        built.size(),
        built.sha256(),
        built.auditTreeSize(),
        config.retention())) {
      return false;
    }
    Map<String, Object> details = ExportService.facts(x);
    details.put("sha256", HEX.formatHex(built.sha256()));
    details.put("size", built.size());
    details.put("records", x.evidenceIds().size());
    details.put("auditTreeSize", built.auditTreeSize());
    audit.recordSystem("export.built", ExportService.target(x.id()), details);
    return true;
  }

  /**
   * Fails the build. A record whose stored bytes do not match raises the alarm a failed
   * verification raises: {@code evidence.verified} with result FAIL, on the record.
   */
  @Transactional
  boolean fail(Export x, String owner, String failure, UUID record) {
    if (!exports.fail(x.id(), owner, failure, record)) {
      return false;
    }
    Map<String, Object> details = ExportService.facts(x);
    details.put("failure", failure);
    if (record != null) {
      details.put("evidenceId", record.toString());
      Map<String, Object> alarm = new LinkedHashMap<>();
      alarm.put("result", "FAIL");
      alarm.put("failed", List.of("content"));
      alarm.put("via", "export " + x.id());
      audit.recordSystem("evidence.verified", AuditEvent.Target.of("evidence", record), alarm);
    }
    audit.recordSystem("export.failed", ExportService.target(x.id()), details);
    return true;
  }

  @Transactional
  void release(UUID id, String owner) {
    exports.release(id, owner);
  }

  /** Deletes the packages past their retention and marks them EXPIRED. */
  @Scheduled(
      every = "${custodia.export.expiry-interval:10m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  @Transactional
  void expireDue() {
    for (Export x : exports.lockExpired(100)) {
      store.delete(BucketRole.DERIVED, x.objectKey(), x.objectVersion());
      exports.expired(x.id());
      Map<String, Object> details = ExportService.facts(x);
      details.put("sha256", x.sha256());
      audit.recordSystem("export.expired", ExportService.target(x.id()), details);
    }
  }
}
