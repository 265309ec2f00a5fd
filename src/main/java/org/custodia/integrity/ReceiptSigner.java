package org.custodia.integrity;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.custodia.keys.Signer;

/**
 * Signs receipts: two detached CMS SignedData over the receipt bytes, ECDSA P-256/SHA-256 and
 * SM2/SM3, each with the signed attributes contentType, messageDigest, signingTime,
 * signingCertificateV2 and cmsAlgorithmProtect; then an RFC 3161 token over the ECDSA signature
 * value, embedded in the ECDSA SignedData as id-aa-signatureTimeStampToken (CAdES-T) and kept on
 * its own. Thread-safe; needs no container.
 */
final class ReceiptSigner {
  private final SigningKeys keys;
  private final Timestamper timestamper;

  ReceiptSigner(SigningKeys keys, Timestamper timestamper) {
    this.keys = keys;
    this.timestamper = timestamper;
  }

  /** The signed forms of one receipt and what produced them. */
  record SignedReceipt(
      byte[] p7s,
      byte[] sm2P7s,
      byte[] tsr,
      String tsa,
      int generation,
      byte[] ecCertSha256,
      byte[] sm2CertSha256) {}

  SignedReceipt sign(byte[] receipt) {
    SigningKeys.Generation g = keys.current();
    try {
      CMSSignedData ec = signCms(receipt, g.ecSigner(), keys.ecRoot().cert());
      CMSSignedData sm2 = signCms(receipt, g.sm2Signer(), keys.sm2Root().cert());
      SignerInformation signer = ec.getSignerInfos().getSigners().iterator().next();
      Timestamper.Stamp stamp = timestamper.stamp(signer.getSignature());
      Attribute tst =
          new Attribute(
              PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
              new DERSet(ContentInfo.getInstance(stamp.token())));
      SignerInformation stamped =
          SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(new DERSet(tst)));
      CMSSignedData cadesT = CMSSignedData.replaceSigners(ec, new SignerInformationStore(stamped));
      return new SignedReceipt(
          cadesT.getEncoded("DER"),
          sm2.getEncoded("DER"),
          stamp.token(),
          stamp.authority(),
          g.number(),
          Certs.fingerprint(g.ec().cert()),
          Certs.fingerprint(g.sm2().cert()));
    } catch (Timestamper.TimestampUnavailableException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("signing failed: " + e.getMessage(), e);
    }
  }

  private static CMSSignedData signCms(byte[] content, Signer signer, X509Certificate root)
      throws Exception {
    X509Certificate cert = signer.chain().get(0);
    boolean sm2 = signer.algorithm() == Signer.Algorithm.SM2_SM3;
    IssuerSerial issuerSerial =
        new IssuerSerial(
            new GeneralNames(
                new GeneralName(X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()))),
            cert.getSerialNumber());
    ESSCertIDv2 certId =
        sm2
            ? new ESSCertIDv2(
                new AlgorithmIdentifier(GMObjectIdentifiers.sm3),
                sm3(cert.getEncoded()),
                issuerSerial)
            : new ESSCertIDv2(
                MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()), issuerSerial);
    ASN1EncodableVector attributes = new ASN1EncodableVector();
    attributes.add(
        new Attribute(
            PKCSObjectIdentifiers.id_aa_signingCertificateV2,
            new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {certId}))));
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(Bc.provider()).build())
            .setSignedAttributeGenerator(
                new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
            .build(new SignerContentSigner(signer), cert));
    generator.addCertificates(new JcaCertStore(List.of(cert, root)));
    return generator.generate(new CMSProcessableByteArray(content), false);
  }

  static byte[] sm3(byte[] data) {
    SM3Digest d = new SM3Digest();
    d.update(data, 0, data.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }
}
