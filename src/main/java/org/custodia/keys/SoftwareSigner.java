package org.custodia.keys;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A {@link Signer} over a private key in memory. SM2 signs through Bouncy Castle; ECDSA and Ed25519
 * through the JDK's providers. Thread-safe.
 */
public record SoftwareSigner(
    Algorithm algorithm, PrivateKey key, PublicKey publicKey, List<X509Certificate> chain)
    implements Signer {
  private static final Provider BC = new BouncyCastleProvider();

  public SoftwareSigner {
    chain = List.copyOf(chain);
  }

  /** A signer over a key and its certificate chain (the public key is the first certificate's). */
  public static SoftwareSigner of(
      Algorithm algorithm, PrivateKey key, List<X509Certificate> chain) {
    return new SoftwareSigner(algorithm, key, chain.get(0).getPublicKey(), chain);
  }

  @Override
  public byte[] sign(byte[] data) {
    try {
      Signature s =
          algorithm == Algorithm.SM2_SM3
              ? Signature.getInstance(algorithm.jcaName, BC)
              : Signature.getInstance(algorithm.jcaName);
      s.initSign(key);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with " + algorithm, e);
    }
  }
}
