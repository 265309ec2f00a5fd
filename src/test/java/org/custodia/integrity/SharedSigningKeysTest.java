package org.custodia.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cms.CMSSignedData;
import org.custodia.audit.CanonicalJson;
import org.custodia.error.CustodiaException;
import org.custodia.testing.KeyStores;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Receipt signing from the shared key store: every instance signs with the same hierarchy. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SharedSigningKeysTest {
  @TempDir Path dir;

  private static ReceiptSigner signer(SigningKeys keys) {
    return new ReceiptSigner(
        keys,
        new Timestamper(new TimeStampAuthority(keys.tsa()), null, true, Duration.ofSeconds(2)));
  }

  @Test
  void instances_loading_one_store_sign_receipts_openssl_verifies_with_every_generation_kept()
      throws Exception {
    Path data = dir.resolve("data");
    SigningKeys files = SigningKeys.open(data.resolve("keys").resolve("signing"));
    files.rotate(); // generations 1 and 2 on disk
    Path store = KeyStores.exported(data, dir.resolve("keys.p12"));
    SigningKeys a = SigningKeys.store(KeyStores.instance(dir.resolve("a"), store).store().get());
    SigningKeys b = SigningKeys.store(KeyStores.instance(dir.resolve("b"), store).store().get());

    assertThat(a.generations()).extracting(SigningKeys.Generation::number).containsExactly(1, 2);
    for (SigningKeys k : List.of(a, b)) {
      assertThat(k.current().number()).isEqualTo(2);
      assertThat(k.current().ec().cert()).isEqualTo(files.current().ec().cert());
      assertThat(k.current().sm2().cert()).isEqualTo(files.current().sm2().cert());
      assertThat(k.ecRoot().cert()).isEqualTo(files.ecRoot().cert());
    }
    byte[] receipt = CanonicalJson.bytes(Map.of("id", "shared", "size", 1));
    List<java.security.cert.X509Certificate> roots =
        List.of(files.ecRoot().cert(), files.sm2Root().cert());
    for (SigningKeys k : List.of(a, b)) {
      ReceiptSigner.SignedReceipt s = signer(k).sign(receipt);
      assertThat(s.generation()).isEqualTo(2);
      assertThat(ReceiptVerifier.cms(receipt, s.p7s(), roots, null).ok()).isTrue();
      assertThat(ReceiptVerifier.cms(receipt, s.sm2P7s(), roots, s.sm2CertSha256()).ok()).isTrue();
      Files.write(dir.resolve("receipt.json"), receipt);
      Files.write(dir.resolve("receipt.p7s"), s.p7s());
      Files.write(
          dir.resolve("signature.bin"),
          new CMSSignedData(s.p7s())
              .getSignerInfos()
              .getSigners()
              .iterator()
              .next()
              .getSignature());
      Files.write(dir.resolve("receipt.tsr"), s.tsr());
      OpenSsl.writePem(dir.resolve("chain.pem"), List.of(files.ecRoot().cert()));
      OpenSsl.Run cms = OpenSsl.cmsVerify(dir, "receipt.p7s", "receipt.json", "chain.pem");
      assertThat(cms.ok()).as(cms.output()).isTrue();
      OpenSsl.Run ts = OpenSsl.tsVerify(dir, "receipt.tsr", "signature.bin", "chain.pem");
      assertThat(ts.ok()).as(ts.output()).isTrue();
    }
  }

  @Test
  void rotation_on_one_instance_is_refused_when_the_keys_come_from_the_store() throws Exception {
    Path store = KeyStores.exported(dir.resolve("data"), dir.resolve("keys.p12"));
    SigningKeys a = SigningKeys.store(KeyStores.instance(dir.resolve("a"), store).store().get());
    assertThatThrownBy(a::rotate)
        .isInstanceOf(CustodiaException.class)
        .hasMessageContaining("signer-<n>-ec");
    assertThat(a.current().number()).isEqualTo(1);
    assertThat(dir.resolve("a")).doesNotExist();
  }
}
