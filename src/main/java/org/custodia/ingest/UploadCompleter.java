package org.custodia.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.digest.StreamingDigests;
import org.custodia.storage.BucketRole;
import org.custodia.storage.MultipartUpload;
import org.custodia.storage.ObjectStore;
import org.custodia.storage.StorageException;
import org.custodia.storage.StoredObject;
import org.jboss.logging.Logger;

/**
 * The last byte is in: the object is completed in the store (one PUT, or the multipart upload
 * completed), then the whole-file digests are checked against the station's claim — the upload is
 * indexed as evidence, or quarantined. The steps that write rows join the caller's transaction
 * ({@link UploadService} runs each in one of its own).
 */
@ApplicationScoped
class UploadCompleter {
  private static final Logger LOG = Logger.getLogger(UploadCompleter.class);

  private final UploadRepository uploads;
  private final Spool spool;
  private final ObjectStore store;
  private final MultipartUpload multipart;
  private final AuditService audit;
  private final EvidenceIndexer indexer;
  private final Counter completed;
  private final Counter quarantined;

  UploadCompleter(
      UploadRepository uploads,
      Spool spool,
      ObjectStore store,
      MultipartUpload multipart,
      AuditService audit,
      EvidenceIndexer indexer,
      MeterRegistry metrics) {
    this.uploads = uploads;
    this.spool = spool;
    this.store = store;
    this.multipart = multipart;
    this.audit = audit;
    this.indexer = indexer;
    this.completed = metrics.counter("custodia.ingest.uploads", "outcome", "completed");
    this.quarantined = metrics.counter("custodia.ingest.uploads", "outcome", "quarantined");
  }

  /** The whole file as one object in the store, of the upload's length. */
  StoredObject storeObject(PatchReceiver r) {
    UploadSession s = r.session();
    StoredObject stored = r.allInSpool() ? putWhole(r) : completeMultipart(r);
    if (stored.size() != s.length()) {
      throw new StorageException(
          "the store holds " + stored.size() + " bytes, expected " + s.length());
    }
    return stored;
  }

  private StoredObject completeMultipart(PatchReceiver r) {
    UploadSession s = r.session();
    r.flushTail();
    try {
      return multipart.complete(BucketRole.EVIDENCE, s.objectKey(), r.multipartId(), r.parts());
    } catch (StorageException e) {
      // completed before a crash: the upload id is gone but the object is there
      return store.stat(BucketRole.EVIDENCE, s.objectKey(), null).orElseThrow(() -> e);
    }
  }

  /**
   * A file no larger than one part is all in the spool: one PUT stores it, without the multipart
   * round trips, the extra commit of a recorded part and the copy a store may make to join parts. A
   * PUT only ever follows the commit of the last byte, so when that commit predates this PATCH (a
   * completion retried after a crash or a lost answer) the object may already be there: it is used
   * rather than written as a second version.
   */
  private StoredObject putWhole(PatchReceiver r) {
    UploadSession s = r.session();
    if (s.offset() == s.length()) {
      Optional<StoredObject> earlier = store.stat(BucketRole.EVIDENCE, s.objectKey(), null);
      if (earlier.isPresent() && earlier.get().size() == s.length()) {
        return earlier.get();
      }
    }
    if (s.length() == 0) {
      return store.put(
          BucketRole.EVIDENCE,
          s.objectKey(),
          InputStream.nullInputStream(),
          0,
          s.metadata().contentType(),
          Map.of());
    }
    return store.put(
        BucketRole.EVIDENCE, s.objectKey(), spool.part(s.id(), 1), s.metadata().contentType());
  }

  /** Whether the bytes received hash to the sha256 the station claimed. */
  boolean matchesClaim(UploadSession s, StreamingDigests.Result digests) {
    return MessageDigest.isEqual(digests.sha256(), s.metadata().claimedSha256());
  }

  /** Records the quarantine (row and audit event; in the caller's transaction). */
  void quarantine(UploadSession s, StreamingDigests.Result digests) {
    uploads.finish(
        s.id(),
        UploadSession.State.QUARANTINED,
        digests.sha256(),
        digests.sm3(),
        null,
        "claimed sha256 differs from the bytes received");
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("claimedSha256", s.metadata().sha256());
    details.put("sha256", UploadService.hex(digests.sha256()));
    details.put("sm3", UploadService.hex(digests.sm3()));
    details.put("size", s.length());
    details.put("objectKey", s.objectKey());
    audit.record("upload.quarantined", AuditEvent.Target.of("upload", s.id()), details);
  }

  /** After the quarantine is committed: what the client is told. */
  ClaimedHashMismatchException quarantined(UploadSession s, StreamingDigests.Result digests) {
    quarantined.increment();
    LOG.warnf("upload %s quarantined: whole-file sha256 differs from the claimed one", s.id());
    return new ClaimedHashMismatchException(digests.sha256(), digests.sm3());
  }

  /** Indexes the verified upload (in the caller's transaction), or finds the copy archived. */
  UploadService.Completion index(
      UploadSession s, StoredObject stored, StreamingDigests.Result digests) {
    return indexer.index(s, stored, digests);
  }

  /**
   * After the index is committed: the spool goes. A duplicate's second copy stays in the store: a
   * version in the evidence bucket is never deleted within its retention (WORM, docs/worm.md); the
   * upload session names it and the reconciler lists it.
   */
  void indexed(UploadSession s, UploadService.Completion completion) {
    if (completion.duplicate()) {
      LOG.infof("duplicate upload %s: its second copy stays in the store (WORM)", s.id());
    }
    spool.deleteAll(s.id());
    completed.increment();
  }
}
