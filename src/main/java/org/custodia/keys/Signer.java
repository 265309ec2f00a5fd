package org.custodia.keys;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The port receipt (CMS) and checkpoint signing go through: whatever holds the private key signs
 * bytes and names its certificate chain and algorithm. {@link SoftwareSigner} holds the key in
 * memory (from {@code <data-dir>/keys/} or the PKCS#12 key store); a hardware module (PKCS#11, an
 * SM2 cryptographic module for 密评) is one more implementation — see docs/security.md, "Key store".
 */
public interface Signer {
  /** The signature algorithms in use and their JCA names. */
  enum Algorithm {
    /** Receipts (CMS), the TSA: ECDSA on P-256 with SHA-256, DER-encoded signature. */
    ECDSA_P256_SHA256("SHA256withECDSA"),
    /** Receipts (CMS): SM2 with SM3 and the default distinguishing ID, DER-encoded signature. */
    SM2_SM3("SM3withSM2"),
    /** Audit checkpoints (C2SP signed note): Ed25519, 64 raw bytes. */
    ED25519("Ed25519");

    public final String jcaName;

    Algorithm(String jcaName) {
      this.jcaName = jcaName;
    }
  }

  Algorithm algorithm();

  /** Signs {@code data} (the signer hashes it as the algorithm says) and returns the signature. */
  byte[] sign(byte[] data);

  PublicKey publicKey();

  /** The signer's certificate first, then its issuers; empty for a bare key (a key file). */
  List<X509Certificate> chain();
}
