package org.custodia.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.exceptions.UnsupportedAlgorithmException;
import gov.loc.repository.bagit.hash.BagitAlgorithmNameToSupportedAlgorithmMapping;
import gov.loc.repository.bagit.hash.StandardBagitAlgorithmNameToSupportedAlgorithmMapping;
import gov.loc.repository.bagit.hash.SupportedAlgorithm;
import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Security;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.custodia.digest.Sm3;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.custodia.testing.Clips;
import org.custodia.testing.ExportSteps;
import org.custodia.testing.SyntheticStream;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * A case with a video and a document, exported through the real API: the approval rules, the
 * package job, the download (whole and by range), the bag's contents checked here and by an
 * independent BagIt library, a corrupted original failing the export, and expiry.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExportTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String DETAILS = "(convert_from(entry, 'UTF8')::jsonb->'details')";

  @Inject AgroalDataSource db;
  @Inject ObjectStore store;
  @Inject ExportJobs jobs;
  @Inject ExportWorkers workers;
  @Inject ExportRepository exports;

  static UnitFixture f;
  static String officer;
  static String supervisor;
  static String supervisorName;
  static UUID caseId;
  static Map<UUID, Path> originals = new HashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    if (f != null) {
      return;
    }
    UnitFixture fixture = new UnitFixture();
    officer = fixture.user("OFFICER");
    String name = Api.unique("supervisor");
    Api.createUser(fixture.admin, name, "SUPERVISOR", null);
    supervisor = Api.login(name, Api.PASSWORD);
    supervisorName = name;
    caseId = openCase(fixture);
    Path dir = Clips.dir("export-");
    Path video = Clips.h264(dir.resolve("clip.mp4"), "testsrc=size=160x120:rate=25:duration=2");
    Path doc = dir.resolve("notice.pdf");
    try (InputStream in = new SyntheticStream(41, 30_000)) {
      Files.write(doc, in.readAllBytes());
    }
    Instant at = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    UUID v = fixture.uploadRecording(video, "video/mp4", at, at.plusSeconds(2), caseId);
    UUID d = fixture.uploadRecording(doc, "application/pdf", at, at, caseId);
    originals.put(v, video);
    originals.put(d, doc);
    fixture.awaitMediaJob(v, java.time.Duration.ofSeconds(90));
    for (UUID id : originals.keySet()) {
      awaitReceipt(fixture, id);
    }
    f = fixture;
  }

  @Test
  void an_approved_export_builds_a_valid_bag_of_every_original_and_its_receipts() throws Exception {
    JsonPath requested = request(officer, caseId, true);
    assertThat(requested.getString("state")).isEqualTo("PENDING_APPROVAL");
    UUID id = UUID.fromString(requested.getString("id"));
    // the requester (an officer) may not decide at all; the package is not there yet
    as(officer)
        .body(Map.of("approve", true, "reason", "自批"))
        .post("/api/v1/exports/" + id + "/approval")
        .then()
        .statusCode(403);
    as(officer).get("/api/v1/exports/" + id + "/package").then().statusCode(409);
    // a decision states its reason
    as(supervisor)
        .body(Map.of("approve", true, "reason", " "))
        .post("/api/v1/exports/" + id + "/approval")
        .then()
        .statusCode(400)
        .body("errors[0].field", org.hamcrest.Matchers.containsString("reason"));
    as(supervisor)
        .body(Map.of("approve", true, "reason", "同意移送"))
        .post("/api/v1/exports/" + id + "/approval")
        .then()
        .statusCode(200);
    // decided once
    as(f.admin)
        .body(Map.of("approve", false, "reason", "不同意"))
        .post("/api/v1/exports/" + id + "/approval")
        .then()
        .statusCode(409);
    JsonPath ready = awaitState(id, "READY");
    assertThat(ready.getInt("progress.filesDone")).isEqualTo(ready.getInt("progress.filesTotal"));
    assertThat(ready.getInt("progress.filesTotal")).isEqualTo(3); // two originals, one review copy
    assertThat(ready.getLong("progress.bytesDone")).isEqualTo(ready.getLong("progress.bytesTotal"));

    Response whole = as(officer).get("/api/v1/exports/" + id + "/package");
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.header("Content-Disposition")).startsWith("attachment");
    byte[] zip = whole.asByteArray();
    assertThat((long) zip.length).isEqualTo(ready.getLong("size"));
    assertThat(sha256(zip)).isEqualTo(ready.getString("sha256"));
    Response part =
        as(officer).header("Range", "bytes=100-1099").get("/api/v1/exports/" + id + "/package");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.header("Content-Range")).isEqualTo("bytes 100-1099/" + zip.length);
    assertThat(part.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(zip, 100, 1100));
    List<String> downloads =
        Jdbc.list(
            db,
            "SELECT "
                + DETAILS
                + "->>'recipient' FROM audit_entry WHERE event_type = 'export.downloaded'"
                + " AND target_id = ?",
            rs -> rs.getString(1),
            id.toString());
    assertThat(downloads).containsExactly("某某区人民法院");

    Path bagDir = unzip(zip, Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bag-"));
    Path bag = bagDir.resolve("custodia-export-" + id);
    for (Map.Entry<UUID, Path> o : originals.entrySet()) {
      String ext = o.getValue().toString().endsWith(".mp4") ? "mp4" : "pdf";
      Path copy = bag.resolve("data/originals/" + o.getKey() + "." + ext);
      assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(o.getValue()));
      for (String file : List.of("receipt.json", "receipt.p7s", "receipt.sm2.p7s", "receipt.tsr")) {
        assertThat(bag.resolve("data/receipts/" + o.getKey() + "/" + file)).isNotEmptyFile();
      }
    }
    assertThat(bag.resolve("data/derived")).isDirectory();
    assertThat(bag.resolve("data/dossier.json")).isNotEmptyFile();
    assertThat(Files.readString(bag.resolve("data/certs/audit-checkpoint-ed25519.pem")))
        .startsWith("-----BEGIN PUBLIC KEY-----");
    try (Stream<Path> certs = Files.list(bag.resolve("data/certs"))) {
      assertThat(certs.count()).isGreaterThanOrEqualTo(3);
    }
    // the audit entries of the case, its records and the export, each with its inclusion proof
    String checkpoint = Files.readString(bag.resolve("data/audit/checkpoint"));
    String[] note = checkpoint.split("\n");
    long treeSize = Long.parseLong(note[1]);
    byte[] root = java.util.Base64.getDecoder().decode(note[2]);
    try (Stream<Path> entries = Files.list(bag.resolve("data/audit/entries"))) {
      List<Path> all = entries.toList();
      assertThat(all).isNotEmpty();
      boolean sawRequest = false;
      for (Path entry : all) {
        String index = entry.getFileName().toString().replace(".json", "");
        String proof = Files.readString(bag.resolve("data/audit/proofs/" + index + ".proof"));
        assertThat(proof).startsWith("c2sp.org/tlog-proof@v1\nindex " + index + "\n");
        assertThat(proof).endsWith(checkpoint);
        String[] lines = proof.substring(0, proof.length() - checkpoint.length()).split("\n");
        List<byte[]> path = new java.util.ArrayList<>();
        for (int i = 2; i < lines.length; i++) {
          if (!lines[i].isEmpty()) {
            path.add(java.util.Base64.getDecoder().decode(lines[i]));
          }
        }
        assertThat(
                org.custodia.audit.Merkle.verifyInclusion(
                    Long.parseLong(index),
                    treeSize,
                    org.custodia.audit.Merkle.leafHash(Files.readAllBytes(entry)),
                    path,
                    root))
            .as("inclusion of entry " + index)
            .isTrue();
        sawRequest |= Files.readString(entry).contains("\"export.requested\"");
      }
      assertThat(sawRequest).isTrue();
    }
    String report = Files.readString(bag.resolve("data/custody-report.html"));
    Files.writeString(Path.of("target/custody-report-zh-CN.html"), report); // to look at
    assertThat(report).contains("证据保管链报告", "某某区人民法院", "export.requested");
    // who approved and why; every check made while packaging, with the timestamp's time
    assertThat(report).contains(supervisorName, "同意移送", "北京时间");
    assertThat(report)
        .contains("ECDSA P-256 签名", "SM2 签名", "RFC 3161 可信时间戳", "stamped ", "通过")
        .doesNotContain("未通过", "class=\"fail\"");
    for (UUID record : originals.keySet()) {
      assertThat(report).contains(record.toString());
    }
    JsonPath dossier = new JsonPath(Files.readString(bag.resolve("data/dossier.json")));
    assertThat(dossier.getString("case.id")).isEqualTo(caseId.toString());
    assertThat(dossier.getList("records.verification.flatten().status")).containsOnly("pass");
    assertThat(dossier.getList("records.verification.flatten().name"))
        .contains("ecdsaSignature", "sm2Signature", "timestamp", "receipt", "receiptCopy");
    assertThat(dossier.getList("records.evidenceId"))
        .containsExactlyInAnyOrderElementsOf(
            originals.keySet().stream().map(UUID::toString).toList());
    // the manifests hold every payload file with its digests, computed here
    Map<String, String> payload = payloadFiles(bag);
    for (String algorithm : List.of("sha256", "sha512", "sm3")) {
      Map<String, String> manifest = manifest(bag.resolve("manifest-" + algorithm + ".txt"));
      assertThat(manifest.keySet()).isEqualTo(payload.keySet());
      for (String path : payload.keySet()) {
        assertThat(manifest.get(path))
            .as(algorithm + " " + path)
            .isEqualTo(digest(algorithm, Files.readAllBytes(bag.resolve(path))));
      }
    }
    Map<String, String> tags = manifest(bag.resolve("tagmanifest-sha512.txt"));
    assertThat(tags.keySet())
        .containsExactlyInAnyOrder(
            "bagit.txt",
            "bag-info.txt",
            "four-property-check.json",
            "manifest-sha256.txt",
            "manifest-sha512.txt",
            "manifest-sm3.txt");
    for (String path : tags.keySet()) {
      assertThat(tags.get(path)).isEqualTo(digest("sha512", Files.readAllBytes(bag.resolve(path))));
    }
    String info = Files.readString(bag.resolve("bag-info.txt"));
    long payloadBytes = 0;
    for (String path : payload.keySet()) {
      payloadBytes += Files.size(bag.resolve(path));
    }
    assertThat(info)
        .contains("Payload-Oxum: " + payloadBytes + "." + payload.size())
        .contains("Bagging-Date: ")
        .contains("Source-Organization: ")
        .contains("Custodia-Export-Id: " + id)
        .contains("Custodia-Purpose: 移送人民法院审理")
        .contains("Custodia-Recipient: 某某区人民法院");
    // an independent BagIt implementation agrees (it learns SM3 from Bouncy Castle)
    if (Security.getProvider("BC") == null) {
      Security.addProvider(new BouncyCastleProvider());
    }
    BagReader reader = new BagReader(WITH_SM3);
    Bag read = reader.read(bag);
    try (BagVerifier verifier = new BagVerifier(WITH_SM3)) {
      verifier.isValid(read, false);
    }
    assertThat(read.getPayLoadManifests()).hasSize(3);
    audited(id, "export.requested", "export.approved", "export.built", "export.downloaded");

    // expiry: the object is deleted, the state says so, the package answers 410
    String key =
        Jdbc.one(
                db, "SELECT object_key FROM export_request WHERE id = ?", rs -> rs.getString(1), id)
            .orElseThrow();
    Jdbc.update(db, "UPDATE export_request SET expires_at = now() WHERE id = ?", id);
    jobs.expireDue();
    assertThat(awaitState(id, "EXPIRED").getString("expiredAt")).isNotNull();
    as(officer).get("/api/v1/exports/" + id + "/package").then().statusCode(410);
    assertThat(store.stat(BucketRole.DERIVED, key, null)).isEmpty();
    audited(id, "export.expired");
  }

  @Test
  void the_requester_cannot_approve_and_a_refused_export_never_builds() throws Exception {
    UUID own = UUID.fromString(request(supervisor, caseId, false).getString("id"));
    as(supervisor)
        .body(Map.of("approve", true, "reason", "同意"))
        .post("/api/v1/exports/" + own + "/approval")
        .then()
        .statusCode(409)
        .body("type", org.hamcrest.Matchers.endsWith("export-self-approval"));
    as(f.admin)
        .body(Map.of("approve", false, "reason", "用途不明"))
        .post("/api/v1/exports/" + own + "/approval")
        .then()
        .statusCode(200)
        .body("state", org.hamcrest.Matchers.equalTo("REFUSED"));
    // a build that has started for another export proves the workers run; this one stays refused
    UUID other = UUID.fromString(request(officer, caseId, false).getString("id"));
    approve(other);
    awaitState(other, "READY");
    JsonPath refused = as(f.admin).get("/api/v1/exports/" + own).then().extract().jsonPath();
    assertThat(refused.getString("state")).isEqualTo("REFUSED");
    assertThat(refused.getString("sha256")).isNull();
    assertThat(refused.getInt("progress.filesDone")).isZero();
    as(supervisor).get("/api/v1/exports/" + own + "/package").then().statusCode(409);
    audited(own, "export.requested", "export.refused");
    List<String> listed =
        as(officer)
            .get("/api/v1/exports?caseId=" + caseId)
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    assertThat(listed).contains(own.toString(), other.toString());
  }

  @Test
  void a_build_whose_worker_died_is_claimed_again_once_its_lease_lapsed_and_built()
      throws Exception {
    UUID id = UUID.fromString(request(officer, caseId, false).getString("id"));
    // as an instance that claimed the build, started its upload and died would leave it
    Jdbc.update(
        db,
        "UPDATE export_request SET state = 'BUILDING', decided_at = now(),"
            + " lease_owner = 'dead-instance/export-0', lease_until = now() + interval '1 second',"
            + " upload_id = 'lost-upload', upload_key = ?, attempts = 1, files_done = 1"
            + " WHERE id = ?",
        PackageBuilder.key(id, 1),
        id);
    JsonPath ready = awaitState(id, "READY");
    assertThat(ready.getString("sha256")).hasSize(64);

    int attempts =
        Jdbc.one(
                db,
                "SELECT attempts FROM export_request WHERE id = ? AND lease_owner IS NULL"
                    + " AND upload_id IS NULL",
                rs -> rs.getInt(1),
                id)
            .orElseThrow();
    assertThat(attempts).isEqualTo(2);
    byte[] zip = as(officer).get("/api/v1/exports/" + id + "/package").asByteArray();
    assertThat(sha256(zip)).isEqualTo(ready.getString("sha256"));
    // the next export of the case proves the audit log consistent from this one's checkpoint
    UUID next = UUID.fromString(request(officer, caseId, false).getString("id"));
    approve(next);
    awaitState(next, "READY");
    byte[] later = as(officer).get("/api/v1/exports/" + next + "/package").asByteArray();
    assertThat(entryNames(later))
        .contains("custodia-export-" + next + "/data/audit/consistency.txt");
  }

  @Test
  void a_build_finished_after_its_lease_was_taken_over_leaves_the_new_package_alone()
      throws Exception {
    UUID id = UUID.fromString(request(officer, caseId, false).getString("id"));
    // claimed by a worker that stalls: leased far ahead, so the running workers leave it alone
    Jdbc.update(
        db,
        "UPDATE export_request SET state = 'BUILDING', decided_at = now(),"
            + " lease_owner = 'stalled/export-0', lease_until = now() + interval '1 hour',"
            + " attempts = 1 WHERE id = ?",
        id);
    Export stalled = exports.byId(id).orElseThrow();
    // its lease lapses; a live worker takes the build over and finishes it
    Jdbc.update(
        db, "UPDATE export_request SET lease_until = now() - interval '1 second' WHERE id = ?", id);
    JsonPath ready = awaitState(id, "READY");

    // the stalled worker wakes up and completes its own build after all
    workers.run(new ExportRepository.Claim(stalled, 1, null, null), "stalled/export-0");

    JsonPath after = as(officer).get("/api/v1/exports/" + id).then().extract().jsonPath();
    assertThat(after.getString("sha256")).isEqualTo(ready.getString("sha256"));
    byte[] zip = as(officer).get("/api/v1/exports/" + id + "/package").asByteArray();
    assertThat(sha256(zip)).isEqualTo(ready.getString("sha256"));
    assertThat(store.stat(BucketRole.DERIVED, PackageBuilder.key(id, 1), null)).isEmpty();
    assertThat(store.stat(BucketRole.DERIVED, PackageBuilder.key(id, 2), null)).isPresent();
  }

  @Test
  void the_custody_report_is_in_english_when_asked_and_an_unknown_language_is_refused()
      throws Exception {
    as(officer)
        .body(Map.of("purpose", "archive", "recipient", "archive", "reportLanguage", "fr"))
        .post("/api/v1/cases/" + caseId + "/exports")
        .then()
        .statusCode(400)
        .body("errors[0].field", org.hamcrest.Matchers.containsString("reportLanguage"));
    UUID id =
        UUID.fromString(
            as(officer)
                .body(
                    Map.of(
                        "purpose",
                        "Transfer to the court",
                        "recipient",
                        "District court",
                        "reportLanguage",
                        "en"))
                .post("/api/v1/cases/" + caseId + "/exports")
                .then()
                .statusCode(202)
                .body("reportLanguage", org.hamcrest.Matchers.equalTo("en"))
                .extract()
                .path("id"));
    as(supervisor)
        .body(Map.of("approve", true, "reason", "approved"))
        .post("/api/v1/exports/" + id + "/approval")
        .then()
        .statusCode(200);
    awaitState(id, "READY");
    byte[] zip = as(officer).get("/api/v1/exports/" + id + "/package").asByteArray();
    String report = entryText(zip, "custodia-export-" + id + "/data/custody-report.html");
    assertThat(report)
        .contains("<html lang=\"en\">", "Chain-of-custody report", "Checks made while packaging")
        .contains("China Standard Time", "SM2 signature", supervisorName)
        .doesNotContain("证据保管链报告");
  }

  @Test
  void a_receipt_copy_changed_in_the_store_fails_the_export_naming_the_record() throws Exception {
    UUID tamperedCase = openCase(f);
    Path dir = Clips.dir("export-receipt-");
    Path file = dir.resolve("doc.pdf");
    try (InputStream in = new SyntheticStream(78, 40_000)) {
      Files.write(file, in.readAllBytes());
    }
    Instant at = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    UUID record = f.uploadRecording(file, "application/pdf", at, at, tamperedCase);
    awaitReceipt(f, record);
    byte[] forged = "{\"forged\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // a new version over the locked one (a locked store keeps the old one; the current is read)
    store.put(
        BucketRole.RECEIPTS,
        "receipts/" + record + "/receipt.json",
        new ByteArrayInputStream(forged),
        forged.length,
        "application/json",
        Map.of());
    UUID id = UUID.fromString(request(officer, tamperedCase, false).getString("id"));
    approve(id);
    JsonPath failed = awaitState(id, "FAILED");
    assertThat(failed.getString("failedEvidenceId")).isEqualTo(record.toString());
    assertThat(failed.getString("failure")).contains("receiptCopy");
    as(officer).get("/api/v1/exports/" + id + "/package").then().statusCode(409);
  }

  @Test
  void a_corrupted_original_in_the_store_fails_the_export_naming_the_record() throws Exception {
    UUID corruptCase = openCase(f);
    Path dir = Clips.dir("export-corrupt-");
    Path file = dir.resolve("doc.pdf");
    try (InputStream in = new SyntheticStream(77, 50_000)) {
      Files.write(file, in.readAllBytes());
    }
    Instant at = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    UUID record = f.uploadRecording(file, "application/pdf", at, at, corruptCase);
    String key =
        Jdbc.one(db, "SELECT object_key FROM evidence WHERE id = ?", rs -> rs.getString(1), record)
            .orElseThrow();
    byte[] flipped = Files.readAllBytes(file);
    flipped[flipped.length / 2] ^= 1;
    store.put(
        BucketRole.EVIDENCE,
        key,
        new ByteArrayInputStream(flipped),
        flipped.length,
        "application/pdf",
        Map.of());
    UUID id = UUID.fromString(request(officer, corruptCase, false).getString("id"));
    approve(id);
    JsonPath failed = awaitState(id, "FAILED");
    assertThat(failed.getString("failedEvidenceId")).isEqualTo(record.toString());
    assertThat(failed.getString("failure")).contains(record.toString());
    assertThat(failed.getString("sha256")).isNull();
    as(officer).get("/api/v1/exports/" + id + "/package").then().statusCode(409);
    audited(id, "export.failed");
    List<String> alarms =
        Jdbc.list(
            db,
            "SELECT "
                + DETAILS
                + "->>'result' FROM audit_entry WHERE event_type = 'evidence.verified'"
                + " AND target_id = ?",
            rs -> rs.getString(1),
            record.toString());
    assertThat(alarms).contains("FAIL");
  }

  /** SM3 beside the algorithms the library knows. */
  private static final BagitAlgorithmNameToSupportedAlgorithmMapping WITH_SM3 =
      new BagitAlgorithmNameToSupportedAlgorithmMapping() {
        private final StandardBagitAlgorithmNameToSupportedAlgorithmMapping standard =
            new StandardBagitAlgorithmNameToSupportedAlgorithmMapping();

        @Override
        public SupportedAlgorithm getSupportedAlgorithm(String name)
            throws UnsupportedAlgorithmException {
          if (name.equalsIgnoreCase("sm3")) {
            return new SupportedAlgorithm() {
              @Override
              public String getMessageDigestName() {
                return "SM3";
              }

              @Override
              public String getBagitName() {
                return "sm3";
              }
            };
          }
          return standard.getSupportedAlgorithm(name);
        }
      };

  private static JsonPath request(String token, UUID caseId, boolean derived) {
    return as(token)
        .body(Map.of("purpose", "移送人民法院审理", "recipient", "某某区人民法院", "includeDerived", derived))
        .post("/api/v1/cases/" + caseId + "/exports")
        .then()
        .statusCode(202)
        .extract()
        .jsonPath();
  }

  private void audited(UUID id, String... types) {
    List<String> found =
        Jdbc.list(
            db,
            "SELECT event_type FROM audit_entry WHERE target_type = 'export' AND target_id = ?"
                + " AND "
                + DETAILS
                + "->>'purpose' = '移送人民法院审理' AND "
                + DETAILS
                + "->>'recipient' = '某某区人民法院'",
            rs -> rs.getString(1),
            id.toString());
    assertThat(found).contains(types);
  }

  private static String entryText(byte[] zip, String name) throws Exception {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.getName().equals(name)) {
          return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("no " + name + " in the package");
  }

  private static List<String> entryNames(byte[] zip) throws Exception {
    List<String> names = new java.util.ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        names.add(e.getName());
      }
    }
    return names;
  }

  /** Every file under data/, by its path relative to the bag. */
  private static Map<String, String> payloadFiles(Path bag) throws Exception {
    try (Stream<Path> files = Files.walk(bag.resolve("data"))) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> bag.relativize(p).toString().replace('\\', '/'))
          .collect(Collectors.toMap(p -> p, p -> p, (a, b) -> a, TreeMap::new));
    }
  }

  private static Map<String, String> manifest(Path file) throws Exception {
    Map<String, String> m = new TreeMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int sep = line.indexOf("  ");
      m.put(line.substring(sep + 2), line.substring(0, sep));
    }
    return m;
  }

  private static String digest(String algorithm, byte[] bytes) throws Exception {
    if (algorithm.equals("sm3")) {
      Sm3 sm3 = new Sm3();
      sm3.update(bytes, 0, bytes.length);
      return HEX.formatHex(sm3.digest());
    }
    String name = algorithm.equals("sha256") ? "SHA-256" : "SHA-512";
    return HEX.formatHex(MessageDigest.getInstance(name).digest(bytes));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return digest("sha256", bytes);
  }

  private static void approve(UUID id) {
    as(supervisor)
        .body(Map.of("approve", true, "reason", "同意"))
        .post("/api/v1/exports/" + id + "/approval")
        .then()
        .statusCode(200);
  }

  private static JsonPath awaitState(UUID id, String state) throws InterruptedException {
    return ExportSteps.awaitExport(f.admin, id, state, Duration.ofMinutes(2));
  }

  private static void awaitReceipt(UnitFixture fixture, UUID id) throws InterruptedException {
    ExportSteps.awaitReceipt(fixture.admin, id, Duration.ofMinutes(1));
  }

  private static UUID openCase(UnitFixture fixture) {
    return ExportSteps.openCase(fixture, "导出", "导出测试案件");
  }

  private static Path unzip(byte[] zip, Path into) throws Exception {
    return ExportSteps.unzip(new ByteArrayInputStream(zip), into);
  }
}
