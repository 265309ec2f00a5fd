package org.custodia.integrity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.custodia.audit.CanonicalJson;
import org.custodia.dossier.Evidence;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectKeys;
import org.custodia.storage.ObjectStore;

/** What a receipt says: the evidence facts, as canonical JSON (RFC 8785). */
final class Receipts {
  static final int VERSION = 1;
  static final String JSON = "receipt.json";
  static final String P7S = "receipt.p7s";
  static final String SM2_P7S = "receipt.sm2.p7s";
  static final String TSR = "receipt.tsr";

  private Receipts() {}

  /**
   * The receipt bytes of an evidence record. Absent facts (no device, no recording times) are left
   * out; hashes are lowercase hex; times RFC 3339 UTC.
   */
  static byte[] json(Evidence e) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("receiptVersion", VERSION);
    facts.put("id", e.id().toString());
    facts.put("sha256", e.sha256());
    facts.put("sm3", e.sm3());
    facts.put("size", e.size());
    facts.put("contentType", e.contentType());
    put(facts, "deviceId", e.deviceId());
    put(facts, "officerId", e.officerId());
    put(facts, "stationId", e.stationId());
    put(facts, "recordedFrom", e.recordedFrom());
    put(facts, "recordedTo", e.recordedTo());
    put(facts, "stationClaimedSha256", e.stationClaimedSha256());
    facts.put("objectKey", e.objectKey());
    put(facts, "objectVersion", e.objectVersion());
    put(facts, "ingestedAt", e.ingestedAt());
    return CanonicalJson.bytes(facts);
  }

  private static void put(Map<String, Object> facts, String name, Object value) {
    if (value != null) {
      facts.put(name, value.toString());
    }
  }

  /** Object key of a receipt file, in the receipts bucket (or, written before it, derived). */
  static String objectKey(UUID evidenceId, String file) {
    return ObjectKeys.requireSafe("receipts/" + evidenceId + "/" + file);
  }

  /**
   * The bucket holding a receipt file: receipts are written to the locked {@code receipts} bucket;
   * those written before it existed stay where they were, in {@code derived} (decision 0018).
   */
  static BucketRole bucketOf(ObjectStore store, String key) {
    return store.stat(BucketRole.RECEIPTS, key, null).isPresent()
        ? BucketRole.RECEIPTS
        : BucketRole.DERIVED;
  }
}
