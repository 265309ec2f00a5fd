package org.custodia.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Resumable uploads ({@code custodia.ingest.*}). */
@ConfigMapping(prefix = "custodia.ingest")
public interface IngestConfig {
  /** Largest upload accepted ({@code Tus-Max-Size}); default 64 GiB. */
  @WithDefault("68719476736")
  long maxSize();

  /**
   * Size of the multipart parts, and so of the local spool (bytes acknowledged but not yet in a
   * part). Raised per upload when needed to stay within S3's 10,000 parts.
   */
  @WithDefault("8388608")
  long partSize();

  /**
   * Full parts of one upload being sent to the object store at once while the next is received.
   * Each is a spool file until the store has it; a 204 waits for all of them.
   */
  @WithDefault("2")
  int partsInFlight();

  /** Threads sending parts to the object store, for all uploads together; beyond, parts queue. */
  @WithDefault("32")
  int partUploadThreads();

  /**
   * Threads computing SM3 beside the request threads' SHA-256, one per PATCH in progress; a PATCH
   * that finds them all busy computes both digests on its request thread.
   */
  @WithDefault("32")
  int digestThreads();

  /** An upload not touched for this long expires and its parts are cleaned up. */
  @WithDefault("PT24H")
  Duration expiry();

  /**
   * A PATCH holds its upload this long, renewed while bytes flow; after a crash the upload is free
   * again at most this long later (clients are told upload-busy with Retry-After meanwhile).
   */
  @WithDefault("PT30S")
  Duration lease();

  /** Directory of the spool files; default {@code <data-dir>/spool}. */
  Optional<String> spoolDir();

  /**
   * Free space the spool's file store must have for the instance to be ready (health check {@code
   * upload-spool}); below it, uploads would soon fail with 507. Bytes; default 1 GiB.
   */
  @WithDefault("1073741824")
  long spoolMinFree();

  /**
   * Largest PATCH accepted with {@code Upload-Checksum} (it is verified before any part is kept).
   */
  @WithDefault("67108864")
  long maxChecksummedPatch();
}
