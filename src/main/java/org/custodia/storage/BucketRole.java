package org.custodia.storage;

/** What a bucket holds; its name comes from {@code storage-config/buckets/<role>.json}. */
public enum BucketRole {
  /** Originals: immutable, versioned, Object Lock where the store enforces it. */
  EVIDENCE,
  /**
   * Derived files (thumbnails, review copies, export packages; the receipts of deployments older
   * than {@link #RECEIPTS}, which stay readable there).
   */
  DERIVED,
  /** Signed receipts of originals: Object Lock like the originals (COMPLIANCE). */
  RECEIPTS,
  /** Bytes whose claimed hash did not match: kept, flagged, never indexed as evidence. */
  QUARANTINE,
  /** Copies of signed audit checkpoints, outside the database. */
  AUDIT,
  /** Uploads in progress; abandoned parts expire by lifecycle rule. */
  STAGING;

  public String fileName() {
    return name().toLowerCase(java.util.Locale.ROOT) + ".json";
  }
}
