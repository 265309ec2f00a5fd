package org.custodia.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.custodia.testing.Api.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.custodia.audit.AuditPackages;
import org.custodia.audit.AuditReader;
import org.custodia.digest.Sm3;
import org.custodia.integrity.SigningService;
import org.custodia.support.KeyFiles;
import org.custodia.testing.Api;
import org.custodia.testing.Clips;
import org.custodia.testing.ExportSteps;
import org.custodia.testing.SyntheticStream;
import org.custodia.testing.UnitFixture;
import org.custodia.verify.VerifyMain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The offline verifier ({@code VerifyMain}, as {@code scripts/verify} runs it) on real exports of a
 * case with two recordings and two documents, built by the service: the zip and the unpacked bag
 * pass, with and without trust anchors; each kind of tampering fails naming the file and the check;
 * the case's second export proves the audit log consistent with the first. The same bag passes
 * {@code scripts/verify-with-openssl} (bash, coreutils, openssl) and a tampered one fails it.
 * Packages are written under target/.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExportVerifyTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject AuditReader audit;
  @Inject SigningService signing;

  static UnitFixture f;
  static String officer;
  static String supervisor;
  static UUID caseId;
  static Path work;
  static List<UUID> records = new ArrayList<>();

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
    caseId = openCase(fixture);
    Path dir = Clips.dir("export-verify-");
    Instant at = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    for (int i = 0; i < 2; i++) {
      Path video =
          Clips.h264(
              dir.resolve("clip" + i + ".mp4"), "testsrc=size=160x120:rate=25:duration=" + (1 + i));
      UUID v = fixture.uploadRecording(video, "video/mp4", at, at.plusSeconds(1 + i), caseId);
      records.add(v);
      Path doc = dir.resolve("notice" + i + ".pdf");
      try (InputStream in = new SyntheticStream(50 + i, 20_000 + 777 * i)) {
        Files.write(doc, in.readAllBytes());
      }
      records.add(fixture.uploadRecording(doc, "application/pdf", at, at, caseId));
    }
    for (UUID id : records) {
      awaitReceipt(fixture, id);
    }
    // the review copies exist before the first export (it includes them)
    fixture.awaitMediaJob(records.get(0), java.time.Duration.ofSeconds(90));
    fixture.awaitMediaJob(records.get(2), java.time.Duration.ofSeconds(90));
    work = Files.createDirectories(Path.of("target", "export-verify").toAbsolutePath());
    f = fixture;
  }

  @Test
  void real_exports_verify_offline_and_every_kind_of_tampering_is_named() throws Exception {
    UUID id = export(true);
    Path zip = download(id, work.resolve(id + ".zip"));
    Path bag = unzip(zip, work.resolve(id.toString())).resolve("custodia-export-" + id);

    // intact, as a zip and as a directory, with the package's own keys: passes, and says so
    for (Path p : List.of(zip, bag)) {
      Verified v = verify(p.toString());
      assertThat(v.exit).as(v.text).isZero();
      assertThat(v.json.path("trust").asText()).isEqualTo("package");
      assertThat(v.json.path("notes").get(0).asText()).startsWith("no --trust given");
      assertThat(v.passed())
          .contains(
              tuple("data/audit/checkpoint", "checkpoint signature"),
              tuple("data/audit/entries/", "inclusion"),
              tuple("data/audit/", "consistency"),
              tuple("data/dossier.json", "originals"));
      assertThat(v.passed().stream().filter(t -> t.toList().get(1).equals("ECDSA signature")))
          .hasSize(4);
    }
    // with the certificates and checkpoint key the recipient got from the service out of band
    Path trust = trustFile("trusted.pem", audit.checkpointKey().getEncoded());
    Verified anchored = verify(bag.toString(), "--trust", trust.toString());
    assertThat(anchored.exit).as(anchored.text).isZero();
    assertThat(anchored.json.path("trust").asText()).isEqualTo("out-of-band");
    assertThat(anchored.passed())
        .contains(tuple("data/certs/audit-checkpoint-ed25519.pem", "trusted key"));

    UUID video = records.get(0);
    String original = "data/originals/" + video + ".mp4";
    String receipts = "data/receipts/" + video + "/";

    // one flipped byte in an original
    Path flipped = copy(bag, "flipped");
    flip(flipped.resolve(original));
    assertThat(failures(flipped)).contains(tuple(original, "sha256"), tuple(original, "sm3"));

    // a removed file
    Path removed = copy(bag, "removed");
    Files.delete(removed.resolve("data/originals/" + records.get(1) + ".pdf"));
    assertThat(failures(removed))
        .contains(tuple("data/originals/" + records.get(1) + ".pdf", "present"));

    // an added file: an extra payload file, and (manifests recomputed) an original no one listed
    Path added = copy(bag, "added");
    Files.writeString(added.resolve("data/originals/extra.pdf"), "not evidence");
    assertThat(failures(added)).contains(tuple("data/originals/extra.pdf", "listed"));
    rebag(added);
    assertThat(failures(added))
        .containsExactly(tuple("data/originals/extra.pdf", "listed in dossier.json"));

    // an altered receipt, manifests recomputed: only the signatures can tell
    Path receipt = copy(bag, "receipt");
    Path json = receipt.resolve(receipts + "receipt.json");
    Files.writeString(json, Files.readString(json) + " ");
    rebag(receipt);
    assertThat(failures(receipt))
        .containsExactlyInAnyOrder(
            tuple(receipts + "receipt.p7s", "ECDSA signature"),
            tuple(receipts + "receipt.sm2.p7s", "SM2 signature"));

    // a forged audit entry, manifests recomputed
    Path forged = copy(bag, "forged-entry");
    Path entry;
    try (Stream<Path> s = Files.list(forged.resolve("data/audit/entries"))) {
      entry = s.filter(p -> read(p).contains("export.requested")).findFirst().orElseThrow();
    }
    Files.writeString(entry, read(entry).replace("移送人民法院审理", "移送人民检察院审理"));
    rebag(forged);
    assertThat(failures(forged))
        .containsExactly(tuple("data/audit/entries/" + entry.getFileName(), "inclusion"));

    // a checkpoint signed by another key (proofs carry it too), manifests recomputed
    KeyPair forger = AuditPackages.ed25519();
    Path resigned = copy(bag, "resigned");
    resign(resigned, forger);
    rebag(resigned);
    assertThat(failures(resigned))
        .containsExactly(tuple("data/audit/checkpoint", "checkpoint signature"));
    // ... and the package's key replaced by the forger's: self-consistent, caught by --trust
    Files.writeString(
        resigned.resolve("data/certs/audit-checkpoint-ed25519.pem"),
        AuditPackages.publicKeyPem(forger));
    rebag(resigned);
    Verified self = verify(resigned.toString());
    assertThat(self.exit).as(self.text).isZero();
    Verified caught = verify(resigned.toString(), "--trust", trust.toString());
    assertThat(caught.exit).isEqualTo(1);
    assertThat(caught.failed())
        .contains(
            tuple("data/certs/audit-checkpoint-ed25519.pem", "trusted key"),
            tuple("data/audit/checkpoint", "checkpoint signature"));

    // malformed DER in a receipt, manifests recomputed
    Path der = copy(bag, "der");
    Files.write(der.resolve(receipts + "receipt.tsr"), new byte[] {0x30, (byte) 0x84, 0x7f, 1, 2});
    rebag(der);
    assertThat(failures(der)).contains(tuple(receipts + "receipt.tsr", "DER"));

    // a malformed dossier.json, manifests recomputed
    Path dossier = copy(bag, "dossier");
    Files.writeString(dossier.resolve("data/dossier.json"), "{\"format\":\"custodia-export/1\",");
    rebag(dossier);
    assertThat(failures(dossier)).containsExactly(tuple("data/dossier.json", "JSON"));

    // a zip-slip entry
    Path slip = work.resolve(id + "-slip.zip");
    zip(bag, slip, "custodia-export-" + id + "/../../evil.sh", new byte[] {'#', '!'});
    assertThat(failures(slip))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.toList().get(0)).isEqualTo("custodia-export-" + id + "/../../evil.sh");
              assertThat(t.toList().get(1)).isEqualTo("refused");
            });

    // a zip bomb: 256 MiB of zeros in a listed payload file (about 256 KiB compressed)
    Path bombDir = copy(bag, "bomb");
    try (OutputStream out = Files.newOutputStream(bombDir.resolve("data/bomb.bin"))) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 256; i++) {
        out.write(zeros);
      }
    }
    rebag(bombDir);
    Path bomb = work.resolve(id + "-bomb.zip");
    zip(bombDir, bomb, null, null);
    Files.delete(bombDir.resolve("data/bomb.bin"));
    Verified bombed = verify(bomb.toString());
    assertThat(bombed.exit).isEqualTo(1);
    assertThat(bombed.failed())
        .containsExactly(tuple(bombDir.getFileName() + "/data/bomb.bin", "refused"));
    assertThat(bombed.text).contains("zip bomb");

    // the case's next export proves the audit log consistent with this one's checkpoint
    UUID next = export(false);
    Path nextZip = download(next, work.resolve(next + ".zip"));
    Verified second = verify(nextZip.toString(), "--trust", trust.toString());
    assertThat(second.exit).as(second.text).isZero();
    assertThat(second.passed())
        .contains(
            tuple("data/audit/previous-checkpoint", "previous checkpoint signature"),
            tuple("data/audit/consistency.txt", "consistency"));

    // the same checks with bash, coreutils and openssl only
    Path unpacked =
        unzip(nextZip, work.resolve(next.toString())).resolve("custodia-export-" + next);
    Script ok = openssl(unpacked);
    assertThat(ok.exit).as(ok.output).isZero();
    assertThat(ok.output)
        .contains(
            "sha256sum --quiet --strict -c manifest-sha256.txt",
            "openssl cms -verify",
            "SM2 signature, SM3 digest and chain",
            "openssl ts -verify",
            "inclusion of",
            "extends the previous export's tree of");
    Path tampered = copy(unpacked, "openssl-tampered");
    flip(tampered.resolve("data/dossier.json"));
    Script bad = openssl(tampered);
    assertThat(bad.exit).as(bad.output).isNotZero();
    assertThat(bad.output).contains("data/dossier.json: FAILED");
    Path forgedEntry = copy(unpacked, "openssl-forged");
    try (Stream<Path> s = Files.list(forgedEntry.resolve("data/audit/entries"))) {
      Path e = s.findFirst().orElseThrow();
      Files.writeString(e, read(e).replace("\"", "\"\u200b"));
    }
    rebag(forgedEntry);
    Script forgedRun = openssl(forgedEntry);
    assertThat(forgedRun.exit).as(forgedRun.output).isNotZero();
    assertThat(forgedRun.output).contains("inclusion FAILED");
    // the forger's key packaged: self-consistent for the script too, until the real key is given
    assertThat(openssl(resigned).exit).isZero();
    Script trusted = openssl(resigned, "--trust", trust.toString());
    assertThat(trusted.exit).as(trusted.output).isNotZero();
    assertThat(trusted.output).contains("FAILED  data/audit/checkpoint: signature");
  }

  // --- the verifier ---

  record Verified(int exit, String text, JsonNode json) {
    List<org.assertj.core.groups.Tuple> failed() {
      return checks(false);
    }

    List<org.assertj.core.groups.Tuple> passed() {
      return checks(true);
    }

    private List<org.assertj.core.groups.Tuple> checks(boolean ok) {
      List<org.assertj.core.groups.Tuple> out = new ArrayList<>();
      for (JsonNode c : json.path("checks")) {
        if (c.path("ok").asBoolean() == ok) {
          out.add(tuple(c.path("file").asText(), c.path("check").asText()));
        }
      }
      return out;
    }
  }

  /** VerifyMain's entry point: exit code, the text report and the JSON report. */
  private static Verified verify(String... args) throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int exit = VerifyMain.run(args, new PrintStream(text, true, StandardCharsets.UTF_8));
    List<String> withJson = new ArrayList<>(List.of(args));
    withJson.add("--json");
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    int jsonExit =
        VerifyMain.run(
            withJson.toArray(String[]::new), new PrintStream(json, true, StandardCharsets.UTF_8));
    assertThat(jsonExit).isEqualTo(exit);
    return new Verified(
        exit, text.toString(StandardCharsets.UTF_8), JSON.readTree(json.toByteArray()));
  }

  /** The failures of a package that must not verify. */
  private static List<org.assertj.core.groups.Tuple> failures(Path p) throws Exception {
    Verified v = verify(p.toString());
    assertThat(v.exit).as(v.text).isEqualTo(1);
    return v.failed();
  }

  private Path trustFile(String name, byte[] checkpointKey) throws Exception {
    StringBuilder pem = new StringBuilder(KeyFiles.pem("PUBLIC KEY", checkpointKey));
    for (SigningService.Certificate c : signing.certificates()) {
      pem.append(c.pem());
    }
    return Files.writeString(work.resolve(name), pem);
  }

  // --- scripts/verify-with-openssl ---

  record Script(int exit, String output) {}

  private static Script openssl(Path bag, String... more) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("bash", "scripts/verify-with-openssl", bag.toString()));
    command.addAll(List.of(more));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Script(p.waitFor(), out);
  }

  // --- tampering ---

  private static void flip(Path file) throws Exception {
    byte[] b = Files.readAllBytes(file);
    b[b.length / 2] ^= 1;
    Files.write(file, b);
  }

  /** Re-signs data/audit/checkpoint and the copy in every proof with {@code key}. */
  private static void resign(Path bag, KeyPair key) throws Exception {
    Path checkpoint = bag.resolve("data/audit/checkpoint");
    String note = read(checkpoint);
    String forged = AuditPackages.resign(note, key);
    Files.writeString(checkpoint, forged);
    try (Stream<Path> s = Files.list(bag.resolve("data/audit/proofs"))) {
      for (Path p : s.toList()) {
        Files.writeString(p, read(p).replace(note, forged));
      }
    }
  }

  /**
   * Recomputes every payload manifest, Payload-Oxum and the tag manifest, as a forger who changed
   * files would.
   */
  static void rebag(Path bag) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.walk(bag.resolve("data"))) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    long bytes = 0;
    for (String alg : List.of("sha256", "sha512", "sm3")) {
      StringBuilder m = new StringBuilder();
      for (Path file : files) {
        m.append(digest(alg, file)).append("  ").append(bag.relativize(file)).append('\n');
      }
      Files.writeString(bag.resolve("manifest-" + alg + ".txt"), m);
    }
    for (Path file : files) {
      bytes += Files.size(file);
    }
    Path info = bag.resolve("bag-info.txt");
    Files.writeString(
        info,
        read(info)
            .replaceAll(
                "Payload-Oxum: \\d+\\.\\d+", "Payload-Oxum: " + bytes + "." + files.size()));
    StringBuilder tags = new StringBuilder();
    for (String tag :
        List.of(
            "bagit.txt",
            "bag-info.txt",
            "manifest-sha256.txt",
            "manifest-sha512.txt",
            "manifest-sm3.txt")) {
      tags.append(digest("sha512", bag.resolve(tag))).append("  ").append(tag).append('\n');
    }
    Files.writeString(bag.resolve("tagmanifest-sha512.txt"), tags);
  }

  private static String digest(String alg, Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      if (alg.equals("sm3")) {
        Sm3 sm3 = new Sm3();
        for (int n; (n = in.read(buf)) > 0; ) {
          sm3.update(buf, 0, n);
        }
        return HEX.formatHex(sm3.digest());
      }
      MessageDigest md = MessageDigest.getInstance(alg.equals("sha256") ? "SHA-256" : "SHA-512");
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HEX.formatHex(md.digest());
    }
  }

  /** A copy of the unpacked bag, to tamper with. */
  private static Path copy(Path bag, String name) throws Exception {
    Path to = work.resolve(bag.getFileName() + "-" + name);
    if (Files.exists(to)) {
      try (Stream<Path> s = Files.walk(to)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    try (Stream<Path> s = Files.walk(bag)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(bag.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  /** Zips a bag directory under its own name, with one more raw entry when given. */
  private static void zip(Path bag, Path zip, String extraName, byte[] extra) throws Exception {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
        Stream<Path> s = Files.walk(bag)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new ZipEntry(bag.getFileName() + "/" + bag.relativize(p)));
        Files.copy(p, out);
        out.closeEntry();
      }
      if (extraName != null) {
        out.putNextEntry(new ZipEntry(extraName));
        out.write(extra);
        out.closeEntry();
      }
    }
  }

  // --- the service ---

  private static UUID export(boolean derived) throws Exception {
    UUID id =
        UUID.fromString(
            as(officer)
                .body(
                    Map.of(
                        "purpose", "移送人民法院审理", "recipient", "某某区人民法院", "includeDerived", derived))
                .post("/api/v1/cases/" + caseId + "/exports")
                .then()
                .statusCode(202)
                .extract()
                .path("id"));
    as(supervisor)
        .body(Map.of("approve", true, "reason", "同意移送"))
        .post("/api/v1/exports/" + id + "/approval")
        .then()
        .statusCode(200);
    awaitState(id, "READY");
    return id;
  }

  private static Path download(UUID id, Path to) throws Exception {
    byte[] zip =
        as(officer)
            .get("/api/v1/exports/" + id + "/package")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    return Files.write(to, zip);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonPath awaitState(UUID id, String state) throws InterruptedException {
    return ExportSteps.awaitExport(f.admin, id, state, Duration.ofMinutes(2));
  }

  private static void awaitReceipt(UnitFixture fixture, UUID id) throws InterruptedException {
    ExportSteps.awaitReceipt(fixture.admin, id, Duration.ofMinutes(1));
  }

  private static UUID openCase(UnitFixture fixture) {
    return ExportSteps.openCase(fixture, "核验", "离线核验测试案件");
  }

  private static Path unzip(Path zip, Path into) throws Exception {
    try (InputStream in = Files.newInputStream(zip)) {
      return ExportSteps.unzip(in, into);
    }
  }
}
