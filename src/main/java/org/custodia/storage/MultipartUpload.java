package org.custodia.storage;

import java.nio.file.Path;
import java.util.List;

/**
 * A multipart upload the service drives part by part (resumable ingest). Parts are uploaded from
 * local spool files and streamed from disk: no part is held in memory.
 */
public interface MultipartUpload {

  /** Starts a multipart upload and returns its id. */
  String start(BucketRole bucket, String key, String contentType);

  /** Uploads {@code file} (its whole content) as part {@code partNumber}; returns the ETag. */
  String uploadPart(BucketRole bucket, String key, String uploadId, int partNumber, Path file);

  /** Completes the upload from its parts, in order. */
  StoredObject complete(BucketRole bucket, String key, String uploadId, List<Part> parts);

  void abort(BucketRole bucket, String key, String uploadId);

  record Part(int number, String etag, long size) {}
}
