package org.custodia.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.custodia.audit.CanonicalJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signer and TSA on their own (no container): OpenSSL and Bouncy Castle accept the output. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReceiptCryptoTest {
  @TempDir static Path keysDir;
  @TempDir Path work;

  static SigningKeys keys;
  static ReceiptSigner signer;

  @BeforeAll
  static void keys() {
    keys = SigningKeys.open(keysDir.resolve("signing"));
    signer =
        new ReceiptSigner(
            keys,
            new Timestamper(new TimeStampAuthority(keys.tsa()), null, true, Duration.ofSeconds(2)));
  }

  private static byte[] receipt() {
    return CanonicalJson.bytes(Map.of("id", "0192-test", "sha256", "ab".repeat(32), "size", 42));
  }

  private void files(byte[] receipt, ReceiptSigner.SignedReceipt s) throws Exception {
    Files.write(work.resolve("receipt.json"), receipt);
    Files.write(work.resolve("receipt.p7s"), s.p7s());
    Files.write(work.resolve("receipt.sm2.p7s"), s.sm2P7s());
    Files.write(work.resolve("receipt.tsr"), s.tsr());
    CMSSignedData sd = new CMSSignedData(s.p7s());
    Files.write(
        work.resolve("signature.bin"),
        sd.getSignerInfos().getSigners().iterator().next().getSignature());
    OpenSsl.writePem(work.resolve("chain.pem"), List.of(keys.ecRoot().cert()));
  }

  @Test
  void openssl_accepts_the_ecdsa_receipt_and_the_timestamp_over_its_signature_value()
      throws Exception {
    byte[] receipt = receipt();
    ReceiptSigner.SignedReceipt s = signer.sign(receipt);
    files(receipt, s);

    OpenSsl.Run cms = OpenSsl.cmsVerify(work, "receipt.p7s", "receipt.json", "chain.pem");
    assertThat(cms.ok()).as(cms.output()).isTrue();
    OpenSsl.Run any = OpenSsl.cmsVerifyAnyPurpose(work, "receipt.p7s", "receipt.json", "chain.pem");
    assertThat(any.ok()).as(any.output()).isTrue();
    OpenSsl.Run ts = OpenSsl.tsVerify(work, "receipt.tsr", "signature.bin", "chain.pem");
    assertThat(ts.ok()).as(ts.output()).isTrue();
    assertThat(s.tsa()).isEqualTo(Timestamper.BUILT_IN);
  }

  @Test
  void both_signatures_carry_the_required_signed_attributes_and_verify_with_bouncy_castle() {
    byte[] receipt = receipt();
    ReceiptSigner.SignedReceipt s = signer.sign(receipt);
    for (byte[] p7s : List.of(s.p7s(), s.sm2P7s())) {
      assertThat(ReceiptVerifier.cms(receipt, p7s, roots(), null).ok()).isTrue();
    }
    assertThat(ReceiptVerifier.cms(receipt, s.sm2P7s(), roots(), s.sm2CertSha256()).ok()).isTrue();
    assertThat(ReceiptVerifier.timestamp(s.tsr(), s.p7s(), List.of(keys.ecRoot().cert())).ok())
        .isTrue();
    SignerInformation sm2 = signerOf(s.sm2P7s());
    assertThat(sm2.getDigestAlgOID()).isEqualTo("1.2.156.10197.1.401");
    assertThat(sm2.getEncryptionAlgOID()).isEqualTo("1.2.156.10197.1.501");
    SignerInformation ec = signerOf(s.p7s());
    for (SignerInformation si : List.of(ec, sm2)) {
      assertThat(si.getSignedAttributes().get(CMSAttributes.contentType)).isNotNull();
      assertThat(si.getSignedAttributes().get(CMSAttributes.messageDigest)).isNotNull();
      assertThat(si.getSignedAttributes().get(CMSAttributes.signingTime)).isNotNull();
      assertThat(si.getSignedAttributes().get(CMSAttributes.cmsAlgorithmProtect)).isNotNull();
      assertThat(si.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2))
          .isNotNull();
    }
    assertThat(ec.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken))
        .isNotNull();
  }

  @Test
  void one_flipped_byte_of_the_receipt_or_of_a_signature_fails_openssl_and_the_verifier()
      throws Exception {
    byte[] receipt = receipt();
    ReceiptSigner.SignedReceipt s = signer.sign(receipt);
    files(receipt, s);
    byte[] tampered = receipt.clone();
    tampered[5] ^= 1;
    Files.write(work.resolve("tampered.json"), tampered);
    assertThat(OpenSsl.cmsVerify(work, "receipt.p7s", "tampered.json", "chain.pem").ok()).isFalse();
    assertThat(ReceiptVerifier.cms(tampered, s.p7s(), roots(), null).ok()).isFalse();
    assertThat(ReceiptVerifier.cms(tampered, s.sm2P7s(), roots(), null).ok()).isFalse();

    byte[] badSignature = flipSignatureByte(s.p7s());
    Files.write(work.resolve("bad.p7s"), badSignature);
    assertThat(OpenSsl.cmsVerify(work, "bad.p7s", "receipt.json", "chain.pem").ok()).isFalse();
    assertThat(ReceiptVerifier.cms(receipt, badSignature, roots(), null).ok()).isFalse();
    byte[] badSm2 = flipSignatureByte(s.sm2P7s());
    assertThat(ReceiptVerifier.cms(receipt, badSm2, roots(), null).ok()).isFalse();

    byte[] otherSignature = signerOf(s.p7s()).getSignature().clone();
    otherSignature[10] ^= 1;
    Files.write(work.resolve("other.bin"), otherSignature);
    assertThat(OpenSsl.tsVerify(work, "receipt.tsr", "other.bin", "chain.pem").ok()).isFalse();
  }

  @Test
  void rotation_issues_new_signing_certificates_and_old_receipts_still_verify() {
    byte[] receipt = receipt();
    ReceiptSigner.SignedReceipt before = signer.sign(receipt);
    SigningKeys.Generation next = keys.rotate();
    ReceiptSigner.SignedReceipt after = signer.sign(receipt);
    assertThat(after.generation()).isEqualTo(next.number()).isGreaterThan(before.generation());
    assertThat(after.ecCertSha256()).isNotEqualTo(before.ecCertSha256());
    assertThat(ReceiptVerifier.cms(receipt, before.p7s(), roots(), before.ecCertSha256()).ok())
        .isTrue();
    assertThat(ReceiptVerifier.cms(receipt, after.p7s(), roots(), after.ecCertSha256()).ok())
        .isTrue();
    assertThat(ReceiptVerifier.cms(receipt, after.p7s(), roots(), before.ecCertSha256()).ok())
        .isFalse();
    // reopening the directory finds every generation
    assertThat(SigningKeys.open(keysDir.resolve("signing")).current().number())
        .isEqualTo(next.number());
  }

  @Test
  void an_unreachable_external_tsa_without_fallback_fails_and_with_fallback_the_built_in_stamps() {
    Timestamper t =
        new Timestamper(
            new TimeStampAuthority(keys.tsa()),
            java.net.URI.create("http://127.0.0.1:9/tsa"),
            false,
            Duration.ofSeconds(1));
    ReceiptSigner s = new ReceiptSigner(keys, t);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.sign(receipt()))
        .isInstanceOf(Timestamper.TimestampUnavailableException.class);
    t.reconfigure(java.net.URI.create("http://127.0.0.1:9/tsa"), true);
    assertThat(s.sign(receipt()).tsa()).isEqualTo(Timestamper.BUILT_IN);
  }

  @Test
  void a_hierarchy_from_a_pkcs12_file_signs_and_rotates_into_the_key_directory(@TempDir Path dir)
      throws Exception {
    char[] password = "p12-password".toCharArray();
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12", Bc.provider());
    ks.load(null, null);
    SigningKeys.Generation g = keys.current();
    ks.setKeyEntry(
        "root-ec",
        keys.ecRoot().key(),
        password,
        new java.security.cert.Certificate[] {keys.ecRoot().cert()});
    ks.setKeyEntry(
        "root-sm2",
        keys.sm2Root().key(),
        password,
        new java.security.cert.Certificate[] {keys.sm2Root().cert()});
    ks.setKeyEntry(
        "tsa",
        keys.tsa().key(),
        password,
        new java.security.cert.Certificate[] {keys.tsa().cert(), keys.ecRoot().cert()});
    ks.setKeyEntry(
        "signer-ec",
        g.ec().key(),
        password,
        new java.security.cert.Certificate[] {g.ec().cert(), keys.ecRoot().cert()});
    ks.setKeyEntry(
        "signer-sm2",
        g.sm2().key(),
        password,
        new java.security.cert.Certificate[] {g.sm2().cert(), keys.sm2Root().cert()});
    Path p12 = dir.resolve("signing.p12");
    try (var out = Files.newOutputStream(p12)) {
      ks.store(out, password);
    }

    SigningKeys loaded = SigningKeys.pkcs12(p12, password, dir.resolve("rotated"));
    assertThat(loaded.current().number()).isEqualTo(1);
    ReceiptSigner s =
        new ReceiptSigner(
            loaded,
            new Timestamper(
                new TimeStampAuthority(loaded.tsa()), null, true, Duration.ofSeconds(2)));
    byte[] receipt = receipt();
    ReceiptSigner.SignedReceipt signed = s.sign(receipt);
    assertThat(signed.ecCertSha256()).isEqualTo(Certs.fingerprint(g.ec().cert()));
    assertThat(ReceiptVerifier.cms(receipt, signed.p7s(), roots(), null).ok()).isTrue();
    assertThat(ReceiptVerifier.cms(receipt, signed.sm2P7s(), roots(), null).ok()).isTrue();
    assertThat(loaded.rotate().number()).isEqualTo(2);
    assertThat(SigningKeys.pkcs12(p12, password, dir.resolve("rotated")).current().number())
        .isEqualTo(2);
  }

  private static List<java.security.cert.X509Certificate> roots() {
    return List.of(keys.ecRoot().cert(), keys.sm2Root().cert());
  }

  private static SignerInformation signerOf(byte[] p7s) {
    try {
      return new CMSSignedData(p7s).getSignerInfos().getSigners().iterator().next();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Flips one byte inside the signature value of the (single) signer. */
  static byte[] flipSignatureByte(byte[] p7s) {
    byte[] signature = signerOf(p7s).getSignature();
    byte[] out = p7s.clone();
    int at = indexOf(out, signature);
    out[at + signature.length / 2] ^= 1;
    return out;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("signature not found");
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
