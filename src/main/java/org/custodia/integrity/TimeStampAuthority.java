package org.custodia.integrity;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.custodia.keys.Signer;

/**
 * The built-in RFC 3161 time-stamping authority: SHA-256 imprints, ECDSA P-256 token signatures by
 * the TSA certificate (critical timeStamping EKU), accuracy 1 s, ordering false, nonces echoed.
 */
final class TimeStampAuthority {
  /** TSA policy: a UUID-based OID (ITU-T X.667), needing no registration. */
  static final ASN1ObjectIdentifier POLICY =
      new ASN1ObjectIdentifier("2.25.215863597837206640914106213549207305523");

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Certs.Entity tsa;
  private final Signer tsaSigner;
  private final JcaCertStore certs;
  private final AtomicLong serial = new AtomicLong();
  private final long serialPrefix = RANDOM.nextLong() & 0x7fffffffL;

  TimeStampAuthority(Certs.Entity tsa) {
    this.tsa = tsa;
    this.tsaSigner = SigningKeys.signer(Signer.Algorithm.ECDSA_P256_SHA256, tsa);
    try {
      this.certs = new JcaCertStore(List.of(tsa.cert()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Answers a time-stamp request with a granted response (or a rejection for bad requests). */
  TimeStampResponse respond(TimeStampRequest request) {
    try {
      SignerInfoGenerator signer =
          new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
              .build(new SignerContentSigner(tsaSigner), tsa.cert());
      DigestCalculator sha256 =
          new JcaDigestCalculatorProviderBuilder()
              .build()
              .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
      TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(signer, sha256, POLICY);
      tokens.setAccuracySeconds(1);
      tokens.setOrdering(false);
      tokens.addCertificates(certs);
      TimeStampResponseGenerator responses =
          new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
      BigInteger number =
          BigInteger.valueOf(serialPrefix)
              .shiftLeft(64)
              .or(BigInteger.valueOf(System.currentTimeMillis()).shiftLeft(20))
              .add(BigInteger.valueOf(serial.incrementAndGet() & 0xfffff));
      return responses.generate(request, number, new Date());
    } catch (Exception e) {
      throw new IllegalStateException("built-in TSA failed: " + e.getMessage(), e);
    }
  }
}
