package org.custodia.fixity;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.custodia.digest.Sha256;
import org.custodia.digest.StreamingDigests;
import org.custodia.dossier.EvidenceService;
import org.custodia.ingest.OrphanReconciler;
import org.custodia.integrity.ReceiptAccess;
import org.custodia.media.MediaService;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.storage.StorageException;
import org.custodia.storage.StorageUnavailableException;
import org.custodia.storage.StoredObject;

/**
 * Re-reads one object and compares it with what the archive recorded: SHA-256 and SM3 (on a second
 * thread) and the size for an original, SHA-256 and the size for a derived or receipt file; or
 * lists a bucket for objects nothing records. Memory: one 256 KiB buffer and the digests' chunks,
 * whatever the object's size.
 */
@ApplicationScoped
class FixityChecker {
  private static final int BUFFER = 256 * 1024;
  private static final HexFormat HEX = HexFormat.of();

  /** Where the archive's objects are; others in those buckets belong to features above this one. */
  static final String ORIGINALS = "originals/";

  static final String DERIVED = "derived/";
  static final String RECEIPTS = "receipts/";
  static final String EXPORTS = "exports/";

  private final ObjectStore store;
  private final EvidenceService evidence;
  private final OrphanReconciler uploads;
  private final MediaService media;
  private final ReceiptAccess receipts;
  private final StreamingDigests.Workers sm3Workers;

  FixityChecker(
      ObjectStore store,
      EvidenceService evidence,
      OrphanReconciler uploads,
      MediaService media,
      ReceiptAccess receipts,
      FixityConfig config) {
    this.receipts = receipts;
    this.store = store;
    this.evidence = evidence;
    this.uploads = uploads;
    this.media = media;
    this.sm3Workers = new StreamingDigests.Workers("fixity-sm3", Math.max(1, config.workers()));
  }

  /** What a check found. */
  record Outcome(FixityItem.Result result, byte[] sha256, byte[] sm3, Long size, String detail) {}

  /** Called as bytes are read: paces the reading and renews the lease (false: stop, it is lost). */
  interface Progress {
    boolean read(long bytes) throws InterruptedException;
  }

  /** Re-hashes the object of a claimed item. */
  Outcome check(FixityRepository.ItemClaim c, Progress progress)
      throws IOException, InterruptedException {
    BucketRole bucket = BucketRole.valueOf(c.bucket());
    Optional<StoredObject> stat = store.stat(bucket, c.objectKey(), c.objectVersion());
    if (stat.isEmpty()) {
      return new Outcome(FixityItem.Result.MISSING, null, null, null, "not in the store");
    }
    boolean original = c.target() == FixityItem.Target.ORIGINAL;
    long size = 0;
    byte[] sha256;
    byte[] sm3 = null;
    try (InputStream in = store.get(bucket, c.objectKey(), c.objectVersion(), null)) {
      byte[] buf = new byte[BUFFER];
      if (original) {
        try (StreamingDigests d = new StreamingDigests().pipelined(sm3Workers)) {
          int n;
          while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
            d.update(buf, 0, n);
            size += n;
            if (!progress.read(n)) {
              return null;
            }
          }
          StreamingDigests.Result r = d.result();
          sha256 = r.sha256();
          sm3 = r.sm3();
        }
      } else {
        Sha256 d = Sha256.create();
        int n;
        while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
          d.update(buf, 0, n);
          size += n;
          if (!progress.read(n)) {
            return null;
          }
        }
        sha256 = d.digest();
      }
    } catch (StorageUnavailableException e) {
      throw e;
    } catch (StorageException e) {
      if (store.stat(bucket, c.objectKey(), c.objectVersion()).isEmpty()) {
        return new Outcome(FixityItem.Result.MISSING, null, null, null, "not in the store");
      }
      throw e;
    }
    StringBuilder differs = new StringBuilder();
    if (c.size() != null && c.size() != size) {
      differs.append("size ");
    }
    if (!Arrays.equals(c.sha256(), sha256)) {
      differs.append("sha256 ");
    }
    if (original && !Arrays.equals(c.sm3(), sm3)) {
      differs.append("sm3 ");
    }
    if (differs.isEmpty()) {
      return new Outcome(FixityItem.Result.OK, sha256, sm3, size, null);
    }
    return new Outcome(
        FixityItem.Result.MISMATCH,
        sha256,
        sm3,
        size,
        "differs from the record: " + differs.toString().strip().replace(' ', ','));
  }

  /** Reports each object in a bucket that nothing records. */
  interface Foreign {
    void found(String key, long size, String detail);
  }

  /**
   * Lists a whole archive bucket, page by page, and reports every object that no record accounts
   * for and that is older than {@code youngest} (younger ones may still be committing). Returns the
   * number of objects listed. {@code progress} is told every 1000 objects (false: stop).
   */
  long scan(BucketRole bucket, Instant youngest, Foreign foreign, Progress progress)
      throws InterruptedException {
    long listed = 0;
    for (StoredObject o : store.list(bucket, "")) {
      listed++;
      if (listed % 1000 == 0 && !progress.read(0)) {
        return listed;
      }
      if (o.lastModified() != null && o.lastModified().isAfter(youngest)) {
        continue;
      }
      String why = unaccounted(bucket, o.key());
      if (why != null) {
        foreign.found(o.key(), o.size(), why);
      }
    }
    return listed;
  }

  /** Why no record accounts for the object, or null when one does. */
  private String unaccounted(BucketRole bucket, String key) {
    if (bucket == BucketRole.EVIDENCE) {
      if (!key.startsWith(ORIGINALS)) {
        return "outside originals/ in the evidence bucket";
      }
      return uploads.accountedFor(key) ? null : "no evidence record or upload holds it";
    }
    if (bucket == BucketRole.RECEIPTS) {
      return key.startsWith(RECEIPTS) ? receipt(key) : "outside receipts/ in the receipts bucket";
    }
    if (key.startsWith(EXPORTS)) {
      return null; // export packages: the export feature's own, expired by it
    }
    if (key.startsWith(DERIVED)) {
      UUID id = evidenceIdIn(key, DERIVED);
      if (id == null) {
        return "not under derived/<evidence id>/";
      }
      boolean known = media.derived(id).stream().anyMatch(d -> d.objectKey().equals(key));
      return known ? null : "no derived file of the record is stored under this key";
    }
    if (key.startsWith(RECEIPTS)) {
      return receipt(key);
    }
    return "outside derived/, receipts/ and exports/ in the derived bucket";
  }

  /** Why no signed receipt accounts for a key under receipts/, or null when one does. */
  private String receipt(String key) {
    UUID id = evidenceIdIn(key, RECEIPTS);
    if (id == null || evidence.find(id).isEmpty()) {
      return "a receipt of no evidence record";
    }
    return receipts.objectKeys(id).contains(key) ? null : "no file of the record's signed receipt";
  }

  private static UUID evidenceIdIn(String key, String prefix) {
    int slash = key.indexOf('/', prefix.length());
    if (slash < 0) {
      return null;
    }
    try {
      return UUID.fromString(key.substring(prefix.length(), slash));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static String hex(byte[] b) {
    return b == null ? null : HEX.formatHex(b);
  }
}
