package org.custodia.verify;

import static org.assertj.core.api.Assertions.assertThat;

import gov.loc.repository.bagit.creator.BagCreator;
import gov.loc.repository.bagit.domain.Metadata;
import gov.loc.repository.bagit.hash.StandardSupportedAlgorithms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    }
    writeCerts(dir, signer.roots());
    tamper.accept(dir);
    Metadata info = new Metadata();
    info.add("Source-Organization", "Custodia test unit");
    info.add(CustodiaChecks.EXPORT_ID, UUID.randomUUID().toString());
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
  void flat_json_refuses_nesting_and_duplicates() {
    assertThat(FlatJson.parse("{\"a\":\"x\\u0041\",\"b\":12}"))
        .isEqualTo(Map.of("a", "xA", "b", "12"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FlatJson.parse("{\"a\":1,\"a\":2}"))
        .hasMessageContaining("duplicate");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FlatJson.parse("{\"a\":{}}"))
        .hasMessageContaining("nesting");
  }
}
