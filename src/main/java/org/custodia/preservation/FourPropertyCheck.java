package org.custodia.preservation;

import static org.custodia.preservation.CheckReport.Property.AUTHENTICITY;
import static org.custodia.preservation.CheckReport.Property.INTEGRITY;
import static org.custodia.preservation.CheckReport.Property.SECURITY;
import static org.custodia.preservation.CheckReport.Property.USABILITY;
import static org.custodia.preservation.CheckReport.Result.FAIL;
import static org.custodia.preservation.CheckReport.Result.PASS;
import static org.custodia.preservation.CheckReport.Result.WARN;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.custodia.audit.AuditReader;
import org.custodia.audit.Merkle;
import org.custodia.audit.SignedCheckpoint;
import org.custodia.digest.StreamingDigests;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CaseService;
import org.custodia.dossier.DeviceService;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceKind;
import org.custodia.dossier.EvidenceQuery;
import org.custodia.dossier.EvidenceService;
import org.custodia.dossier.OfficerService;
import org.custodia.integrity.VerificationService;
import org.custodia.media.Derived;
import org.custodia.media.MediaService;
import org.custodia.preservation.CheckReport.Result;
import org.custodia.retention.RetentionService;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.storage.Protection;
import org.custodia.storage.StorageException;
import org.custodia.storage.StorageUnavailableException;
import org.custodia.storage.StoredObject;
import org.custodia.support.Page;

/**
 * Checks one case's dossier for the four properties of DA/T 70-2018 and reports each named item
 * (docs/four-property-check.md). Each original is read once, streamed from the store: hashed
 * (SHA-256 and SM3, the SM3 on a second thread as fixity does) and copied to a temporary file on
 * disk, which the usability openers read (FFmpeg's probe, the PDF, image and text checks) and which
 * is deleted at once. Memory: one buffer and the digests' chunks, whatever the size; the report
 * grows with the number of records, not their bytes.
 */
@ApplicationScoped
class FourPropertyCheck {
  private static final int BUFFER = 256 * 1024;
  private static final int PAGE = 200;
  private static final HexFormat HEX = HexFormat.of();
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  /** Where ingest puts an original: by the day of its upload, named by its upload's id. */
  private static final Pattern ORIGINAL_KEY =
      Pattern.compile("originals/\\d{4}/\\d{2}/\\d{2}/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

  private static final Pattern MIME = Pattern.compile("[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*");
  private static final Map<String, String> RECEIPT_CODES =
      Map.of(
          "receipt", "authenticity.receipt",
          "receiptCopy", "authenticity.receipt-copy",
          "ecdsaSignature", "authenticity.signature",
          "sm2Signature", "authenticity.signature-sm2",
          "timestamp", "authenticity.timestamp");

  private final CaseService cases;
  private final EvidenceService evidence;
  private final OfficerService officers;
  private final DeviceService devices;
  private final ObjectStore store;
  private final VerificationService verification;
  private final AuditReader auditLog;
  private final MediaService media;
  private final RetentionService retention;
  private final PreservationRules rules;
  private final PreservationConfig config;
  private final StreamingDigests.Workers sm3Workers;

  FourPropertyCheck(
      CaseService cases,
      EvidenceService evidence,
      OfficerService officers,
      DeviceService devices,
      ObjectStore store,
      VerificationService verification,
      AuditReader auditLog,
      MediaService media,
      RetentionService retention,
      PreservationRules rules,
      PreservationConfig config) {
    this.cases = cases;
    this.evidence = evidence;
    this.officers = officers;
    this.devices = devices;
    this.store = store;
    this.verification = verification;
    this.auditLog = auditLog;
    this.media = media;
    this.retention = retention;
    this.rules = rules;
    this.config = config;
    this.sm3Workers =
        new StreamingDigests.Workers("preservation-sm3", Math.max(1, config.workers()));
  }

  /** Told the total, then after each record (false: stop, the lease is lost). */
  interface Progress {
    boolean records(int done, int total);
  }

  /** The records linked to a case now, less those a disposal removed on purpose. */
  List<Evidence> records(UUID caseId) {
    EvidenceQuery.Filter filter = EvidenceQuery.Filter.builder().caseId(caseId).build();
    List<Evidence> out = new ArrayList<>();
    UUID cursor = null;
    while (true) {
      Page<Evidence> page = evidence.search(filter, cursor, PAGE);
      for (Evidence e : page.items()) {
        if (!retention.disposed(e.id())) {
          out.add(e);
        }
      }
      if (page.nextCursor() == null || page.items().isEmpty()) {
        return out;
      }
      cursor = page.items().get(page.items().size() - 1).id();
    }
  }

  /** Checks the case; null when {@code progress} said stop. */
  CheckReport check(UUID caseId, Progress progress) throws IOException {
    CaseRecords.CaseSummary c =
        cases.find(caseId).orElseThrow(() -> new IllegalStateException("no case " + caseId));
    List<Evidence> records = records(caseId);
    CheckReport.Builder report = new CheckReport.Builder();
    boolean lock = store.capabilities().objectLock();
    String worm = lock ? "store" : "service";
    report.add(
        SECURITY,
        "security.worm",
        PASS,
        null,
        lock
            ? "the object store enforces Object Lock (COMPLIANCE): no one can change or delete a"
                + " protected version"
            : "the store has no Object Lock: the service's own protection table refuses every"
                + " change and deletion of a protected version (docs/worm.md)");
    if (!progress.records(0, records.size())) {
      return null;
    }
    SignedCheckpoint checkpoint = auditLog.checkpointNow();
    boolean checkpointSigned = checkpoint.verifies(auditLog.checkpointKey());
    report.add(
        SECURITY,
        "security.checkpoint",
        checkpointSigned ? PASS : FAIL,
        null,
        (checkpointSigned ? "signed checkpoint verifies" : "signature of the checkpoint fails")
            + " (tree size "
            + checkpoint.treeSize()
            + ", root "
            + HEX.formatHex(checkpoint.rootHash())
            + ")");
    accessLog(report, "case", caseId, null, checkpoint);
    int present = 0;
    int done = 0;
    for (Evidence e : records) {
      if (record(report, caseId, e, checkpoint)) {
        present++;
      }
      if (!progress.records(++done, records.size())) {
        return null;
      }
    }
    String counts =
        records.size()
            + " records linked to the case, "
            + records.size()
            + " in the index, "
            + present
            + " with their original in the store";
    report.add(INTEGRITY, "integrity.count", present == records.size() ? PASS : FAIL, null, counts);
    return report.build(caseId, c.caseNo(), worm, records.size());
  }

  /** Checks one record; whether its original is in the store. */
  private boolean record(
      CheckReport.Builder report, UUID caseId, Evidence e, SignedCheckpoint checkpoint)
      throws IOException {
    UUID id = e.id();
    metadata(report, caseId, e);
    required(report, e);
    Optional<StoredObject> stat = stat(e);
    List<AuditReader.EventRow> events = events("evidence", id);
    history(report, e, events);
    accessLog(report, "evidence", id, events, checkpoint);
    foreign(report, e);
    boolean allowed = rules.current().allows(e.kind(), e.contentType());
    report.add(
        USABILITY,
        "usability.format-allowed",
        allowed ? PASS : FAIL,
        id,
        e.contentType()
            + (allowed ? " is" : " is not")
            + " on the allowed list for "
            + e.kind()
            + " (version "
            + rules.current().version()
            + ")");
    if (stat.isEmpty()) {
      report.add(
          INTEGRITY,
          "integrity.content-present",
          FAIL,
          id,
          "no object at the recorded location " + BucketRole.EVIDENCE + "/" + e.objectKey());
      String why = "not checked: the record has no content (integrity.content-present)";
      for (String code :
          List.of("authenticity.sha256", "authenticity.sm3", "authenticity.file-properties")) {
        report.add(AUTHENTICITY, code, WARN, id, why);
      }
      location(report, e, null);
      report.add(USABILITY, "usability.opens", WARN, id, why);
      report.add(SECURITY, "security.protection", WARN, id, why);
      receipts(report, e);
      return false;
    }
    report.add(
        INTEGRITY,
        "integrity.content-present",
        PASS,
        id,
        stat.get().size() + " bytes at the recorded location");
    location(report, e, stat.get());
    Path copy = Files.createTempFile("custodia-fourprop-", ".orig");
    try {
      content(report, e, stat.get(), copy);
      receipts(report, e);
      protection(report, e);
    } finally {
      Files.deleteIfExists(copy);
    }
    return true;
  }

  private Optional<StoredObject> stat(Evidence e) {
    return store.stat(BucketRole.EVIDENCE, e.objectKey(), e.objectVersion());
  }

  /** authenticity.metadata: the index's values are well formed and its references resolve. */
  private void metadata(CheckReport.Builder report, UUID caseId, Evidence e) {
    List<String> wrong = new ArrayList<>();
    if (e.sha256() == null || !HASH.matcher(e.sha256()).matches()) {
      wrong.add("sha256 is not 64 lower-case hex digits");
    }
    if (e.sm3() == null || !HASH.matcher(e.sm3()).matches()) {
      wrong.add("sm3 is not 64 lower-case hex digits");
    }
    if (e.size() < 0) {
      wrong.add("size is negative");
    }
    String type = e.contentType() == null ? "" : e.contentType().split(";", 2)[0].strip();
    if (!MIME.matcher(type).matches()) {
      wrong.add("content type \"" + e.contentType() + "\" is not a MIME type");
    } else if (e.kind() != kindOf(type)) {
      wrong.add("kind " + e.kind() + " does not fit content type " + type);
    }
    if (e.recordedFrom() != null
        && e.recordedTo() != null
        && e.recordedTo().isBefore(e.recordedFrom())) {
      wrong.add("recordedTo is before recordedFrom");
    }
    if (e.ingestedAt() == null || e.ingestedAt().isAfter(Instant.now())) {
      wrong.add("ingestedAt is missing or in the future");
    }
    if (e.deviceId() != null
        && devices.find(e.deviceId()).filter(d -> d.unitId().equals(e.unitId())).isEmpty()) {
      wrong.add("device " + e.deviceId() + " is not a device of the record's unit");
    }
    if (e.officerId() != null
        && officers.find(e.officerId()).filter(o -> o.unitId().equals(e.unitId())).isEmpty()) {
      wrong.add("officer " + e.officerId() + " is not an officer of the record's unit");
    }
    if (e.link() == null || !caseId.equals(e.link().caseId())) {
      wrong.add("the record's current link does not name the case");
    }
    report.add(
        AUTHENTICITY,
        "authenticity.metadata",
        wrong.isEmpty() ? PASS : FAIL,
        e.id(),
        wrong.isEmpty()
            ? "hashes, size, content type, times, device and officer references are valid"
            : String.join("; ", wrong));
  }

  static EvidenceKind kindOf(String type) {
    if (type.startsWith("video/")) {
      return EvidenceKind.VIDEO;
    }
    if (type.startsWith("audio/")) {
      return EvidenceKind.AUDIO;
    }
    return type.startsWith("image/") ? EvidenceKind.PHOTO : EvidenceKind.DOCUMENT;
  }

  /** integrity.required-metadata: what a record of its kind must carry. */
  private static void required(CheckReport.Builder report, Evidence e) {
    List<String> missing = new ArrayList<>();
    if (e.filename() == null || e.filename().isBlank()) {
      missing.add("filename");
    }
    if (e.stationId() == null) {
      missing.add("stationId");
    }
    if (e.kind() != EvidenceKind.DOCUMENT) {
      if (e.deviceId() == null) {
        missing.add("deviceId");
      }
      if (e.officerId() == null) {
        missing.add("officerId");
      }
      if (e.recordedFrom() == null) {
        missing.add("recordedFrom");
      }
      if (e.kind() != EvidenceKind.PHOTO && e.recordedTo() == null) {
        missing.add("recordedTo");
      }
    }
    report.add(
        INTEGRITY,
        "integrity.required-metadata",
        missing.isEmpty() ? PASS : FAIL,
        e.id(),
        missing.isEmpty()
            ? "every field a " + e.kind() + " record needs is present"
            : "missing: " + String.join(", ", missing));
  }

  /** authenticity.location: the original is where the archive puts it, in the version recorded. */
  private static void location(CheckReport.Builder report, Evidence e, StoredObject stat) {
    boolean shaped = e.objectKey() != null && ORIGINAL_KEY.matcher(e.objectKey()).matches();
    if (!shaped) {
      report.add(
          AUTHENTICITY,
          "authenticity.location",
          FAIL,
          e.id(),
          "the recorded key " + e.objectKey() + " is not originals/<yyyy/MM/dd>/<upload id>");
    } else if (stat == null) {
      report.add(
          AUTHENTICITY,
          "authenticity.location",
          WARN,
          e.id(),
          "not checked: the record has no content (integrity.content-present)");
    } else if (e.objectVersion() != null && !e.objectVersion().equals(stat.versionId())) {
      report.add(
          AUTHENTICITY,
          "authenticity.location",
          FAIL,
          e.id(),
          "the store holds version " + stat.versionId() + ", the record " + e.objectVersion());
    } else {
      report.add(
          AUTHENTICITY,
          "authenticity.location",
          PASS,
          e.id(),
          BucketRole.EVIDENCE
              + "/"
              + e.objectKey()
              + (e.objectVersion() == null ? "" : " version " + e.objectVersion()));
    }
  }

  /** Hashes the original while copying it to {@code copy}, then opens the copy. */
  private void content(CheckReport.Builder report, Evidence e, StoredObject stat, Path copy)
      throws IOException {
    UUID id = e.id();
    long size = 0;
    StreamingDigests.Result digests;
    try (InputStream in = store.get(BucketRole.EVIDENCE, e.objectKey(), e.objectVersion(), null);
        OutputStream out = Files.newOutputStream(copy);
        StreamingDigests d = new StreamingDigests().pipelined(sm3Workers)) {
      byte[] buf = new byte[BUFFER];
      int n;
      while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
        d.update(buf, 0, n);
        out.write(buf, 0, n);
        size += n;
      }
      digests = d.result();
    } catch (StorageUnavailableException ex) {
      throw ex;
    } catch (StorageException ex) {
      String why = "cannot read the stored original: " + ex.getMessage();
      for (String code :
          List.of("authenticity.sha256", "authenticity.sm3", "authenticity.file-properties")) {
        report.add(AUTHENTICITY, code, FAIL, id, why);
      }
      report.add(USABILITY, "usability.opens", FAIL, id, why);
      return;
    }
    compare(report, "authenticity.sha256", id, digests.sha256(), e.sha256());
    compare(report, "authenticity.sm3", id, digests.sm3(), e.sm3());
    List<String> differs = new ArrayList<>();
    if (size != e.size()) {
      differs.add("read " + size + " bytes, the record says " + e.size());
    }
    if (stat.size() != e.size()) {
      differs.add("the store reports " + stat.size() + " bytes, the record " + e.size());
    }
    if (stat.contentType() != null
        && !stat.contentType().isBlank()
        && !stat.contentType().equalsIgnoreCase(e.contentType())) {
      differs.add(
          "the store's content type " + stat.contentType() + ", the record's " + e.contentType());
    }
    report.add(
        AUTHENTICITY,
        "authenticity.file-properties",
        differs.isEmpty() ? PASS : FAIL,
        id,
        differs.isEmpty()
            ? size + " bytes, " + e.contentType() + ", as recorded"
            : String.join("; ", differs));
    Openers.Opened opened = Openers.open(media, e.kind(), e.contentType(), copy);
    report.add(USABILITY, "usability.opens", opened.result(), id, opened.detail());
  }

  private static void compare(
      CheckReport.Builder report, String code, UUID id, byte[] computed, String recorded) {
    boolean same =
        recorded != null
            && HASH.matcher(recorded).matches()
            && MessageDigest.isEqual(computed, HEX.parseHex(recorded));
    report.add(
        AUTHENTICITY,
        code,
        same ? PASS : FAIL,
        id,
        same
            ? recorded
            : "the stored original hashes to "
                + HEX.formatHex(computed)
                + ", the record says "
                + recorded);
  }

  /** The receipt: it states the record's facts, both signatures and the timestamp verify. */
  private void receipts(CheckReport.Builder report, Evidence e) {
    List<VerificationService.Check> checks = verification.receiptChecks(e);
    if (checks.isEmpty()) {
      report.add(
          AUTHENTICITY,
          "authenticity.receipt",
          WARN,
          e.id(),
          "the record has no signed receipt yet (signing is retried; docs/receipts.md)");
      return;
    }
    for (VerificationService.Check c : checks) {
      report.add(
          AUTHENTICITY,
          RECEIPT_CODES.getOrDefault(c.name(), "authenticity." + c.name()),
          "pass".equals(c.status()) ? PASS : FAIL,
          e.id(),
          c.detail());
    }
  }

  /** security.protection: a retention date in force or a legal hold protects the original. */
  private void protection(CheckReport.Builder report, Evidence e) {
    Protection p = store.protection(BucketRole.EVIDENCE, e.objectKey(), e.objectVersion());
    boolean ok = p.protects(Instant.now());
    String by = p.storeEnforced() ? "the store (Object Lock)" : "the service";
    report.add(
        SECURITY,
        "security.protection",
        ok ? PASS : FAIL,
        e.id(),
        ok
            ? "protected by "
                + by
                + (p.retainUntil() == null ? "" : ": retained until " + p.retainUntil())
                + (p.legalHold() ? ", legal hold" : "")
            : "neither a retention date in force nor a legal hold protects the original");
  }

  /**
   * security.foreign-objects: under the record's key prefixes (its original's key, derived/<id>/,
   * receipts/<id>/) the store holds only what the archive recorded.
   */
  private void foreign(CheckReport.Builder report, Evidence e) {
    Instant youngest = Instant.now().minus(config.foreignGrace());
    Set<String> derived =
        media.derived(e.id()).stream().map(Derived::objectKey).collect(Collectors.toSet());
    String receiptsPrefix = "receipts/" + e.id() + "/";
    List<String> found = new ArrayList<>();
    List<String> young = new ArrayList<>();
    List<String[]> prefixes =
        List.of(
            new String[] {BucketRole.EVIDENCE.name(), e.objectKey()},
            new String[] {BucketRole.DERIVED.name(), "derived/" + e.id() + "/"},
            new String[] {BucketRole.DERIVED.name(), receiptsPrefix},
            new String[] {BucketRole.RECEIPTS.name(), receiptsPrefix});
    for (String[] p : prefixes) {
      BucketRole bucket = BucketRole.valueOf(p[0]);
      for (StoredObject o : store.list(bucket, p[1])) {
        String key = o.key();
        boolean known =
            switch (bucket) {
              case EVIDENCE -> key.equals(e.objectKey());
              default ->
                  key.startsWith(receiptsPrefix)
                      ? VerificationService.RECEIPT_FILES.contains(
                          key.substring(receiptsPrefix.length()))
                      : derived.contains(key);
            };
        if (!known) {
          boolean isYoung = o.lastModified() != null && o.lastModified().isAfter(youngest);
          (isYoung ? young : found).add(bucket + "/" + key);
        }
      }
    }
    Result r = !found.isEmpty() ? FAIL : !young.isEmpty() ? WARN : PASS;
    String detail =
        found.isEmpty() && young.isEmpty()
            ? "only the recorded original, derived files and receipt files are stored"
            : (found.isEmpty() ? "" : "objects nothing records: " + found)
                + (young.isEmpty()
                    ? ""
                    : (found.isEmpty() ? "" : "; ")
                        + "objects younger than "
                        + config.foreignGrace()
                        + " nothing records yet: "
                        + young);
    report.add(SECURITY, "security.foreign-objects", r, e.id(), detail);
  }

  private List<AuditReader.EventRow> events(String targetType, UUID id) {
    List<AuditReader.EventRow> out = new ArrayList<>();
    long after = 0;
    while (true) {
      List<AuditReader.EventRow> rows =
          auditLog.events(
              new AuditReader.EventFilter(
                  targetType, id.toString(), null, null, null, null, null, true),
              after,
              500);
      out.addAll(rows);
      if (rows.size() < 500) {
        return out;
      }
      after = rows.get(rows.size() - 1).id();
    }
  }

  /** integrity.processing-history: the audit log holds the record's ingest and its link. */
  private static void history(
      CheckReport.Builder report, Evidence e, List<AuditReader.EventRow> events) {
    Set<String> types =
        events.stream().map(r -> r.event().path("type").asText("")).collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    if (!types.contains("evidence.ingested")) {
      missing.add("evidence.ingested");
    }
    if (!types.contains("evidence.linked") && !types.contains("evidence.relinked")) {
      missing.add("evidence.linked");
    }
    report.add(
        INTEGRITY,
        "integrity.processing-history",
        missing.isEmpty() ? PASS : FAIL,
        e.id(),
        missing.isEmpty()
            ? events.size() + " events in the audit log, ingest and link among them"
            : "the audit log has no " + String.join(", ", missing) + " event of the record");
  }

  /**
   * security.access-log: every audit event about the target is in the Merkle tree, and its RFC 9162
   * inclusion proof leads to the root of the signed checkpoint.
   */
  private void accessLog(
      CheckReport.Builder report,
      String targetType,
      UUID id,
      List<AuditReader.EventRow> known,
      SignedCheckpoint checkpoint) {
    List<AuditReader.EventRow> events = known != null ? known : events(targetType, id);
    List<String> failed = new ArrayList<>();
    int later = 0;
    for (AuditReader.EventRow r : events) {
      if (r.index() == null || r.index() >= checkpoint.treeSize()) {
        later++;
        continue;
      }
      Optional<byte[]> entry = auditLog.entry(r.index());
      boolean included =
          entry.isPresent()
              && Merkle.verifyInclusion(
                  r.index(),
                  checkpoint.treeSize(),
                  Merkle.leafHash(entry.get()),
                  auditLog.inclusionProof(r.index(), checkpoint.treeSize()),
                  checkpoint.rootHash());
      if (!included) {
        failed.add(String.valueOf(r.index()));
      }
    }
    Result result = !failed.isEmpty() || events.isEmpty() ? FAIL : PASS;
    String detail =
        events.isEmpty()
            ? "the audit log has no event of this " + targetType
            : !failed.isEmpty()
                ? "the inclusion proofs of leaves " + failed + " do not lead to the checkpoint"
                : (events.size() - later)
                    + " events proven included in the signed checkpoint of size "
                    + checkpoint.treeSize()
                    + (later == 0 ? "" : "; " + later + " newer ones are in the next");
    report.add(
        SECURITY, "security.access-log", result, targetType.equals("case") ? null : id, detail);
  }
}
