package org.custodia.integrity;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditReader;
import org.custodia.audit.AuditService;
import org.custodia.digest.Sm3;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceService;
import org.custodia.security.Caller;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;

/**
 * {@code POST /evidence/{id}/verify}: re-reads the original from the object store (streaming, 64
 * KiB at a time) and checks size, SHA-256, SM3, the receipt against the record and its copy in the
 * store, both signatures, the timestamp, and the audit-log inclusion of the ingest event.
 */
@ApplicationScoped
public class VerificationService {
  private static final HexFormat HEX = HexFormat.of();

  private final EvidenceService evidence;
  private final ReceiptRepository receipts;
  private final Signing signing;
  private final ObjectStore store;
  private final AuditService audit;
  private final Caller caller;
  private final AuditReader auditLog;

  VerificationService(
      EvidenceService evidence,
      ReceiptRepository receipts,
      Signing signing,
      ObjectStore store,
      AuditService audit,
      Caller caller,
      AuditReader auditLog) {
    this.evidence = evidence;
    this.receipts = receipts;
    this.signing = signing;
    this.store = store;
    this.audit = audit;
    this.caller = caller;
    this.auditLog = auditLog;
  }

  /** One check: name, pass/fail/pending, and what was found. */
  public record Check(String name, String status, String detail) {}

  /** The report: PASS when every check passes, FAIL when any fails, else PENDING. */
  public record Report(UUID evidenceId, String result, Instant verifiedAt, List<Check> checks) {}

  /** The names of a record's receipt files under {@code receipts/<evidence id>/}. */
  public static final java.util.Set<String> RECEIPT_FILES =
      java.util.Set.of(Receipts.JSON, Receipts.P7S, Receipts.SM2_P7S, Receipts.TSR);

  /** The record, provided the caller may see it (404 otherwise). */
  Evidence visible(UUID id) {
    return evidence.visible(id);
  }

  public Report verify(UUID id) {
    Evidence e = visible(id);
    List<Check> checks = new ArrayList<>();
    content(e, checks);
    Optional<ReceiptRepository.Row> row = receipts.byId(id).filter(ReceiptRepository.Row::signed);
    if (row.isEmpty()) {
      String why = "the item has no signed receipt yet";
      for (String name :
          List.of("receipt", "receiptCopy", "ecdsaSignature", "sm2Signature", "timestamp")) {
        checks.add(new Check(name, "fail", why));
      }
    } else {
      receipt(e, row.get(), checks);
    }
    checks.add(inclusion(e));
    String result =
        checks.stream().anyMatch(c -> c.status().equals("fail"))
            ? "FAIL"
            : checks.stream().anyMatch(c -> c.status().equals("pending")) ? "PENDING" : "PASS";
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("result", result);
    details.put(
        "failed",
        checks.stream().filter(c -> !c.status().equals("pass")).map(Check::name).toList());
    // the original is read outside any transaction (it may take minutes); the audit is its own
    QuarkusTransaction.requiringNew()
        .run(
            () -> audit.record("evidence.verified", AuditEvent.Target.of("evidence", id), details));
    return new Report(id, result, Instant.now(), checks);
  }

  private void content(Evidence e, List<Check> checks) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
    Sm3 sm3 = new Sm3();
    long size = 0;
    try (InputStream in = store.get(BucketRole.EVIDENCE, e.objectKey(), e.objectVersion(), null)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha256.update(buffer, 0, n);
        sm3.update(buffer, 0, n);
        size += n;
      }
    } catch (IOException | RuntimeException ex) {
      String why = "cannot read the stored object: " + ex.getMessage();
      checks.add(new Check("size", "fail", why));
      checks.add(new Check("sha256", "fail", why));
      checks.add(new Check("sm3", "fail", why));
      return;
    }
    checks.add(
        size == e.size()
            ? new Check("size", "pass", size + " bytes")
            : new Check(
                "size", "fail", "stored object has " + size + " bytes, record " + e.size()));
    checks.add(compare("sha256", sha256.digest(), e.sha256()));
    checks.add(compare("sm3", sm3.digest(), e.sm3()));
  }

  private static Check compare(String name, byte[] computed, String recordedHex) {
    return MessageDigest.isEqual(computed, HEX.parseHex(recordedHex))
        ? new Check(name, "pass", recordedHex)
        : new Check(
            name,
            "fail",
            "stored object hashes to " + HEX.formatHex(computed) + ", record says " + recordedHex);
  }

  /**
   * The receipt checks of a record whose bytes the caller has just hashed itself (the export job):
   * the receipt against the record and its copy in the store, both signatures and the timestamp —
   * without re-reading the original. Empty when the record has no signed receipt yet.
   */
  public List<Check> receiptChecks(Evidence e) {
    Optional<ReceiptRepository.Row> row =
        receipts.byId(e.id()).filter(ReceiptRepository.Row::signed);
    List<Check> checks = new ArrayList<>();
    row.ifPresent(r -> receipt(e, r, checks));
    return checks;
  }

  private void receipt(Evidence e, ReceiptRepository.Row r, List<Check> checks) {
    checks.add(
        MessageDigest.isEqual(Receipts.json(e), r.json())
            ? new Check("receipt", "pass", "the receipt states the record's facts")
            : new Check("receipt", "fail", "the receipt differs from the evidence record"));
    checks.add(copies(e.id(), r));
    ReceiptVerifier.Outcome ec =
        ReceiptVerifier.cms(r.json(), r.p7s(), signing.roots(), r.ecCertSha256());
    checks.add(new Check("ecdsaSignature", ec.ok() ? "pass" : "fail", ec.detail()));
    ReceiptVerifier.Outcome sm2 =
        ReceiptVerifier.cms(r.json(), r.sm2P7s(), signing.roots(), r.sm2CertSha256());
    checks.add(new Check("sm2Signature", sm2.ok() ? "pass" : "fail", sm2.detail()));
    ReceiptVerifier.Outcome ts = ReceiptVerifier.timestamp(r.tsr(), r.p7s(), signing.tsaRoots());
    checks.add(
        new Check(
            "timestamp",
            ts.ok() ? "pass" : "fail",
            ts.detail() + (ts.ok() ? " (" + r.tsa() + ")" : "")));
  }

  /** The receipt files beside the original equal the database's copy. */
  private Check copies(UUID id, ReceiptRepository.Row r) {
    Map<String, byte[]> expected = new LinkedHashMap<>();
    expected.put(Receipts.JSON, r.json());
    expected.put(Receipts.P7S, r.p7s());
    expected.put(Receipts.SM2_P7S, r.sm2P7s());
    expected.put(Receipts.TSR, r.tsr());
    List<String> differing = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : expected.entrySet()) {
      String key = Receipts.objectKey(id, file.getKey());
      try (InputStream in = store.get(Receipts.bucketOf(store, key), key, null, null)) {
        if (!MessageDigest.isEqual(in.readNBytes(1 << 20), file.getValue())) {
          differing.add(file.getKey());
        }
      } catch (IOException | RuntimeException ex) {
        differing.add(file.getKey() + " (unreadable)");
      }
    }
    return differing.isEmpty()
        ? new Check("receiptCopy", "pass", "the copies in the object store match")
        : new Check("receiptCopy", "fail", "object store copies differ: " + differing);
  }

  /**
   * Whether the item's {@code evidence.ingested} event is in the audit log: its leaf hash
   * recomputed from the entry bytes, the SHA-256 it records, and an RFC 9162 inclusion proof
   * checked against the current tree head.
   */
  private Check inclusion(Evidence e) {
    try {
      AuditReader.LoggedEvent event =
          auditLog.firstEvent("evidence", e.id().toString(), "evidence.ingested").orElse(null);
      if (event == null) {
        return new Check("auditInclusion", "fail", "no evidence.ingested event in the audit log");
      }
      if (!event.leafHashMatches()) {
        return new Check("auditInclusion", "fail", "the audit entry does not match its leaf hash");
      }
      String logged = event.event().path("details").path("sha256").asText();
      if (!logged.equals(e.sha256())) {
        return new Check(
            "auditInclusion", "fail", "the audit entry records another SHA-256: " + logged);
      }
      AuditReader.Inclusion r = auditLog.inclusion(event);
      return new Check("auditInclusion", r.status(), r.detail());
    } catch (RuntimeException ex) {
      return new Check("auditInclusion", "fail", "cannot check: " + ex.getMessage());
    }
  }
}
