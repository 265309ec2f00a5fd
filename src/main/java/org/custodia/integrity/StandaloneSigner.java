package org.custodia.integrity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The receipt signer without the service around it: keys from a directory (generated when absent),
 * the built-in TSA. For benchmarks and offline tools.
 */
public final class StandaloneSigner {
  private final SigningKeys keys;
  private final ReceiptSigner signer;

  private StandaloneSigner(SigningKeys keys) {
    this.keys = keys;
    this.signer =
        new ReceiptSigner(
            keys,
            new Timestamper(new TimeStampAuthority(keys.tsa()), null, true, Duration.ofSeconds(5)));
  }

  /** Opens (or generates) the key hierarchy in {@code dir}. */
  public static StandaloneSigner open(Path dir) {
    return new StandaloneSigner(SigningKeys.open(dir));
  }

  /** The DER outputs of one receipt. */
  public record Signed(byte[] p7s, byte[] sm2P7s, byte[] tsr) {}

  /** Signs twice (ECDSA, SM2) and timestamps the ECDSA signature value. Thread-safe. */
  public Signed sign(byte[] receipt) {
    ReceiptSigner.SignedReceipt s = signer.sign(receipt);
    return new Signed(s.p7s(), s.sm2P7s(), s.tsr());
  }

  /** The trust anchors: the ECDSA root (which also issues the TSA) and the SM2 root. */
  public List<java.security.cert.X509Certificate> roots() {
    return List.of(keys.ecRoot().cert(), keys.sm2Root().cert());
  }

  /** Whether both signatures and the timestamp verify. */
  public boolean verify(byte[] receipt, Signed s) {
    List<java.security.cert.X509Certificate> roots =
        List.of(keys.ecRoot().cert(), keys.sm2Root().cert());
    return ReceiptVerifier.cms(receipt, s.p7s(), roots, null).ok()
        && ReceiptVerifier.cms(receipt, s.sm2P7s(), roots, null).ok()
        && ReceiptVerifier.timestamp(s.tsr(), s.p7s(), List.of(keys.ecRoot().cert())).ok();
  }
}
