package org.custodia.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.digest.StreamingDigests;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.storage.BucketRole;
import org.custodia.storage.MultipartUpload;
import org.custodia.storage.StoredObject;
import org.custodia.support.Ids;
import org.jboss.logging.Logger;

/**
 * Resumable ingest: the upload sessions' life (creation, HEAD, PATCH, termination, expiry), the
 * lease that lets one request at a time append to an upload, and the transactions. A PATCH's bytes
 * are received by {@link PatchReceiver}; the last one hands over to {@link UploadCompleter}.
 *
 * <p>Ordering: bytes durable (part in the store, or spool fsync'd) → session row committed → 204.
 * At completion: object complete in the store → evidence row + audit event in one transaction →
 * success. A crash in between leaves a session that {@link #head} finishes, or an object that the
 * orphan reconciler reports.
 */
@ApplicationScoped
public class UploadService {
  private static final Logger LOG = Logger.getLogger(UploadService.class);
  private static final int MAX_PARTS = 10_000;

  private static final DateTimeFormatter KEY_DATE =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private final UploadRepository uploads;
  private final Spool spool;
  private final MultipartUpload multipart;
  private final IngestConfig config;
  private final AuditService audit;
  private final EvidenceIndexer indexer;
  private final UploadCompleter completer;
  private final PatchReceiver.Tools receiving;

  UploadService(
      UploadRepository uploads,
      Spool spool,
      MultipartUpload multipart,
      IngestConfig config,
      AuditService audit,
      EvidenceIndexer indexer,
      UploadCompleter completer,
      IngestThreads threads,
      MeterRegistry metrics) {
    this.uploads = uploads;
    this.spool = spool;
    this.multipart = multipart;
    this.config = config;
    this.audit = audit;
    this.indexer = indexer;
    this.completer = completer;
    this.receiving =
        new PatchReceiver.Tools(
            uploads,
            spool,
            multipart,
            config,
            threads,
            metrics.counter("custodia.ingest.bytes.received"));
    io.micrometer.core.instrument.Gauge.builder(
            "custodia.ingest.uploads.awaiting.completion",
            uploads,
            u -> {
              try {
                return u.awaitingCompletion();
              } catch (RuntimeException e) {
                return Double.NaN;
              }
            })
        .description(
            "uploads with every byte in whose completion failed; the next HEAD or PATCH finishes"
                + " them, they never expire")
        .register(metrics);
  }

  /** Who uploads: a station or a user, and the unit the records will belong to. */
  public record Uploader(String kind, UUID id, UUID unitId) {
    boolean station() {
      return "STATION".equals(kind);
    }
  }

  /** A per-PATCH checksum ({@code Upload-Checksum}: algorithm and expected digest). */
  public record Checksum(String algorithm, byte[] expected) {}

  /** What the server computed, returned once the last byte is in. */
  public record Completion(UUID evidenceId, byte[] sha256, byte[] sm3, boolean duplicate) {}

  public record Status(
      UUID id,
      long offset,
      long length,
      Instant expiresAt,
      Completion completion,
      String metadataHeader) {}

  /**
   * A docking station's uploads: the last time one of its uploads changed, uploads completed and
   * their bytes since {@code since}, uploads still receiving, and uploads that failed (quarantined,
   * expired or terminated) since {@code since}.
   */
  public record StationHealth(
      Instant lastUpload, long completed, long completedBytes, long receiving, long failed) {}

  /** Read-only: the upload facts of station {@code station} (the station health page). */
  public StationHealth stationHealth(UUID station, Instant since) {
    return uploads.stationHealth(station, since);
  }

  public long maxSize() {
    return config.maxSize();
  }

  // ---------------------------------------------------------------- creation

  /**
   * Checks what a creation-with-upload sends besides the metadata, before the upload is created:
   * the body fits in the upload, and its {@code Upload-Checksum} names an algorithm we support and
   * stays within the size we verify.
   */
  public void checkFirstBody(long length, long contentLength, Checksum checksum) {
    if (contentLength > length) {
      throw CustodiaException.invalid("Content-Length", "the body goes beyond Upload-Length");
    }
    if (checksum != null) {
      PatchReceiver.patchDigest(checksum.algorithm());
      if (contentLength > config.maxChecksummedPatch()) {
        throw new CustodiaException(
            ProblemType.PATCH_TOO_LARGE,
            "a PATCH with Upload-Checksum may carry at most "
                + config.maxChecksummedPatch()
                + " bytes",
            "Content-Length");
      }
    }
  }

  public Status create(Uploader uploader, long length, String metadataHeader) {
    if (length < 0) {
      throw CustodiaException.invalid(
          "Upload-Length", "Upload-Length must be a non-negative integer");
    }
    if (length > config.maxSize()) {
      throw new CustodiaException(
          ProblemType.UPLOAD_TOO_LARGE,
          "Upload-Length exceeds Tus-Max-Size " + config.maxSize(),
          "Upload-Length");
    }
    IngestMetadata metadata = IngestMetadata.parse(metadataHeader, uploader.station());
    UUID unit = indexer.checkUpload(uploader, metadata);
    UUID id = Ids.newId();
    Instant now = Instant.now();
    byte[] initial = new StreamingDigests().state();
    UploadSession session =
        new UploadSession(
            id,
            uploader.kind(),
            uploader.id(),
            unit,
            UploadSession.State.RECEIVING,
            length,
            0,
            partSize(length),
            metadata,
            "originals/" + KEY_DATE.format(now) + "/" + id,
            null,
            List.of(),
            0,
            initial,
            initial,
            null,
            null,
            null,
            now,
            now.plus(config.expiry()));
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              uploads.insert(session);
              Map<String, Object> details = new LinkedHashMap<>();
              details.put("length", length);
              details.put("contentType", metadata.contentType());
              details.put("claimedSha256", metadata.sha256());
              if (metadata.deviceId() != null) {
                details.put("deviceId", metadata.deviceId().toString());
              }
              details.put("officerId", metadata.officerId().toString());
              audit.record("upload.created", AuditEvent.Target.of("upload", id), details);
            });
    return new Status(id, 0, length, session.expiresAt(), null, metadataHeader);
  }

  private long partSize(long length) {
    long mib = 1024 * 1024;
    long needed = (length + MAX_PARTS - 1) / MAX_PARTS;
    long size = Math.max(config.partSize(), needed);
    return Math.max(5 * mib, (size + mib - 1) / mib * mib);
  }

  // ---------------------------------------------------------------- HEAD

  public Status head(Uploader uploader, UUID id) {
    UploadSession s = owned(uploader, id);
    if (s.state() == UploadSession.State.RECEIVING && s.offset() == s.length()) {
      // every byte is in but completion did not finish (crash, lost response): finish it now
      return patch(uploader, id, s.length(), null, 0, InputStream.nullInputStream());
    }
    return status(s);
  }

  private Status status(UploadSession s) {
    Completion completion =
        s.state() == UploadSession.State.COMPLETED
            ? new Completion(s.evidenceId(), s.sha256(), s.sm3(), false)
            : null;
    return new Status(
        s.id(), s.offset(), s.length(), s.expiresAt(), completion, s.metadata().header());
  }

  private UploadSession owned(Uploader uploader, UUID id) {
    UploadSession s =
        uploads
            .byId(id)
            .filter(x -> x.ownedBy(uploader.kind(), uploader.id()))
            .orElseThrow(() -> CustodiaException.notFound("upload"));
    if (s.state() == UploadSession.State.TERMINATED || s.state() == UploadSession.State.EXPIRED) {
      throw new CustodiaException(
          ProblemType.UPLOAD_GONE,
          "the upload was " + s.state().name().toLowerCase() + "; start a new one");
    }
    if (s.state() == UploadSession.State.QUARANTINED) {
      throw new CustodiaException(
          ProblemType.UPLOAD_QUARANTINED,
          "the bytes did not match the claimed sha256 and were quarantined; start a new upload");
    }
    return s;
  }

  // ---------------------------------------------------------------- PATCH

  /**
   * Appends the body at {@code offset}. Returns after the bytes are durable and recorded; on the
   * last byte, after the evidence is indexed.
   */
  public Status patch(
      Uploader uploader,
      UUID id,
      long offset,
      Checksum checksum,
      long contentLength,
      InputStream body) {
    UploadSession s = owned(uploader, id);
    if (s.state() == UploadSession.State.COMPLETED) {
      if (offset == s.length() && contentLength <= 0) {
        return status(s); // a retry of the last PATCH whose answer was lost
      }
      throw new CustodiaException(
          ProblemType.UPLOAD_COMPLETED,
          "the upload is complete; nothing more can be appended",
          "Upload-Offset");
    }
    if (offset != s.offset()) {
      throw new OffsetMismatchException(s.offset());
    }
    if (contentLength > 0 && offset + contentLength > s.length()) {
      throw CustodiaException.invalid("Content-Length", "the body goes beyond Upload-Length");
    }
    if (checksum != null && contentLength > config.maxChecksummedPatch()) {
      throw new CustodiaException(
          ProblemType.PATCH_TOO_LARGE,
          "a PATCH with Upload-Checksum may carry at most "
              + config.maxChecksummedPatch()
              + " bytes",
          "Content-Length");
    }
    UUID lease = UUID.randomUUID();
    if (!uploads.lease(id, lease, Instant.now().plus(config.lease()))) {
      throw new UploadBusyException(config.lease().toSeconds());
    }
    try {
      s = uploads.byId(id).orElseThrow();
      if (s.offset() != offset) {
        throw new OffsetMismatchException(s.offset());
      }
      try (PatchReceiver receiver = new PatchReceiver(receiving, s, lease)) {
        receiver.recoverSpool();
        receiver.receive(body, checksum);
        if (receiver.offset() == s.length()) {
          return complete(receiver);
        }
        return new Status(id, receiver.offset(), s.length(), receiver.expiresAt(), null, null);
      }
    } finally {
      uploads.release(id, lease);
    }
  }

  // ---------------------------------------------------------------- completion

  /** Every byte is in: the object completed, then indexed in one transaction or quarantined. */
  private Status complete(PatchReceiver r) {
    UploadSession s = r.session();
    StoredObject stored = completer.storeObject(r);
    StreamingDigests.Result digests = r.digests();
    if (!completer.matchesClaim(s, digests)) {
      QuarkusTransaction.requiringNew().run(() -> completer.quarantine(s, digests));
      throw completer.quarantined(s, digests);
    }
    Completion completion =
        QuarkusTransaction.requiringNew().call(() -> completer.index(s, stored, digests));
    completer.indexed(s, completion);
    return new Status(s.id(), s.length(), s.length(), r.expiresAt(), completion, null);
  }

  // ---------------------------------------------------------------- termination and expiry

  public void terminate(Uploader uploader, UUID id) {
    UploadSession s = owned(uploader, id);
    if (s.state() == UploadSession.State.COMPLETED) {
      throw new CustodiaException(
          ProblemType.UPLOAD_COMPLETED, "a completed upload is evidence and cannot be terminated");
    }
    UUID lease = UUID.randomUUID();
    if (!uploads.lease(id, lease, Instant.now().plus(config.lease()))) {
      throw new UploadBusyException(config.lease().toSeconds());
    }
    end(s, UploadSession.State.TERMINATED, "upload.terminated", false);
  }

  /** Expires abandoned uploads and frees their parts; returns how many. */
  public int expire() {
    int n = 0;
    for (UUID id : uploads.expired(Instant.now(), 100)) {
      UploadSession s = uploads.byId(id).orElse(null);
      if (s != null && s.state() == UploadSession.State.RECEIVING) {
        end(s, UploadSession.State.EXPIRED, "upload.expired", true);
        n++;
      }
    }
    return n;
  }

  private void end(UploadSession s, UploadSession.State state, String event, boolean system) {
    if (s.multipartId() != null) {
      try {
        multipart.abort(BucketRole.EVIDENCE, s.objectKey(), s.multipartId());
      } catch (RuntimeException e) {
        LOG.warnf(
            "upload %s: aborting its multipart upload failed (lifecycle rules will): %s",
            s.id(), e.getMessage());
      }
    }
    spool.deleteAll(s.id());
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              uploads.finish(s.id(), state, null, null, null, null);
              Map<String, Object> details = Map.of("offset", s.offset(), "length", s.length());
              if (system) {
                audit.recordSystem(event, AuditEvent.Target.of("upload", s.id()), details);
              } else {
                audit.record(event, AuditEvent.Target.of("upload", s.id()), details);
              }
            });
  }

  // ---------------------------------------------------------------- helpers

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
