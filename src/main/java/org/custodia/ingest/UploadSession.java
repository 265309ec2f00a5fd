package org.custodia.ingest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.custodia.storage.MultipartUpload;

/** One resumable upload as stored (see V10__upload_sessions.sql). */
record UploadSession(
    UUID id,
    String ownerKind,
    UUID ownerId,
    UUID unitId,
    State state,
    long length,
    long offset,
    long partSize,
    IngestMetadata metadata,
    String objectKey,
    String multipartId,
    List<MultipartUpload.Part> parts,
    long partsBytes,
    byte[] digestState,
    byte[] partDigestState,
    byte[] sha256,
    byte[] sm3,
    UUID evidenceId,
    Instant createdAt,
    Instant expiresAt) {

  enum State {
    RECEIVING,
    COMPLETED,
    QUARANTINED,
    TERMINATED,
    EXPIRED
  }

  /** Bytes acknowledged but not yet in a completed part: they are in the spool. */
  long spooled() {
    return offset - partsBytes;
  }

  boolean ownedBy(String kind, UUID id) {
    return ownerKind.equals(kind) && ownerId.equals(id);
  }
}
