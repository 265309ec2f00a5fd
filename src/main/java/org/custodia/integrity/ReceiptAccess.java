package org.custodia.integrity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.dossier.EvidenceService;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;

/** Reading an item's receipt: its signing state and its files, for callers who may see the item. */
@ApplicationScoped
public class ReceiptAccess {
  private final EvidenceService evidence;
  private final ReceiptRepository receipts;
  private final AuditService audit;
  private final ObjectStore store;

  ReceiptAccess(
      EvidenceService evidence, ReceiptRepository receipts, AuditService audit, ObjectStore store) {
    this.evidence = evidence;
    this.receipts = receipts;
    this.audit = audit;
    this.store = store;
  }

  /**
   * An item's receipt state in short, for listings (the case timeline): {@code SIGNED} (both
   * signatures and the RFC 3161 timestamp, which come together or not at all), {@code PENDING} (not
   * attempted yet) or {@code FAILED} (signing or timestamping failed; the retry job signs it
   * later).
   */
  public record State(String state, boolean signed, boolean timestamped, Instant signedAt) {}

  /** The receipt state of a visible item. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public State state(UUID id) {
    return receipt(id)
        .map(r -> new State(r.state(), r.signed(), r.signed() && r.tsr() != null, r.signedAt()))
        .orElse(new State("PENDING", false, false, null));
  }

  /** The receipt row of a visible item; empty while no signing was attempted. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<ReceiptRepository.Row> receipt(UUID id) {
    evidence.visible(id);
    return receipts.byId(id);
  }

  /**
   * The object keys (derived bucket) of an item's signed receipt files, whoever asks: for the
   * service's own work (retention, disposal). Empty while the receipt is not signed.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public java.util.List<String> objectKeys(UUID id) {
    if (receipts.byId(id).filter(ReceiptRepository.Row::signed).isEmpty()) {
      return java.util.List.of();
    }
    return java.util.List.of(
        Receipts.objectKey(id, Receipts.JSON),
        Receipts.objectKey(id, Receipts.P7S),
        Receipts.objectKey(id, Receipts.SM2_P7S),
        Receipts.objectKey(id, Receipts.TSR));
  }

  /** One stored receipt file as the database holds it: where it is, its SHA-256 and size. */
  public record StoredFile(BucketRole bucket, String objectKey, byte[] sha256, long size) {}

  /**
   * The stored files of an item's signed receipt, whoever asks: for the service's own work (fixity
   * re-hashes them against these). The bucket is {@code receipts}, or {@code derived} for a receipt
   * written before that bucket existed (one look-up per item); a receipt in neither is expected in
   * {@code receipts}. Empty while the receipt is not signed.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public java.util.List<StoredFile> storedFiles(UUID id) {
    Optional<ReceiptRepository.Row> row = receipts.byId(id).filter(ReceiptRepository.Row::signed);
    if (row.isEmpty()) {
      return java.util.List.of();
    }
    ReceiptRepository.Row r = row.get();
    String json = Receipts.objectKey(id, Receipts.JSON);
    BucketRole bucket =
        store.stat(BucketRole.RECEIPTS, json, null).isEmpty()
                && store.stat(BucketRole.DERIVED, json, null).isPresent()
            ? BucketRole.DERIVED
            : BucketRole.RECEIPTS;
    java.util.List<StoredFile> out = new java.util.ArrayList<>();
    for (Map.Entry<String, byte[]> f :
        java.util.List.of(
            Map.entry(Receipts.JSON, r.json()),
            Map.entry(Receipts.P7S, r.p7s()),
            Map.entry(Receipts.SM2_P7S, r.sm2P7s()),
            Map.entry(Receipts.TSR, r.tsr()))) {
      byte[] bytes = f.getValue();
      out.add(
          new StoredFile(
              bucket, Receipts.objectKey(id, f.getKey()), Timestamper.sha256(bytes), bytes.length));
    }
    return out;
  }

  /** The files of a signed receipt, and the certificates (by SHA-256) that signed it. */
  public record SignedFiles(
      byte[] json,
      byte[] p7s,
      byte[] sm2P7s,
      byte[] tsr,
      Integer generation,
      byte[] ecCertSha256,
      byte[] sm2CertSha256) {}

  /**
   * The signed receipt of an item, whoever asks: for the service's own work (an approved export's
   * package job), never for a caller. Empty while the receipt is not signed.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<SignedFiles> signedFiles(UUID id) {
    return receipts
        .byId(id)
        .filter(ReceiptRepository.Row::signed)
        .map(
            r ->
                new SignedFiles(
                    r.json(),
                    r.p7s(),
                    r.sm2P7s(),
                    r.tsr(),
                    r.generation(),
                    r.ecCertSha256(),
                    r.sm2CertSha256()));
  }

  /** The signed receipt of a visible item, the download of {@code file} audited. */
  @Transactional
  public ReceiptRepository.Row download(UUID id, String file) {
    evidence.visible(id);
    ReceiptRepository.Row r =
        receipts
            .byId(id)
            .filter(ReceiptRepository.Row::signed)
            .orElseThrow(
                () ->
                    new CustodiaException(
                        ProblemType.RECEIPT_NOT_SIGNED,
                        "the item is stored; its receipt is not signed yet"));
    audit.record(
        "evidence.receipt-downloaded", AuditEvent.Target.of("evidence", id), Map.of("file", file));
    return r;
  }
}
