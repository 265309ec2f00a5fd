package org.custodia.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.custodia.storage.BucketRole;
import org.custodia.storage.MultipartUpload;
import org.custodia.storage.StoredObject;

/**
 * An output stream that becomes one object in the store through a multipart upload: bytes spool to
 * a local file of at most one part, which is uploaded and emptied whenever it is full. Memory and
 * disk use are one part, whatever the object's size; the object's SHA-256 and size are computed as
 * the bytes pass.
 */
final class PartedUpload extends OutputStream {
  private final MultipartUpload store;
  private final BucketRole bucket;
  private final String key;
  private final String uploadId;
  private final int partSize;
  private final Path spool;
  private final MessageDigest sha256;
  private final List<MultipartUpload.Part> parts = new ArrayList<>();
  private OutputStream part;
  private long inPart;
  private long size;
  private boolean closed;

  PartedUpload(MultipartUpload store, BucketRole bucket, String key, String uploadId, int partSize)
      throws IOException {
    this.store = store;
    this.bucket = bucket;
    this.key = key;
    this.uploadId = uploadId;
    this.partSize = partSize;
    this.spool = Files.createTempFile("custodia-export-", ".part");
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    this.part = Files.newOutputStream(spool);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int n = (int) Math.min(len, partSize - inPart);
      part.write(b, off, n);
      sha256.update(b, off, n);
      inPart += n;
      size += n;
      off += n;
      len -= n;
      if (inPart == partSize) {
        flushPart();
        part = Files.newOutputStream(spool);
      }
    }
  }

  private void flushPart() throws IOException {
    part.close();
    int number = parts.size() + 1;
    try {
      String etag = store.uploadPart(bucket, key, uploadId, number, spool);
      parts.add(new MultipartUpload.Part(number, etag, inPart));
    } catch (RuntimeException e) {
      throw new IOException("uploading part " + number + " of the package failed", e);
    }
    inPart = 0;
  }

  /** Sends the last part and completes the object; the stream must have been closed. */
  StoredObject complete() {
    if (!closed) {
      throw new IllegalStateException("not closed");
    }
    return store.complete(bucket, key, uploadId, parts);
  }

  long size() {
    return size;
  }

  byte[] sha256() {
    return sha256.digest();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (inPart > 0 || parts.isEmpty()) {
        flushPart();
      } else {
        part.close();
      }
    } finally {
      discard();
    }
  }

  /** Deletes the spool file (after a failure too). */
  void discard() {
    try {
      part.close();
      Files.deleteIfExists(spool);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
