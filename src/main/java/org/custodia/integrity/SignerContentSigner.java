package org.custodia.integrity;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.custodia.keys.Signer;

/**
 * Bouncy Castle's CMS and TSP generators signing through a {@link Signer}: the bytes to sign (the
 * DER of the signed attributes, a few hundred bytes) are collected and handed to the signer once.
 * One instance per signature.
 */
final class SignerContentSigner implements ContentSigner {
  private final Signer signer;
  private final AlgorithmIdentifier algorithm;
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();

  SignerContentSigner(Signer signer) {
    this.signer = signer;
    this.algorithm =
        new DefaultSignatureAlgorithmIdentifierFinder().find(signer.algorithm().jcaName);
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return algorithm;
  }

  @Override
  public OutputStream getOutputStream() {
    return data;
  }

  @Override
  public byte[] getSignature() {
    return signer.sign(data.toByteArray());
  }
}
