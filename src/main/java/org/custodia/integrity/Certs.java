package org.custodia.integrity;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the certificates of the signing hierarchy. Two roots, because mixing algorithms in one
 * chain is awkward for verifiers: an ECDSA P-256 root (SHA256withECDSA) issues the ECDSA signing
 * certificates and the TSA certificate; an SM2 root (SM3withSM2) issues the SM2 signing
 * certificates.
 */
final class Certs {
  static final String EC_SIGNATURE = "SHA256withECDSA";
  static final String SM2_SIGNATURE = "SM3withSM2";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Certs() {}

  /** Which curve and certificate signature a key belongs to. */
  enum Algorithm {
    EC("secp256r1", EC_SIGNATURE),
    SM2("sm2p256v1", SM2_SIGNATURE);

    final String curve;
    final String signature;

    Algorithm(String curve, String signature) {
      this.curve = curve;
      this.signature = signature;
    }
  }

  /** A private key with its certificate. */
  record Entity(PrivateKey key, X509Certificate cert) {}

  static KeyPair keyPair(Algorithm algorithm) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Bc.provider());
      g.initialize(new ECGenParameterSpec(algorithm.curve), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate " + algorithm + " key", e);
    }
  }

  static Entity root(Algorithm algorithm, String commonName) {
    KeyPair pair = keyPair(algorithm);
    X500Name name = new X500Name("CN=" + commonName + ",O=Custodia");
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = builder(name, name, pair, Duration.ofDays(365L * 20));
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      return new Entity(pair.getPrivate(), sign(b, algorithm, pair.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException("cannot issue root certificate", e);
    }
  }

  /** A signing certificate: digitalSignature and nonRepudiation, not a CA. */
  static Entity signer(Algorithm algorithm, Entity issuer, String commonName) {
    return leaf(algorithm, issuer, commonName, false, Duration.ofDays(365L * 5));
  }

  /** A TSA certificate: digitalSignature, with the critical timeStamping extended key usage. */
  static Entity tsa(Entity issuer, String commonName) {
    return leaf(Algorithm.EC, issuer, commonName, true, Duration.ofDays(365L * 10));
  }

  private static Entity leaf(
      Algorithm algorithm, Entity issuer, String commonName, boolean tsa, Duration validity) {
    KeyPair pair = keyPair(algorithm);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          builder(
              X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded()),
              new X500Name("CN=" + commonName + ",O=Custodia"),
              pair,
              validity);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(
              tsa
                  ? KeyUsage.digitalSignature
                  : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
      if (tsa) {
        b.addExtension(
            Extension.extendedKeyUsage,
            true,
            new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
      }
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          ext.createAuthorityKeyIdentifier(issuer.cert().getPublicKey()));
      Algorithm issuerAlgorithm =
          issuer.cert().getSigAlgOID().startsWith("1.2.156") ? Algorithm.SM2 : Algorithm.EC;
      return new Entity(pair.getPrivate(), sign(b, issuerAlgorithm, issuer.key()));
    } catch (Exception e) {
      throw new IllegalStateException("cannot issue certificate", e);
    }
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair pair, Duration validity) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(127, RANDOM).add(BigInteger.ONE),
        Date.from(now.minus(Duration.ofMinutes(5))),
        Date.from(now.plus(validity)),
        subject,
        pair.getPublic());
  }

  private static X509Certificate sign(
      X509v3CertificateBuilder b, Algorithm algorithm, PrivateKey key) throws Exception {
    return new JcaX509CertificateConverter()
        .setProvider(Bc.provider())
        .getCertificate(
            b.build(
                new JcaContentSignerBuilder(algorithm.signature)
                    .setProvider(Bc.provider())
                    .build(key)));
  }

  /**
   * The same P-256 key as a JDK (SunEC) key: its ECDSA is several times faster than Bouncy
   * Castle's. SM2 keys stay Bouncy Castle keys.
   */
  static PrivateKey preferJdk(PrivateKey key) {
    if (key == null) {
      return null;
    }
    try {
      org.bouncycastle.asn1.pkcs.PrivateKeyInfo info =
          org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(key.getEncoded());
      if (!org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1.equals(
          info.getPrivateKeyAlgorithm().getParameters())) {
        return key;
      }
      return java.security.KeyFactory.getInstance("EC")
          .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded()));
    } catch (GeneralSecurityException | RuntimeException e) {
      return key;
    }
  }

  static X509Certificate parse(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509", Bc.provider())
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a certificate", e);
    }
  }

  static byte[] fingerprint(X509Certificate cert) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String fingerprintHex(X509Certificate cert) {
    return HexFormat.of().formatHex(fingerprint(cert));
  }

  /** Whether {@code cert} carries a signature by {@code issuer}'s key. */
  static boolean issuedBy(X509Certificate cert, X509Certificate issuer) {
    try {
      cert.verify(issuer.getPublicKey(), Bc.provider());
      return cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
