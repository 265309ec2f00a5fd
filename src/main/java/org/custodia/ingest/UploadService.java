package org.custodia.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.digest.StreamingDigests;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.storage.BucketRole;
import org.custodia.storage.MultipartUpload;
import org.custodia.storage.ObjectStore;
import org.custodia.storage.StorageException;
import org.custodia.storage.StoredObject;
import org.custodia.support.Ids;
import org.jboss.logging.Logger;

/**
 * Resumable ingest. Bytes stream from the request through the SHA-256 and SM3 digests into the
 * spool file of the current part; each full part goes to the object store as a multipart part; the
 * session row records every acknowledged byte with the digest state that covers it, so that a
 * resume — after a dropped connection or a restart — neither re-sends nor re-reads a byte.
 *
 * <p>Ordering: bytes durable (part in the store, or spool fsync'd) → session row committed → 204.
 * At completion: object complete in the store → evidence row + audit event in one transaction →
 * success. A crash in between leaves a session that {@link #head} finishes, or an object that the
 * orphan reconciler reports.
 */
@ApplicationScoped
public class UploadService {
  private static final Logger LOG = Logger.getLogger(UploadService.class);
  private static final int BUFFER = 256 * 1024;
  private static final int MAX_PARTS = 10_000;

  private static final DateTimeFormatter KEY_DATE =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private final UploadRepository uploads;
  private final Spool spool;
  private final ObjectStore store;
  private final MultipartUpload multipart;
  private final IngestConfig config;
  private final AuditService audit;
  private final EvidenceIndexer indexer;
  private final IngestThreads threads;
  private final Counter bytesReceived;
  private final Counter completed;
  private final Counter quarantined;

  UploadService(
      UploadRepository uploads,
      Spool spool,
      ObjectStore store,
      MultipartUpload multipart,
      IngestConfig config,
      AuditService audit,
      EvidenceIndexer indexer,
      IngestThreads threads,
      MeterRegistry metrics) {
    this.bytesReceived = metrics.counter("custodia.ingest.bytes.received");
    this.completed = metrics.counter("custodia.ingest.uploads", "outcome", "completed");
    this.quarantined = metrics.counter("custodia.ingest.uploads", "outcome", "quarantined");
    this.uploads = uploads;
    this.spool = spool;
    this.store = store;
    this.multipart = multipart;
    this.config = config;
    this.audit = audit;
    this.indexer = indexer;
    this.threads = threads;
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

  public long maxSize() {
    return config.maxSize();
  }

  // ---------------------------------------------------------------- creation

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
    return new Status(s.id(), s.offset(), s.length(), s.expiresAt(), completion, null);
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
      try (Receiver receiver = new Receiver(s, lease)) {
        receiver.recoverSpool();
        receiver.receive(body, checksum);
        if (receiver.offset == s.length()) {
          return complete(receiver);
        }
        return new Status(id, receiver.offset, s.length(), receiver.expiresAt, null, null);
      }
    } finally {
      uploads.release(id, lease);
    }
  }

  /** The state of one PATCH in progress. */
  private final class Receiver implements AutoCloseable {
    final UploadSession session;
    final UUID lease;
    final StreamingDigests digests;
    byte[] partDigestState;
    final List<MultipartUpload.Part> parts;
    String multipartId;
    long offset;
    long partsBytes;
    Instant expiresAt;

    Receiver(UploadSession s, UUID lease) {
      this.session = s;
      this.lease = lease;
      this.digests = StreamingDigests.restore(s.digestState()).pipelined(threads.digests());
      this.partDigestState = s.partDigestState();
      this.parts = new ArrayList<>(s.parts());
      this.multipartId = s.multipartId();
      this.offset = s.offset();
      this.partsBytes = s.partsBytes();
      this.expiresAt = s.expiresAt();
    }

    int currentPart() {
      return parts.size() + 1;
    }

    @Override
    public void close() {
      digests.close();
    }

    /** The spool must hold what the row says; more is cut off, less means it was lost. */
    void recoverSpool() {
      Path file = spool.part(session.id(), currentPart());
      long have = spool.size(file);
      if (have < session.spooled()) {
        uploads.rewindToPartBoundary(session.id());
        LOG.warnf(
            "upload %s: spool of part %d lost (%d of %d bytes); rewound to %d",
            session.id(), currentPart(), have, session.spooled(), session.partsBytes());
        throw new OffsetMismatchException(session.partsBytes());
      }
    }

    void receive(InputStream body, Checksum checksum) {
      MessageDigest patchDigest = checksum == null ? null : patchDigest(checksum.algorithm());
      long startOffset = offset;
      int startPart = currentPart();
      long startSpooled = offset - partsBytes;
      // with a checksum nothing may become a part before the whole PATCH is verified
      List<byte[]> boundaryStates = new ArrayList<>();
      int part = startPart;
      long spooled = startSpooled;
      byte[] buffer = new byte[BUFFER];
      FileChannel channel = null;
      try {
        channel = spool.openAt(spool.part(session.id(), part), spooled);
        int n;
        while ((n = readSome(body, buffer)) > 0) {
          bytesReceived.increment(n);
          renewLeaseIfDue();
          if (offset + n > session.length()) {
            throw CustodiaException.invalid("Content-Length", "the body goes beyond Upload-Length");
          }
          int pos = 0;
          while (pos < n) {
            int take = (int) Math.min(n - pos, session.partSize() - spooled);
            writeFully(
                channel, buffer, pos, take); // first: a failed write must not advance the digests
            digests.update(buffer, pos, take);
            if (patchDigest != null) {
              patchDigest.update(buffer, pos, take);
            }
            pos += take;
            spooled += take;
            offset += take;
            if (spooled == session.partSize()) {
              channel.close();
              channel = null;
              if (patchDigest == null) {
                // the part goes to the store while the next one is received
                submitPart(part, spooled, digests.state());
              } else {
                boundaryStates.add(digests.state());
              }
              part++;
              spooled = 0;
              channel = spool.openAt(spool.part(session.id(), part), 0);
            }
          }
        }
        channel.force(false);
        channel.close();
        channel = null;
        awaitInFlight();
        if (patchDigest != null
            && !MessageDigest.isEqual(patchDigest.digest(), checksum.expected())) {
          discard(startPart, startSpooled, part);
          throw new CustodiaException(
              ProblemType.CHECKSUM_MISMATCH,
              "the PATCH body does not match Upload-Checksum; it was discarded",
              "Upload-Checksum");
        }
        for (int i = 0; i < boundaryStates.size(); i++) {
          flushPart(startPart + i, session.partSize(), boundaryStates.get(i));
        }
        recordProgress();
      } catch (IOException e) {
        // the connection broke: keep what arrived (tus), unless the PATCH was checksummed
        closeQuietly(channel);
        channel = null;
        if (patchDigest == null && offset > startOffset) {
          try {
            awaitInFlight();
            FileChannel c =
                spool.openAt(spool.part(session.id(), currentPart()), offset - partsBytes);
            c.force(false);
            c.close();
            recordProgress();
          } catch (IOException again) {
            LOG.warnf("upload %s: could not keep the bytes of a broken PATCH", session.id());
          }
        }
        if (isDiskFull(e)) {
          throw new CustodiaException(
              ProblemType.SPOOL_FULL, "the upload spool is full; retry later");
        }
        throw new CustodiaException(
            ProblemType.UPLOAD_INTERRUPTED,
            "the request body ended early; resume from the offset HEAD reports");
      } finally {
        // anything beyond the recorded offset is cut off by recoverSpool on the next PATCH
        closeQuietly(channel);
        abandonInFlight();
      }
    }

    private void discard(int startPart, long startSpooled, int lastPart) {
      try (FileChannel c = spool.openAt(spool.part(session.id(), startPart), startSpooled)) {
        c.force(false);
      } catch (IOException e) {
        throw new IllegalStateException("cannot restore the spool", e);
      }
      for (int p = startPart + 1; p <= lastPart; p++) {
        spool.delete(spool.part(session.id(), p));
      }
    }

    private long leaseRenewedAt = System.nanoTime();

    /** Keeps the lease alive while a long PATCH streams (a third of its lifetime at most). */
    void renewLeaseIfDue() {
      if (System.nanoTime() - leaseRenewedAt > config.lease().toNanos() / 3) {
        if (!uploads.renew(session.id(), lease, Instant.now().plus(config.lease()))) {
          throw new CustodiaException(
              ProblemType.UPLOAD_BUSY, "the upload was taken over by another request");
        }
        leaseRenewedAt = System.nanoTime();
      }
    }

    void flushPart(int number, long size) {
      flushPart(number, size, digests.state());
    }

    /** Sends a full spool file as a part and records it; {@code state} is the digest at its end. */
    void flushPart(int number, long size, byte[] state) {
      submitPart(number, size, state);
      awaitInFlight();
    }

    /** A full part on its way to the store; recorded, in order, once the store has it. */
    private record InFlight(int number, long size, byte[] state, CompletableFuture<String> etag) {}

    private final java.util.ArrayDeque<InFlight> inFlight = new java.util.ArrayDeque<>();

    /**
     * Starts uploading a full part in the background: at most {@code parts-in-flight} parts per
     * upload are sent at once while the next one is received, so receiving and storing overlap with
     * constant memory (the parts are spool files).
     */
    void submitPart(int number, long size, byte[] state) {
      while (inFlight.size() >= Math.max(1, config.partsInFlight())) {
        awaitOldest();
      }
      if (multipartId == null) {
        multipartId =
            multipart.start(
                BucketRole.EVIDENCE, session.objectKey(), session.metadata().contentType());
      }
      String uploadId = multipartId;
      Path file = spool.part(session.id(), number);
      inFlight.add(
          new InFlight(
              number,
              size,
              state,
              CompletableFuture.supplyAsync(
                  () ->
                      multipart.uploadPart(
                          BucketRole.EVIDENCE, session.objectKey(), uploadId, number, file),
                  threads.partUploads())));
    }

    /** Waits for every part in flight and records them, in order. */
    void awaitInFlight() {
      while (!inFlight.isEmpty()) {
        awaitOldest();
      }
    }

    private void awaitOldest() {
      InFlight part = inFlight.peekFirst();
      String etag;
      try {
        etag = part.etag().join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      } finally {
        inFlight.removeFirst();
      }
      recordPart(part.number(), etag, part.size(), part.state());
    }

    /** On failure: let the parts in flight finish unrecorded (they are simply sent again later). */
    void abandonInFlight() {
      for (InFlight part : inFlight) {
        try {
          part.etag().join();
        } catch (RuntimeException ignored) {
          // the failure that brought us here is what the client hears about
        }
      }
      inFlight.clear();
    }

    private void recordPart(int number, String etag, long size, byte[] state) {
      Path file = spool.part(session.id(), number);
      parts.add(new MultipartUpload.Part(number, etag, size));
      partsBytes += size;
      partDigestState = state;
      long recordedOffset = partsBytes;
      expiresAt = Instant.now().plus(config.expiry());
      // everything up to the part boundary is now in the store; later bytes are not yet recorded
      if (!uploads.progress(
          session.id(),
          lease,
          Instant.now().plus(config.lease()),
          recordedOffset,
          multipartId,
          parts,
          partsBytes,
          state,
          state,
          expiresAt)) {
        throw new CustodiaException(
            ProblemType.UPLOAD_BUSY, "the upload was taken over by another request");
      }
      spool.delete(file);
    }

    void recordProgress() {
      expiresAt = Instant.now().plus(config.expiry());
      if (!uploads.progress(
          session.id(),
          lease,
          Instant.now().plus(config.lease()),
          offset,
          multipartId,
          parts,
          partsBytes,
          digests.state(),
          partDigestState,
          expiresAt)) {
        throw new CustodiaException(
            ProblemType.UPLOAD_BUSY, "the upload was taken over by another request");
      }
    }
  }

  // ---------------------------------------------------------------- completion

  private Status complete(Receiver r) {
    UploadSession s = r.session;
    StoredObject stored = finishObject(r);
    if (stored.size() != s.length()) {
      throw new StorageException(
          "the store holds " + stored.size() + " bytes, expected " + s.length());
    }
    StreamingDigests.Result result = r.digests.result();
    if (!MessageDigest.isEqual(result.sha256(), s.metadata().claimedSha256())) {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                uploads.finish(
                    s.id(),
                    UploadSession.State.QUARANTINED,
                    result.sha256(),
                    result.sm3(),
                    null,
                    "claimed sha256 differs from the bytes received");
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("claimedSha256", s.metadata().sha256());
                details.put("sha256", hex(result.sha256()));
                details.put("sm3", hex(result.sm3()));
                details.put("size", s.length());
                details.put("objectKey", s.objectKey());
                audit.record("upload.quarantined", AuditEvent.Target.of("upload", s.id()), details);
              });
      quarantined.increment();
      LOG.warnf("upload %s quarantined: whole-file sha256 differs from the claimed one", s.id());
      throw new ClaimedHashMismatchException(result.sha256(), result.sm3());
    }
    Completion completion =
        QuarkusTransaction.requiringNew().call(() -> indexer.index(s, stored, result));
    if (completion.duplicate()) {
      indexer.discardDuplicateObject(s);
    }
    spool.deleteAll(s.id());
    completed.increment();
    return new Status(s.id(), s.length(), s.length(), r.expiresAt, completion, null);
  }

  private StoredObject finishObject(Receiver r) {
    UploadSession s = r.session;
    if (r.parts.isEmpty() && r.multipartId == null) {
      return putWhole(r);
    }
    long tail = r.offset - r.partsBytes;
    if (tail > 0) {
      r.flushPart(r.currentPart(), tail);
    }
    try {
      return multipart.complete(BucketRole.EVIDENCE, s.objectKey(), r.multipartId, r.parts);
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
  private StoredObject putWhole(Receiver r) {
    UploadSession s = r.session;
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

  private static MessageDigest patchDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(
          switch (algorithm) {
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            default ->
                throw new CustodiaException(
                    ProblemType.CHECKSUM_ALGORITHM,
                    "Upload-Checksum supports sha1 and sha256",
                    "Upload-Checksum");
          });
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Fills the whole buffer (or up to the end of the body): the request stream hands over small
   * pieces, and digesting, spooling and SM3 hand-off all run far better on full 256 KiB blocks.
   */
  private static int readSome(InputStream in, byte[] buffer) throws IOException {
    return in.readNBytes(buffer, 0, buffer.length);
  }

  private static void writeFully(FileChannel channel, byte[] buffer, int offset, int length)
      throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(buffer, offset, length);
    while (bb.hasRemaining()) {
      channel.write(bb);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }

  private static boolean isDiskFull(IOException e) {
    return e.getMessage() != null && e.getMessage().contains("No space left");
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
