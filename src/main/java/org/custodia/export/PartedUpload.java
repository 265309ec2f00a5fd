package org.custodia.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.custodia.storage.BucketRole;
import org.custodia.storage.MultipartUpload;
import org.custodia.storage.StoredObject;

/**
 * An output stream that becomes one object in the store through a multipart upload: bytes spool to
 * a local file of at most one part, which is uploaded whenever it is full while the next part fills
 * a second spool file (one upload in flight, so the store's time and the package's hashing
 * overlap). Memory use is nothing of a part's size and disk use two parts, whatever the object's
 * size; the object's SHA-256 and size are computed as the bytes pass.
 */
final class PartedUpload extends OutputStream {
  private final MultipartUpload store;
  private final BucketRole bucket;
  private final String key;
  private final String uploadId;
  private final int partSize;
  private final Path[] spools = new Path[2];
  private final MessageDigest sha256;
  private final List<MultipartUpload.Part> parts = new ArrayList<>();
  private final ExecutorService sender;
  private Future<MultipartUpload.Part> inFlight;
  private int current;
  private int partsStarted;
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
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    this.spools[0] = Files.createTempFile("custodia-export-", ".part");
    this.spools[1] = Files.createTempFile("custodia-export-", ".part");
    this.sender =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "export-part-upload");
              t.setDaemon(true);
              return t;
            });
    this.part = Files.newOutputStream(spools[current]);
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
        sendPart();
        part = Files.newOutputStream(spools[current]);
      }
    }
  }

  /** Hands the full spool file to the sender (after the part before it is in) and switches. */
  private void sendPart() throws IOException {
    part.close();
    awaitInFlight();
    int number = ++partsStarted;
    Path file = spools[current];
    long length = inPart;
    inFlight =
        sender.submit(
            () ->
                new MultipartUpload.Part(
                    number, store.uploadPart(bucket, key, uploadId, number, file), length));
    current = 1 - current;
    inPart = 0;
  }

  private void awaitInFlight() throws IOException {
    if (inFlight == null) {
      return;
    }
    try {
      parts.add(inFlight.get());
    } catch (ExecutionException e) {
      throw new IOException(
          "uploading part " + (parts.size() + 1) + " of the package failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while uploading the package", e);
    } finally {
      inFlight = null;
    }
  }

  /** Completes the object from its parts; the stream must have been closed. */
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
      if (inPart > 0 || partsStarted == 0) {
        sendPart();
      } else {
        part.close();
      }
      awaitInFlight();
    } finally {
      discard();
    }
  }

  /** Stops the sender and deletes the spool files (after a failure too). */
  void discard() {
    try {
      part.close();
      if (inFlight != null) {
        inFlight.cancel(true);
      }
      sender.shutdownNow();
      for (Path spool : spools) {
        Files.deleteIfExists(spool);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
