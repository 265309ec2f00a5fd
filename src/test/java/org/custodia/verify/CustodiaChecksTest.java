package org.custodia.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import gov.loc.repository.bagit.creator.BagCreator;
import gov.loc.repository.bagit.domain.Metadata;
import gov.loc.repository.bagit.hash.StandardSupportedAlgorithms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.custodia.audit.AuditPackages;
import org.custodia.integrity.StandaloneSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custodia's own checks on an export-shaped bag: receipts signed at test time by the service's
 * signer (keys generated in a temporary directory), bagged by gov.loc:bagit.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CustodiaChecksTest {
  @TempDir static Path keys;
  static StandaloneSigner signer;
  static StandaloneSigner stranger;
  static final KeyPair AUDIT_KEY = AuditPackages.ed25519();
  static final String ORIGIN = "custodia.test/audit";

  @TempDir Path tmp;

  @BeforeAll
  static void signers() {
    if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
      Security.addProvider(new BouncyCastleProvider());
    }
    signer = StandaloneSigner.open(keys.resolve("ours"));
    stranger = StandaloneSigner.open(keys.resolve("theirs"));
  }

  private static String hex(Algorithm alg, byte[] data) {
    Algorithm.Hasher h = alg.hasher();
    h.update(data, 0, data.length);
    return HexFormat.of().formatHex(h.digest());
  }

  /** Two originals with receipts and the roots; {@code tamper} runs before bagging. */
  private Path export(Consumer<Path> tamper) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("export"));
    Random random = new Random(3);
    UUID exportId = UUID.randomUUID();
    StringBuilder records = new StringBuilder();
    for (int i = 0; i < 2; i++) {
      UUID id = new UUID(0, i + 1);
      byte[] media = new byte[50_000 + i];
      random.nextBytes(media);
      Files.createDirectories(dir.resolve("originals"));
      Files.write(dir.resolve("originals/" + id + ".mp4"), media);
      byte[] receipt =
          ("{\"contentType\":\"video/mp4\",\"id\":\""
                  + id
                  + "\",\"receiptVersion\":1,\"sha256\":\""
                  + hex(Algorithm.SHA256, media)
                  + "\",\"size\":"
                  + media.length
                  + ",\"sm3\":\""
                  + hex(Algorithm.SM3, media)
                  + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      StandaloneSigner.Signed s = signer.sign(receipt);
      Path r = Files.createDirectories(dir.resolve("receipts/" + id));
      Files.write(r.resolve("receipt.json"), receipt);
      Files.write(r.resolve("receipt.p7s"), s.p7s());
      Files.write(r.resolve("receipt.sm2.p7s"), s.sm2P7s());
      Files.write(r.resolve("receipt.tsr"), s.tsr());
      records
          .append(i == 0 ? "" : ",")
          .append("{\"evidenceId\":\"" + id + "\",\"path\":\"data/originals/" + id + ".mp4\"")
          .append(",\"sha256\":\"" + hex(Algorithm.SHA256, media) + "\"")
          .append(",\"sm3\":\"" + hex(Algorithm.SM3, media) + "\",\"size\":" + media.length)
          .append(",\"receipt\":{\"json\":\"data/receipts/" + id + "/receipt.json\"}}");
    }
    Files.writeString(
        dir.resolve("dossier.json"),
        "{\"format\":\"custodia-export/1\",\"export\":{\"id\":\""
            + exportId
            + "\"},\"case\":{\"title\":\"案件\"},\"records\":["
            + records
            + "]}");
    List<byte[]> entries = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      entries.add(("{\"event\":\"export.test\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
    AuditPackages.write(dir, AUDIT_KEY, ORIGIN, entries, 5);
    writeCerts(dir, signer.roots());
    tamper.accept(dir);
    Metadata info = new Metadata();
    info.add("Source-Organization", "Custodia test unit");
    info.add(CustodiaChecks.EXPORT_ID, exportId.toString());
    BagCreator.bagInPlace(
        dir,
        List.of(StandardSupportedAlgorithms.SHA256, StandardSupportedAlgorithms.SHA512),
        false,
        info);
    return dir;
  }

  private static void writeCerts(Path dir, List<X509Certificate> roots) {
    try {
      Path certs = Files.createDirectories(dir.resolve("certs"));
      // one as DER, one as PEM: both forms are read
      Files.write(certs.resolve("receipt-ec-root.cer"), roots.get(0).getEncoded());
      Files.writeString(
          certs.resolve("receipt-sm2-root.pem"),
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(roots.get(1).getEncoded())
              + "\n-----END CERTIFICATE-----\n");
      Files.writeString(
          certs.resolve("audit-checkpoint.pem"),
          "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Report verify(Path bag) {
    return new BagVerifier(Limits.defaults()).verify(bag, new CustodiaChecks());
  }

  private static Path first(Path dir) throws Exception {
    try (var s = Files.list(dir.resolve("receipts"))) {
      return s.sorted().findFirst().orElseThrow();
    }
  }

  @Test
  void an_intact_export_verifies_every_receipt() throws Exception {
    Report r = verify(export(d -> {}));
    assertThat(r.ok()).as(r.text()).isTrue();
    assertThat(r.checks().stream().filter(c -> c.check().equals("ECDSA signature"))).hasSize(2);
    assertThat(r.text())
        .contains("SM2 signature")
        .contains("RFC 3161 timestamp — stamped")
        .contains("receipt hashes — sha256, sm3 and size equal")
        .contains("Custodia export");
  }

  @Test
  void an_altered_receipt_fails_both_signatures_and_its_hashes() throws Exception {
    Report r =
        verify(
            export(
                d -> {
                  try {
                    Path json = first(d).resolve("receipt.json");
                    Files.writeString(
                        json, Files.readString(json).replace("\"size\":50000", "\"size\":50001"));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }));
    String id = new UUID(0, 1).toString();
    assertThat(r.failures())
        .extracting(Report.Check::file, Report.Check::check)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "data/receipts/" + id + "/receipt.p7s", "ECDSA signature"),
            org.assertj.core.groups.Tuple.tuple(
                "data/receipts/" + id + "/receipt.sm2.p7s", "SM2 signature"),
            org.assertj.core.groups.Tuple.tuple("data/originals/" + id + ".mp4", "receipt hashes"));
    assertThat(r.failures().toString()).contains("size (receipt 50001, file 50000)");
  }

  @Test
  void receipts_checked_against_another_signers_certificates_fail() throws Exception {
    Report r = verify(export(d -> writeCerts(d, stranger.roots())));
    assertThat(r.failures().toString())
        .contains("ECDSA signature")
        .contains("the signer's certificate was not issued by a Custodia root")
        .contains("RFC 3161 timestamp");
  }

  @Test
  void malformed_der_in_a_receipt_is_named() throws Exception {
    Report r =
        verify(
            export(
                d -> {
                  try {
                    Path tsr = first(d).resolve("receipt.tsr");
                    byte[] b = Files.readAllBytes(tsr);
                    Files.write(tsr, java.util.Arrays.copyOf(b, b.length / 2));
                    Path p7s = first(d).resolve("receipt.sm2.p7s");
                    Files.write(
                        p7s,
                        new byte[] {
                          0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1
                        });
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }));
    assertThat(r.failures())
        .filteredOn(c -> c.check().equals("DER"))
        .extracting(Report.Check::file)
        .containsExactly(
            "data/receipts/" + new UUID(0, 1) + "/receipt.sm2.p7s",
            "data/receipts/" + new UUID(0, 1) + "/receipt.tsr");
    assertThat(r.failures().toString()).contains("malformed DER");
  }

  @Test
  void a_missing_original_is_named() throws Exception {
    Report r =
        verify(
            export(
                d -> {
                  try {
                    Files.delete(d.resolve("originals/" + new UUID(0, 2) + ".mp4"));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }));
    assertThat(r.failures().toString()).contains("the receipt's original is missing");
  }

  @Test
  void an_intact_export_verifies_its_audit_section_and_dossier_with_the_packages_own_keys()
      throws Exception {
    Report r = verify(export(d -> {}));
    assertThat(r.ok()).as(r.text()).isTrue();
    assertThat(r.checks())
        .filteredOn(Report.Check::ok)
        .extracting(Report.Check::file, Report.Check::check)
        .contains(
            tuple("data/audit/checkpoint", "checkpoint signature"),
            tuple("data/audit/entries/", "inclusion"),
            tuple("data/audit/previous-checkpoint", "previous checkpoint signature"),
            tuple("data/audit/consistency.txt", "consistency"),
            tuple("data/dossier.json", "originals"));
    assertThat(r.trust()).isEqualTo("package");
    assertThat(r.notes()).anyMatch(n -> n.startsWith("no --trust given"));
    assertThat(r.json()).contains("\"trust\":\"package\"", "\"notes\":[\"no --trust given");
  }

  @Test
  void a_forged_audit_entry_fails_its_inclusion_proof() throws Exception {
    Report r =
        verify(
            export(
                d ->
                    write(
                        d.resolve("audit/entries/3.json"),
                        "{\"event\":\"export.test\",\"n\":33}")));
    assertThat(r.failures())
        .extracting(Report.Check::file, Report.Check::check)
        .containsExactly(tuple("data/audit/entries/3.json", "inclusion"));
  }

  @Test
  void an_entry_without_a_proof_and_a_proof_without_an_entry_are_named() throws Exception {
    Report r =
        verify(
            export(
                d -> {
                  try {
                    Files.delete(d.resolve("audit/proofs/2.proof"));
                    Files.delete(d.resolve("audit/entries/4.json"));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }));
    assertThat(r.failures())
        .extracting(Report.Check::file, Report.Check::check)
        .containsExactlyInAnyOrder(
            tuple("data/audit/entries/2.json", "proof"),
            tuple("data/audit/proofs/4.proof", "entry"));
  }

  @Test
  void a_proof_naming_another_index_or_checkpoint_fails() throws Exception {
    Report r =
        verify(
            export(
                d -> {
                  Path p = d.resolve("audit/proofs/1.proof");
                  write(p, read(p).replace("index 1\n", "index 2\n"));
                  Path q = d.resolve("audit/proofs/6.proof");
                  write(q, read(q).replace("timestamp ", "timestamp  "));
                }));
    assertThat(r.failures())
        .extracting(Report.Check::file, Report.Check::check)
        .containsExactlyInAnyOrder(
            tuple("data/audit/proofs/1.proof", "index"),
            tuple("data/audit/proofs/6.proof", "checkpoint"));
  }

  @Test
  void an_audit_entry_over_the_size_limit_is_a_named_failure_read_no_further() throws Exception {
    Report r =
        verify(
            export(
                d -> {
                  try {
                    Files.write(
                        d.resolve("audit/entries/3.json"),
                        new byte[(int) AuditChecks.MAX_ENTRY + 1]);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }));
    assertThat(r.failures())
        .extracting(Report.Check::file, Report.Check::check)
        .containsExactly(tuple("data/audit/entries/3.json", "size"));
  }

  @Test
  void a_checkpoint_signed_by_another_key_fails_and_with_that_key_packaged_only_trust_catches_it()
      throws Exception {
    KeyPair forger = AuditPackages.ed25519();
    Consumer<Path> resign =
        d -> {
          String note = read(d.resolve("audit/checkpoint"));
          String forged = AuditPackages.resign(note, forger);
          write(d.resolve("audit/checkpoint"), forged);
          for (int i = 0; i < 7; i++) {
            Path p = d.resolve("audit/proofs/" + i + ".proof");
            write(p, read(p).replace(note, forged));
          }
        };
    Report r = verify(export(resign));
    assertThat(r.failures())
        .extracting(Report.Check::file, Report.Check::check)
        .containsExactly(tuple("data/audit/checkpoint", "checkpoint signature"));
    Consumer<Path> replaced =
        resign.andThen(
            d -> {
              write(
                  d.resolve("audit/previous-checkpoint"),
                  AuditPackages.resign(read(d.resolve("audit/previous-checkpoint")), forger));
              write(
                  d.resolve("certs/audit-checkpoint-ed25519.pem"),
                  AuditPackages.publicKeyPem(forger));
            });
    Report self = verify(export(replaced));
    assertThat(self.ok()).as(self.text()).isTrue();
    Trust trust = trusted();
    Report anchored =
        new BagVerifier(Limits.defaults()).verify(export2(replaced), new CustodiaChecks(trust));
    assertThat(anchored.failures())
        .extracting(Report.Check::file, Report.Check::check)
        .contains(
            tuple("data/certs/audit-checkpoint-ed25519.pem", "trusted key"),
            tuple("data/audit/checkpoint", "checkpoint signature"),
            tuple("data/audit/previous-checkpoint", "previous checkpoint signature"));
    assertThat(anchored.trust()).isEqualTo("out-of-band");
  }

  @Test
  void with_trust_anchors_an_intact_export_verifies_and_another_signers_receipts_fail()
      throws Exception {
    Report ok =
        new BagVerifier(Limits.defaults()).verify(export(d -> {}), new CustodiaChecks(trusted()));
    assertThat(ok.ok()).as(ok.text()).isTrue();
    assertThat(ok.notes()).anyMatch(n -> n.contains("--trust anchors"));
    // the recipient trusts other roots: the package's own certificates do not make it pass
    Report r =
        new BagVerifier(Limits.defaults())
            .verify(export2(d -> {}), new CustodiaChecks(trusted(stranger.roots())));
    assertThat(r.failures())
        .extracting(Report.Check::check)
        .contains("ECDSA signature", "SM2 signature", "RFC 3161 timestamp");
  }

  @Test
  void a_consistency_proof_that_does_not_lead_to_both_roots_fails() throws Exception {
    Report r =
        verify(
            export(
                d -> {
                  Path c = d.resolve("audit/consistency.txt");
                  String[] lines = read(c).split("\n");
                  byte[] h = Base64.getDecoder().decode(lines[2]);
                  h[0] ^= 1;
                  lines[2] = Base64.getEncoder().encodeToString(h);
                  write(c, String.join("\n", lines) + "\n");
                }));
    assertThat(r.failures())
        .extracting(Report.Check::file, Report.Check::check)
        .containsExactly(tuple("data/audit/consistency.txt", "consistency"));
  }

  @Test
  void a_malformed_dossier_is_a_named_failure_not_a_crash() throws Exception {
    for (String bad :
        List.of("{\"format\":", "[1,2]", "{\"a\":1,\"a\":2}", "[".repeat(10_000), "\u0000")) {
      Report r = verify(export(d -> write(d.resolve("dossier.json"), bad)));
      assertThat(r.failures())
          .as(bad.substring(0, Math.min(bad.length(), 20)))
          .extracting(Report.Check::file, Report.Check::check)
          .containsExactly(tuple("data/dossier.json", "JSON"));
    }
  }

  @Test
  void an_original_the_dossier_does_not_list_or_lists_with_another_hash_is_named()
      throws Exception {
    String one = new UUID(0, 1).toString();
    String two = new UUID(0, 2).toString();
    Report r =
        verify(
            export(
                d -> {
                  Path p = d.resolve("dossier.json");
                  String text = read(p);
                  // drop the second record, alter the first one's size
                  int second = text.indexOf(",{\"evidenceId\":\"" + two);
                  text = text.substring(0, second) + "]}";
                  write(p, text.replace("\"size\":50000", "\"size\":49999"));
                }));
    assertThat(r.failures())
        .extracting(Report.Check::file, Report.Check::check)
        .containsExactlyInAnyOrder(
            tuple("data/originals/" + one + ".mp4", "dossier.json hashes"),
            tuple("data/originals/" + two + ".mp4", "listed in dossier.json"));
  }

  @Test
  void strict_json_reads_nested_documents_and_refuses_what_is_not_json() {
    assertThat(Json.parse("{\"a\":[1,2.5e3,\"x\\u0041\",true,null,{}]}"))
        .isEqualTo(
            Map.of(
                "a",
                List.of(
                    new java.math.BigDecimal("1"),
                    new java.math.BigDecimal("2.5e3"),
                    "xA",
                    true,
                    Json.NULL,
                    Map.of())));
    for (String bad :
        List.of("", "{", "[1,]", "01", "{\"a\" 1}", "nul", "\"\\u+12a\"", "\"\u0001\"", "1 2")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Json.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** The receipt roots and the audit key, as a recipient got them out of band. */
  private Trust trusted() throws Exception {
    return trusted(signer.roots());
  }

  private Trust trusted(List<X509Certificate> roots) throws Exception {
    Path file = tmp.resolve("trusted-" + UUID.randomUUID() + ".pem");
    StringBuilder pem = new StringBuilder(AuditPackages.publicKeyPem(AUDIT_KEY));
    for (X509Certificate c : roots) {
      pem.append("-----BEGIN CERTIFICATE-----\n")
          .append(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded()))
          .append("\n-----END CERTIFICATE-----\n");
    }
    Files.writeString(file, pem);
    Trust t = Trust.none();
    t.add(file);
    return t;
  }

  /** A second export in the same test (its own directory). */
  private Path export2(Consumer<Path> tamper) throws Exception {
    Path saved = tmp;
    tmp = Files.createDirectories(saved.resolve("second-" + UUID.randomUUID()));
    try {
      return export(tamper);
    } finally {
      tmp = saved;
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path p, String text) {
    try {
      Files.writeString(p, text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void a_receipt_is_one_flat_json_object_without_duplicates() {
    assertThat(Json.flatObject("{\"a\":\"x\\u0041\",\"b\":12}"))
        .isEqualTo(Map.of("a", "xA", "b", "12"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Json.flatObject("{\"a\":1,\"a\":2}"))
        .hasMessageContaining("duplicate");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Json.flatObject("{\"a\":{}}"))
        .hasMessageContaining("nesting");
  }
}
