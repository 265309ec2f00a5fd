package org.custodia.ingest;

import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.custodia.digest.StreamingDigests;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.storage.BucketRole;
import org.custodia.storage.MultipartUpload;
import org.jboss.logging.Logger;

/**
 * One PATCH in progress, under the lease its caller holds. Bytes stream from the request through
 * the SHA-256 and SM3 digests into the spool file of the current part; each full part goes to the
 * object store as a multipart part while the next one is received, and is recorded in the session
 * row, in order, with the digest state at its end; the end of the PATCH is recorded once its bytes
 * are durable. The session row thus covers exactly the bytes acknowledged, so that a resume neither
 * re-sends nor re-reads a byte.
 */
final class PatchReceiver implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PatchReceiver.class);
  private static final int BUFFER = 256 * 1024;

  /** What every PATCH works with: one set for the application. */
  record Tools(
      UploadRepository uploads,
      Spool spool,
      MultipartUpload multipart,
      IngestConfig config,
      IngestThreads threads,
      Counter bytesReceived) {}

  private final UploadRepository uploads;
  private final Spool spool;
  private final MultipartUpload multipart;
  private final IngestConfig config;
  private final Executor partUploads;
  private final Counter bytesReceived;

  private final UploadSession session;
  private final UUID lease;
  private final StreamingDigests digests;
  private byte[] partDigestState;
  private final List<MultipartUpload.Part> parts;
  private String multipartId;
  private long offset;
  private long partsBytes;
  private Instant expiresAt;

  PatchReceiver(Tools tools, UploadSession s, UUID lease) {
    this.uploads = tools.uploads();
    this.spool = tools.spool();
    this.multipart = tools.multipart();
    this.config = tools.config();
    this.partUploads = tools.threads().partUploads();
    this.bytesReceived = tools.bytesReceived();
    this.session = s;
    this.lease = lease;
    this.digests = StreamingDigests.restore(s.digestState()).pipelined(tools.threads().digests());
    this.partDigestState = s.partDigestState();
    this.parts = new ArrayList<>(s.parts());
    this.multipartId = s.multipartId();
    this.offset = s.offset();
    this.partsBytes = s.partsBytes();
    this.expiresAt = s.expiresAt();
  }

  UploadSession session() {
    return session;
  }

  /** Bytes received and recorded so far. */
  long offset() {
    return offset;
  }

  Instant expiresAt() {
    return expiresAt;
  }

  /** Final digests of everything received. */
  StreamingDigests.Result digests() {
    return digests.result();
  }

  /** Nothing went to the store yet: every byte is in the spool file of part 1. */
  boolean allInSpool() {
    return parts.isEmpty() && multipartId == null;
  }

  String multipartId() {
    return multipartId;
  }

  List<MultipartUpload.Part> parts() {
    return parts;
  }

  @Override
  public void close() {
    digests.close();
  }

  private int currentPart() {
    return parts.size() + 1;
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

  void receive(InputStream body, UploadService.Checksum checksum) {
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
  private void renewLeaseIfDue() {
    if (System.nanoTime() - leaseRenewedAt > config.lease().toNanos() / 3) {
      if (!uploads.renew(session.id(), lease, Instant.now().plus(config.lease()))) {
        throw takenOver();
      }
      leaseRenewedAt = System.nanoTime();
    }
  }

  /**
   * The bytes after the last part (the whole file when it never needed one) become its last part.
   */
  void flushTail() {
    long tail = offset - partsBytes;
    if (tail > 0) {
      flushPart(currentPart(), tail, digests.state());
    }
  }

  /** Sends a full spool file as a part and records it; {@code state} is the digest at its end. */
  private void flushPart(int number, long size, byte[] state) {
    submitPart(number, size, state);
    awaitInFlight();
  }

  /** A full part on its way to the store; recorded, in order, once the store has it. */
  private record InFlight(int number, long size, byte[] state, CompletableFuture<String> etag) {}

  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();

  /**
   * Starts uploading a full part in the background: at most {@code parts-in-flight} parts per
   * upload are sent at once while the next one is received, so receiving and storing overlap with
   * constant memory (the parts are spool files).
   */
  private void submitPart(int number, long size, byte[] state) {
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
                partUploads)));
  }

  /** Waits for every part in flight and records them, in order. */
  private void awaitInFlight() {
    while (!inFlight.isEmpty()) {
      awaitOldest();
    }
  }

  private void awaitOldest() {
    InFlight part = inFlight.peekFirst();
    String etag;
    try {
      etag = part.etag().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    } finally {
      inFlight.removeFirst();
    }
    recordPart(part.number(), etag, part.size(), part.state());
  }

  /** On failure: let the parts in flight finish unrecorded (they are simply sent again later). */
  private void abandonInFlight() {
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
      throw takenOver();
    }
    spool.delete(file);
  }

  private void recordProgress() {
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
      throw takenOver();
    }
  }

  /**
   * The lease was lost: it lapsed and another request took the upload, which it holds for at most
   * the lease time.
   */
  private UploadBusyException takenOver() {
    return new UploadBusyException(
        "the upload was taken over by another request", config.lease().toSeconds());
  }

  // ---------------------------------------------------------------- helpers

  /** The digest of an {@code Upload-Checksum} algorithm; 400 for one we do not support. */
  static MessageDigest patchDigest(String algorithm) {
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
}
