package org.custodia.integrity;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Collection;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Checks a receipt's signatures and timestamp against trusted roots. Each check answers pass or
 * fail with a reason a person can read; nothing here throws on bad input. Free of the service (JDK
 * and Bouncy Castle only): the offline verifier ({@code org.custodia.verify}) uses it too.
 */
public final class ReceiptVerifier {
  private ReceiptVerifier() {}

  /** The outcome of one check. */
  public record Outcome(boolean ok, String detail) {
    static Outcome pass(String detail) {
      return new Outcome(true, detail);
    }

    static Outcome fail(String detail) {
      return new Outcome(false, detail);
    }
  }

  /**
   * Verifies a detached CMS SignedData over {@code content}: one signer, whose certificate (carried
   * in the SignedData) is {@code expectedSigner} when given and was issued by one of {@code roots};
   * signed attributes as required; the signature and message digest valid.
   */
  public static Outcome cms(
      byte[] content, byte[] p7s, Collection<X509Certificate> roots, byte[] expectedSigner) {
    try {
      CMSSignedData sd = new CMSSignedData(new CMSProcessableByteArray(content), p7s);
      if (sd.getSignerInfos().size() != 1) {
        return Outcome.fail("expected one signer, found " + sd.getSignerInfos().size());
      }
      SignerInformation si = sd.getSignerInfos().getSigners().iterator().next();
      Collection<X509CertificateHolder> holders = sd.getCertificates().getMatches(si.getSID());
      if (holders.isEmpty()) {
        return Outcome.fail("the signer's certificate is not in the SignedData");
      }
      X509Certificate cert = Certs.parse(holders.iterator().next().getEncoded());
      if (expectedSigner != null
          && !MessageDigest.isEqual(Certs.fingerprint(cert), expectedSigner)) {
        return Outcome.fail("signed by a certificate other than the one recorded for the receipt");
      }
      if (roots.stream().noneMatch(root -> Certs.issuedBy(cert, root))) {
        return Outcome.fail("the signer's certificate was not issued by a Custodia root");
      }
      AttributeTable signed = si.getSignedAttributes();
      if (signed == null
          || signed.get(CMSAttributes.signingTime) == null
          || signed.get(CMSAttributes.cmsAlgorithmProtect) == null
          || signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2) == null) {
        return Outcome.fail("required signed attributes are missing");
      }
      if (!si.verify(
          new JcaSimpleSignerInfoVerifierBuilder().setProvider(Bc.provider()).build(cert))) {
        return Outcome.fail("the signature does not verify");
      }
      return Outcome.pass(
          "signed by "
              + cert.getSubjectX500Principal().getName()
              + " (sha256 "
              + Certs.fingerprintHex(cert)
              + ")");
    } catch (Exception e) {
      return Outcome.fail("the signature does not verify: " + reason(e));
    }
  }

  /**
   * Verifies a timestamp token: signed by a TSA certificate issued by one of {@code tsaRoots} with
   * the timeStamping EKU, over SHA-256 of the ECDSA signature value in {@code p7s}, and the same
   * token as the one embedded there.
   */
  public static Outcome timestamp(byte[] tsr, byte[] p7s, Collection<X509Certificate> tsaRoots) {
    try {
      TimeStampToken token = new TimeStampToken(new CMSSignedData(tsr));
      Collection<X509CertificateHolder> holders =
          token.getCertificates().getMatches(token.getSID());
      if (holders.isEmpty()) {
        return Outcome.fail("the token does not carry the TSA certificate");
      }
      X509CertificateHolder tsaHolder = holders.iterator().next();
      X509Certificate tsaCert = Certs.parse(tsaHolder.getEncoded());
      // checks the signature, ESS certificate id and the critical timeStamping EKU
      token.validate(
          new JcaSimpleSignerInfoVerifierBuilder().setProvider(Bc.provider()).build(tsaHolder));
      if (tsaRoots.stream().noneMatch(root -> Certs.issuedBy(tsaCert, root))) {
        return Outcome.fail("the TSA certificate was not issued by a trusted CA");
      }
      CMSSignedData sd = new CMSSignedData(p7s);
      SignerInformation si = sd.getSignerInfos().getSigners().iterator().next();
      byte[] imprint = MessageDigest.getInstance("SHA-256").digest(si.getSignature());
      if (!MessageDigest.isEqual(imprint, token.getTimeStampInfo().getMessageImprintDigest())) {
        return Outcome.fail("the token's imprint is not the hash of the ECDSA signature value");
      }
      AttributeTable unsigned = si.getUnsignedAttributes();
      Attribute embedded =
          unsigned == null
              ? null
              : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
      if (embedded == null) {
        return Outcome.fail("receipt.p7s carries no signature timestamp");
      }
      ASN1Encodable value = embedded.getAttrValues().getObjectAt(0);
      if (!MessageDigest.isEqual(value.toASN1Primitive().getEncoded("DER"), tsr)) {
        return Outcome.fail("the token embedded in receipt.p7s differs from receipt.tsr");
      }
      return Outcome.pass(
          "stamped "
              + token.getTimeStampInfo().getGenTime().toInstant()
              + " by "
              + tsaCert.getSubjectX500Principal().getName());
    } catch (Exception e) {
      return Outcome.fail("the timestamp does not verify: " + reason(e));
    }
  }

  private static String reason(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
