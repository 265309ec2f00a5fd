package org.custodia.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.custodia.integrity.ReceiptVerifier;

/**
 * The checks that apply when bag-info.txt says the bag is a Custodia export ({@code
 * Custodia-Export-Id}): for each {@code data/receipts/<evidenceId>/}, both CMS signatures (ECDSA
 * P-256 and SM2/SM3) and the RFC 3161 token over the ECDSA signature value, against the
 * certificates in {@code data/certs/}; and that receipt.json's sha256, sm3 and size are the
 * original's ({@code data/originals/<evidenceId>.<ext>}). The receipt checks are the service's own
 * ({@link ReceiptVerifier}). Then the audit section ({@link AuditChecks}) and dossier.json ({@link
 * DossierChecks}). With {@link Trust} anchors the certificates and checkpoint key obtained out of
 * band are the anchors instead of the package's own, and the report says which were used.
 */
final class CustodiaChecks implements BagVerifier.Extension {
  static final String EXPORT_ID = "Custodia-Export-Id";
  static final long MAX_RECEIPT_FILE = 1 << 20;
  static final List<String> RECEIPT_FILES =
      List.of("receipt.json", "receipt.p7s", "receipt.sm2.p7s", "receipt.tsr");

  private final Trust trust;

  CustodiaChecks() {
    this(Trust.none());
  }

  CustodiaChecks(Trust trust) {
    this.trust = trust;
  }

  @Override
  public void check(BagVerifier verifier, BagVerifier.Bag bag, Report report) throws IOException {
    if (!bag.info().containsKey(EXPORT_ID)) {
      return;
    }
    report.pass("bag-info.txt", "Custodia export", bag.info().get(EXPORT_ID));
    List<X509Certificate> packaged = certificates(bag, report);
    List<X509Certificate> certs;
    if (trust.given()) {
      report.trust("out-of-band");
      report.note(
          "receipts and audit checkpoints were checked against the --trust anchors: "
              + String.join(", ", trust.files()));
      certs = anchored(trust.certificates(), packaged);
      if (trust.certificates().isEmpty()) {
        report.fail("data/certs/", "trusted certificates", "no --trust file holds a certificate");
      }
    } else {
      report.trust("package");
      report.note(
          "no --trust given: receipts and audit checkpoints were checked against the package's own"
              + " certificates and key (data/certs/), which proves integrity, not origin; pass"
              + " --trust FILE.pem with the certificates and key obtained out of band");
      certs = packaged;
    }
    TreeSet<String> receipts = new TreeSet<>();
    for (String name : bag.files().keySet()) {
      String[] parts = name.split("/");
      if (parts.length == 4 && parts[0].equals("data") && parts[1].equals("receipts")) {
        receipts.add(parts[2]);
      }
    }
    if (receipts.isEmpty()) {
      report.fail("data/receipts/", "receipts", "a Custodia export without receipts");
    }
    for (String id : receipts) {
      receipt(bag, id, certs, report);
    }
    AuditChecks.check(bag, trust, report);
    DossierChecks.check(bag, report);
  }

  /**
   * The trusted certificates and every packaged certificate whose chain of issuers ends in one of
   * them (a receipt's signer must be issued by one of these).
   */
  static List<X509Certificate> anchored(
      List<X509Certificate> trusted, List<X509Certificate> packaged) {
    List<X509Certificate> out = new ArrayList<>(trusted);
    boolean grew = true;
    for (int depth = 0; grew && depth < 8; depth++) {
      grew = false;
      for (X509Certificate c : packaged) {
        if (!out.contains(c) && out.stream().anyMatch(issuer -> issuedBy(c, issuer))) {
          out.add(c);
          grew = true;
        }
      }
    }
    return out;
  }

  private static boolean issuedBy(X509Certificate cert, X509Certificate issuer) {
    try {
      cert.verify(issuer.getPublicKey(), new BouncyCastleProvider());
      return cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  private static List<X509Certificate> certificates(BagVerifier.Bag bag, Report report)
      throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    CertificateFactory factory;
    try {
      // Bouncy Castle's: the JDK's cannot read SM2 keys
      factory = CertificateFactory.getInstance("X.509", new BouncyCastleProvider());
    } catch (java.security.cert.CertificateException e) {
      throw new IllegalStateException(e);
    }
    for (String name : bag.files().keySet()) {
      if (!name.startsWith("data/certs/")) {
        continue;
      }
      byte[] bytes = read(bag, name);
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      boolean pem = text.contains("-----BEGIN ");
      if (pem && !text.contains("-----BEGIN CERTIFICATE-----")) {
        continue; // a public key or other PEM, not a certificate
      }
      try {
        for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(bytes))) {
          out.add((X509Certificate) c);
        }
      } catch (java.security.cert.CertificateException e) {
        report.fail(name, "certificate", "malformed certificate: " + e.getMessage());
      }
    }
    if (out.isEmpty()) {
      report.fail("data/certs/", "certificates", "no certificate to check the receipts against");
    } else {
      report.pass("data/certs/", "certificates", out.size() + " certificates");
    }
    return out;
  }

  private static void receipt(
      BagVerifier.Bag bag, String id, List<X509Certificate> certs, Report report)
      throws IOException {
    String dir = "data/receipts/" + id + "/";
    Map<String, byte[]> f = new java.util.HashMap<>();
    for (String file : RECEIPT_FILES) {
      if (!bag.files().containsKey(dir + file)) {
        report.fail(dir + file, "present", "a receipt file is missing");
        return;
      }
      f.put(file, read(bag, dir + file));
    }
    boolean der = true;
    for (String file : List.of("receipt.p7s", "receipt.sm2.p7s", "receipt.tsr")) {
      String problem = derProblem(f.get(file));
      if (problem != null) {
        report.fail(dir + file, "DER", "malformed DER: " + problem);
        der = false;
      }
    }
    if (der) {
      outcome(
          report,
          dir + "receipt.p7s",
          "ECDSA signature",
          ReceiptVerifier.cms(f.get("receipt.json"), f.get("receipt.p7s"), certs, null));
      outcome(
          report,
          dir + "receipt.sm2.p7s",
          "SM2 signature",
          ReceiptVerifier.cms(f.get("receipt.json"), f.get("receipt.sm2.p7s"), certs, null));
      outcome(
          report,
          dir + "receipt.tsr",
          "RFC 3161 timestamp",
          ReceiptVerifier.timestamp(f.get("receipt.tsr"), f.get("receipt.p7s"), certs));
    }
    Map<String, String> facts;
    try {
      facts = Json.flatObject(new String(f.get("receipt.json"), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      report.fail(dir + "receipt.json", "JSON", "not a receipt: " + e.getMessage());
      return;
    }
    if (!id.equals(facts.get("id"))) {
      report.fail(dir + "receipt.json", "id", "says " + facts.get("id") + ", its directory " + id);
    }
    List<String> originals =
        bag.files().keySet().stream()
            .filter(
                n -> n.startsWith("data/originals/" + id + ".") || n.equals("data/originals/" + id))
            .toList();
    if (originals.size() != 1) {
      report.fail(
          "data/originals/" + id,
          "original",
          originals.isEmpty()
              ? "the receipt's original is missing"
              : "more than one original for " + id);
      return;
    }
    String original = originals.get(0);
    Map<Algorithm, String> d = new EnumMap<>(Algorithm.class);
    d.putAll(bag.digests().getOrDefault(original, Map.of()));
    long size = bag.sizes().getOrDefault(original, -1L);
    if (!d.containsKey(Algorithm.SHA256) || !d.containsKey(Algorithm.SM3)) {
      size =
          BagVerifier.digest(
              bag.source(), bag.files().get(original), List.of(Algorithm.SHA256, Algorithm.SM3), d);
    }
    List<String> wrong = new ArrayList<>();
    if (!d.get(Algorithm.SHA256).equals(facts.get("sha256"))) {
      wrong.add(
          "sha256 (receipt " + facts.get("sha256") + ", file " + d.get(Algorithm.SHA256) + ")");
    }
    if (!d.get(Algorithm.SM3).equals(facts.get("sm3"))) {
      wrong.add("sm3 (receipt " + facts.get("sm3") + ", file " + d.get(Algorithm.SM3) + ")");
    }
    if (!Long.toString(size).equals(facts.get("size"))) {
      wrong.add("size (receipt " + facts.get("size") + ", file " + size + ")");
    }
    if (wrong.isEmpty()) {
      report.pass(original, "receipt hashes", "sha256, sm3 and size equal " + dir + "receipt.json");
    } else {
      report.fail(
          original,
          "receipt hashes",
          "differs from " + dir + "receipt.json: " + String.join(", ", wrong));
    }
  }

  private static void outcome(Report report, String file, String check, ReceiptVerifier.Outcome o) {
    if (o.ok()) {
      report.pass(file, check, o.detail());
    } else {
      report.fail(file, check, o.detail());
    }
  }

  /** Null when {@code der} is exactly one well-formed DER object, else what is wrong. */
  static String derProblem(byte[] der) {
    try (ASN1InputStream in = new ASN1InputStream(der, true)) {
      ASN1Primitive first = in.readObject();
      if (first == null) {
        return "empty";
      }
      if (in.readObject() != null) {
        return "more than one object";
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }

  private static byte[] read(BagVerifier.Bag bag, String name) throws IOException {
    try (InputStream in = bag.source().open(bag.files().get(name))) {
      return TagFiles.readBounded(in, name, MAX_RECEIPT_FILE);
    }
  }
}
