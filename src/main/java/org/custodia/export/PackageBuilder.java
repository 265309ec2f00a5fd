package org.custodia.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.custodia.audit.AuditReader;
import org.custodia.audit.SignedCheckpoint;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceService;
import org.custodia.integrity.ReceiptAccess;
import org.custodia.integrity.SigningService;
import org.custodia.integrity.VerificationService;
import org.custodia.media.Derived;
import org.custodia.media.MediaService;
import org.custodia.preservation.CheckRun;
import org.custodia.security.Unit;
import org.custodia.security.UnitService;
import org.custodia.security.UserService;
import org.custodia.storage.BucketRole;
import org.custodia.storage.MultipartUpload;
import org.custodia.storage.ObjectStore;
import org.custodia.storage.StoredObject;
import org.custodia.support.KeyFiles;

/**
 * Builds one export's package: every original of the case (and its review copy when asked) streams
 * from the store through the bag's digests into a zip, which streams back into the store as one
 * object by multipart upload. Each original's SHA-256 and SM3 are recomputed on the way and must
 * equal the recorded ones; a mismatch ends the build naming the record. Runs without a caller.
 */
@ApplicationScoped
class PackageBuilder {
  private static final HexFormat HEX = HexFormat.of();
  static final String CONTENT_TYPE = "application/zip";

  /** What a finished build produced. */
  record Built(String key, String version, long size, byte[] sha256, long auditTreeSize) {}

  /** Told of progress; false when the lease is lost. */
  interface Progress {
    boolean report(long bytesDone, int filesDone, long bytesTotal, int filesTotal);
  }

  /** Told of the multipart upload once it is started; false when the lease is lost. */
  interface Started {
    boolean upload(String key, String uploadId);
  }

  private final ObjectStore store;
  private final MultipartUpload multipart;
  private final EvidenceService evidence;
  private final ReceiptAccess receipts;
  private final SigningService signing;
  private final MediaService media;
  private final UnitService units;
  private final UserService users;
  private final VerificationService verification;
  private final AuditReader auditLog;
  private final ExportConfig config;
  private final ObjectMapper json;

  PackageBuilder(
      ObjectStore store,
      MultipartUpload multipart,
      EvidenceService evidence,
      ReceiptAccess receipts,
      SigningService signing,
      MediaService media,
      UnitService units,
      UserService users,
      VerificationService verification,
      AuditReader auditLog,
      ExportConfig config,
      ObjectMapper json) {
    this.store = store;
    this.multipart = multipart;
    this.evidence = evidence;
    this.receipts = receipts;
    this.signing = signing;
    this.media = media;
    this.units = units;
    this.users = users;
    this.verification = verification;
    this.auditLog = auditLog;
    this.config = config;
    this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /**
   * The object key of one build attempt: each attempt writes its own object, so a worker that lost
   * its lease but still completes its upload cannot overwrite the package of the build that took
   * over (it deletes its own object when it finds the lease gone).
   */
  static String key(UUID exportId, int attempt) {
    return "exports/" + exportId + "/" + attempt + ".zip";
  }

  /** The tag file carrying the report of the four-property check run before the build. */
  static final String FOUR_PROPERTY_CHECK = "four-property-check.json";

  static String baseDirectory(UUID exportId) {
    return "custodia-export-" + exportId;
  }

  /**
   * @param previousTreeSize the audit tree size the case's previous export proved against (a
   *     consistency proof from it is included), or null
   */
  Built build(
      Export x,
      CheckRun check,
      int attempt,
      Long previousTreeSize,
      Started started,
      Progress progress)
      throws IOException {
    String key = key(x.id(), attempt);
    List<Evidence> records = new ArrayList<>();
    Map<UUID, Optional<Derived>> derived = new LinkedHashMap<>();
    long bytesTotal = 0;
    for (UUID id : x.evidenceIds()) {
      Evidence e =
          evidence
              .find(id)
              .orElseThrow(() -> new RecordMismatchException(id, "the record is gone"));
      records.add(e);
      bytesTotal += e.size();
      if (x.includeDerived()) {
        Optional<Derived> copy = media.derived(id, Derived.Kind.REVIEW_COPY);
        derived.put(id, copy);
        bytesTotal += copy.map(Derived::size).orElse(0L);
      }
    }
    int filesTotal =
        records.size() + (int) derived.values().stream().filter(Optional::isPresent).count();
    String uploadId = multipart.start(BucketRole.DERIVED, key, CONTENT_TYPE);
    if (!started.upload(key, uploadId)) {
      multipart.abort(BucketRole.DERIVED, key, uploadId);
      throw new LeaseLostException("lease lost before the build started");
    }
    PartedUpload out = null;
    try {
      out = new PartedUpload(multipart, BucketRole.DERIVED, key, uploadId, config.partSize());
      long[] done = {0};
      int[] files = {0};
      final long total = bytesTotal;
      final int totalFiles = filesTotal;
      List<Map<String, Object>> index = new ArrayList<>();
      long treeSize;
      try (BagWriter bag = new BagWriter(out, baseDirectory(x.id()))) {
        long[] reported = {0};
        BagWriter.Progress onBytes =
            n -> {
              done[0] += n;
              if (done[0] - reported[0] >= 8L * 1024 * 1024) {
                reported[0] = done[0];
                lease(progress.report(done[0], files[0], total, totalFiles));
              }
            };
        for (Evidence e : records) {
          String path = "data/originals/" + e.id() + "." + extension(e.contentType());
          BagWriter.Digests d;
          try (InputStream in =
              store.get(BucketRole.EVIDENCE, e.objectKey(), e.objectVersion(), null)) {
            d = bag.payload(path, in, false, onBytes);
          }
          if (!d.sha256().equals(e.sha256()) || !d.sm3().equals(e.sm3()) || d.size() != e.size()) {
            throw new RecordMismatchException(
                e.id(),
                "the stored bytes do not match the recorded hashes (SHA-256 "
                    + d.sha256()
                    + ", recorded "
                    + e.sha256()
                    + ")");
          }
          files[0]++;
          lease(progress.report(done[0], files[0], total, totalFiles));
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("evidenceId", e.id());
          entry.put("kind", e.kind());
          entry.put("contentType", e.contentType());
          entry.put("size", e.size());
          entry.put("sha256", e.sha256());
          entry.put("sm3", e.sm3());
          entry.put("recordedFrom", e.recordedFrom());
          entry.put("recordedTo", e.recordedTo());
          entry.put("ingestedAt", e.ingestedAt());
          entry.put("officerId", e.officerId());
          entry.put("deviceId", e.deviceId());
          entry.put("path", path);
          Optional<ReceiptAccess.SignedFiles> receipt = receipts.signedFiles(e.id());
          if (receipt.isPresent()) {
            entry.put("receipt", receipt(bag, e.id(), receipt.get()));
            entry.put("verification", verified(e));
          } else {
            entry.put("receipt", null);
          }
          Optional<Derived> copy = derived.getOrDefault(e.id(), Optional.empty());
          if (copy.isPresent()) {
            Derived c = copy.get();
            String derivedPath = "data/derived/" + e.id() + ".review." + extension(c.contentType());
            BagWriter.Digests dd;
            try (InputStream in =
                store.get(BucketRole.DERIVED, c.objectKey(), c.objectVersion(), null)) {
              dd = bag.payload(derivedPath, in, false, onBytes);
            }
            files[0]++;
            lease(progress.report(done[0], files[0], total, totalFiles));
            entry.put(
                "reviewCopy",
                Map.of("path", derivedPath, "sha256", dd.sha256(), "contentType", c.contentType()));
          }
          index.add(entry);
        }
        certificates(bag);
        Map<String, List<JsonNode>> events = new LinkedHashMap<>();
        treeSize = audit(bag, x, previousTreeSize, events);
        bag.payload("data/dossier.json", dossier(x, index));
        CustodyReport.Facts facts =
            new CustodyReport.Facts(
                "en".equals(x.reportLanguage()),
                x,
                json.readTree(x.dossierJson()),
                Instant.now(),
                treeSize,
                this::userName);
        bag.payload(
            "data/custody-report.html",
            CustodyReport.html(facts, index, events)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // the four-property check of the case, as it was kept: a tag file (about the package),
        // listed in the tag manifest (decision 0019)
        bag.tag(FOUR_PROPERTY_CHECK, json.writeValueAsString(check));
        bag.finish(info(x), LocalDate.now(ZoneOffset.UTC));
      }
      StoredObject stored = out.complete();
      return new Built(key, stored.versionId(), out.size(), out.sha256(), treeSize);
    } catch (IOException | RuntimeException | Error e) {
      if (out != null) {
        out.discard();
      }
      try {
        multipart.abort(BucketRole.DERIVED, key, uploadId);
      } catch (RuntimeException ignored) {
        // the failure that matters is the one being thrown
      }
      throw e;
    }
  }

  /**
   * The receipt checks made while packaging (the hashes were just recomputed from the stored
   * bytes): a receipt that does not verify fails the export as a hash mismatch does.
   */
  private List<VerificationService.Check> verified(Evidence e) {
    List<VerificationService.Check> checks = verification.receiptChecks(e);
    List<String> failed =
        checks.stream()
            .filter(c -> !c.status().equals("pass"))
            .map(c -> c.name() + ": " + c.detail())
            .toList();
    if (!failed.isEmpty()) {
      throw new RecordMismatchException(e.id(), "the receipt does not verify: " + failed);
    }
    return checks;
  }

  /** A user's name for the custody report, with the id (the audit entries name users by id). */
  private String userName(String id) {
    try {
      return users.byId(UUID.fromString(id)).map(u -> u.username() + " · " + id).orElse(id);
    } catch (IllegalArgumentException e) {
      return id;
    }
  }

  private static void lease(boolean held) {
    if (!held) {
      throw new LeaseLostException("the build's lease was taken over");
    }
  }

  private Map<String, Object> receipt(BagWriter bag, UUID id, ReceiptAccess.SignedFiles r)
      throws IOException {
    String dir = "data/receipts/" + id + "/";
    Map<String, Object> paths = new LinkedHashMap<>();
    paths.put("json", write(bag, dir + "receipt.json", r.json()));
    paths.put("p7s", write(bag, dir + "receipt.p7s", r.p7s()));
    paths.put("sm2P7s", write(bag, dir + "receipt.sm2.p7s", r.sm2P7s()));
    paths.put("tsr", write(bag, dir + "receipt.tsr", r.tsr()));
    paths.put("generation", r.generation());
    paths.put("ecCertSha256", r.ecCertSha256() == null ? null : HEX.formatHex(r.ecCertSha256()));
    paths.put("sm2CertSha256", r.sm2CertSha256() == null ? null : HEX.formatHex(r.sm2CertSha256()));
    return paths;
  }

  /**
   * The audit entries about the case, its records and this export, each with an RFC 9162 inclusion
   * proof to one checkpoint signed now (a {@code c2sp.org/tlog-proof@v1}-style file: the index, the
   * audit path in base64, then the signed checkpoint), the checkpoint itself, and a consistency
   * proof from the tree size of the case's previous export with a checkpoint the log signed at that
   * size ({@code data/audit/previous-checkpoint}). Returns the tree size.
   */
  private long audit(
      BagWriter bag, Export x, Long previousTreeSize, Map<String, List<JsonNode>> eventsByTarget)
      throws IOException {
    SignedCheckpoint checkpoint = auditLog.checkpointNow();
    long size = checkpoint.treeSize();
    String note = checkpoint.note();
    bag.payload("data/audit/checkpoint", note.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    java.util.TreeSet<Long> indexes = new java.util.TreeSet<>();
    List<String[]> targets = new ArrayList<>();
    targets.add(new String[] {"case", x.caseId().toString()});
    targets.add(new String[] {"export", x.id().toString()});
    for (UUID id : x.evidenceIds()) {
      targets.add(new String[] {"evidence", id.toString()});
    }
    for (String[] t : targets) {
      long after = 0;
      while (true) {
        List<AuditReader.EventRow> rows =
            auditLog.events(
                new AuditReader.EventFilter(t[0], t[1], null, null, null, null, null, true),
                after,
                500);
        for (AuditReader.EventRow r : rows) {
          if (r.index() != null && r.index() < size) {
            indexes.add(r.index());
            eventsByTarget
                .computeIfAbsent(t[0] + ":" + t[1], k -> new ArrayList<>())
                .add(
                    ((com.fasterxml.jackson.databind.node.ObjectNode) r.event().deepCopy())
                        .put("index", r.index()));
          }
          after = r.id();
        }
        if (rows.size() < 500) {
          break;
        }
      }
    }
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    for (long i : indexes) {
      byte[] entry = auditLog.entry(i).orElseThrow();
      bag.payload("data/audit/entries/" + i + ".json", entry);
      StringBuilder proof = new StringBuilder("c2sp.org/tlog-proof@v1\n");
      proof.append("index ").append(i).append('\n');
      for (byte[] h : auditLog.inclusionProof(i, size)) {
        proof.append(b64.encodeToString(h)).append('\n');
      }
      proof.append('\n').append(note);
      bag.payload(
          "data/audit/proofs/" + i + ".proof",
          proof.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Optional<SignedCheckpoint> previous =
        previousTreeSize != null && previousTreeSize > 0 && previousTreeSize <= size
            ? auditLog.checkpointAt(previousTreeSize)
            : Optional.empty();
    if (previous.isPresent()) {
      // the signed root the consistency proof starts from: the recipient needs no earlier package
      bag.payload(
          "data/audit/previous-checkpoint",
          previous.get().note().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      StringBuilder consistency = new StringBuilder();
      consistency.append("from ").append(previousTreeSize).append('\n');
      consistency.append("to ").append(size).append('\n');
      for (byte[] h : auditLog.consistencyProof(previousTreeSize, size)) {
        consistency.append(b64.encodeToString(h)).append('\n');
      }
      bag.payload(
          "data/audit/consistency.txt",
          consistency.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return size;
  }

  private static String write(BagWriter bag, String path, byte[] content) throws IOException {
    if (content == null) {
      return null;
    }
    bag.payload(path, content);
    return path;
  }

  /**
   * Every receipt certificate ever used (roots, TSA, signers of every generation), as PEM, and the
   * audit log's checkpoint-signing Ed25519 public key.
   */
  private void certificates(BagWriter bag) throws IOException {
    bag.payload(
        "data/certs/audit-checkpoint-ed25519.pem",
        KeyFiles.pem("PUBLIC KEY", auditLog.checkpointKey().getEncoded())
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (SigningService.Certificate c : signing.certificates()) {
      String name =
          c.kind().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
              + (c.generation() == null ? "" : "-g" + c.generation())
              + "-"
              + c.sha256().substring(0, 16)
              + ".pem";
      bag.payload("data/certs/" + name, c.pem().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private byte[] dossier(Export x, List<Map<String, Object>> index) {
    try {
      Map<String, Object> doc = new LinkedHashMap<>();
      Map<String, Object> export = new LinkedHashMap<>();
      export.put("id", x.id());
      export.put("purpose", x.purpose());
      export.put("recipient", x.recipient());
      export.put("requestedAt", x.requestedAt());
      export.put("requestedBy", x.requestedBy());
      export.put("decidedBy", x.decidedBy());
      export.put("decidedAt", x.decidedAt());
      export.put("includeDerived", x.includeDerived());
      export.put("builtAt", Instant.now());
      doc.put("format", "custodia-export/1");
      doc.put("export", export);
      JsonNode facts = json.readTree(x.dossierJson());
      doc.put("case", facts);
      doc.put("records", index);
      return json.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, String> info(Export x) {
    Map<String, String> info = new LinkedHashMap<>();
    info.put(
        "Source-Organization",
        units.byId(x.unitId()).map(Unit::name).orElse(x.unitId().toString()));
    info.put("External-Identifier", x.id().toString());
    info.put("Custodia-Export-Id", x.id().toString());
    info.put("Custodia-Case-Id", x.caseId().toString());
    info.put("Custodia-Purpose", x.purpose());
    info.put("Custodia-Recipient", x.recipient());
    info.put("Bag-Software-Agent", "Custodia");
    return info;
  }

  /** The file extension for a content type: chosen by the service, never taken from a name. */
  static String extension(String contentType) {
    String t =
        contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "video/mp4" -> "mp4";
      case "video/quicktime" -> "mov";
      case "video/x-matroska" -> "mkv";
      case "video/webm" -> "webm";
      case "video/x-msvideo", "video/avi" -> "avi";
      case "video/mp2t" -> "ts";
      case "audio/mpeg" -> "mp3";
      case "audio/mp4", "audio/aac", "audio/x-m4a" -> "m4a";
      case "audio/wav", "audio/x-wav", "audio/wave" -> "wav";
      case "audio/amr" -> "amr";
      case "audio/ogg" -> "ogg";
      case "image/jpeg" -> "jpg";
      case "image/png" -> "png";
      case "image/gif" -> "gif";
      case "image/webp" -> "webp";
      case "image/heic" -> "heic";
      case "application/pdf" -> "pdf";
      case "text/plain" -> "txt";
      default -> "bin";
    };
  }
}
