package org.custodia.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Trust anchors the recipient obtained out of band ({@code --trust FILE.pem}, repeatable): X.509
 * certificates (receipt roots, TSA roots) and public keys (the audit checkpoint's Ed25519 key). A
 * certificate's Ed25519 key counts as a checkpoint key too. Without any, the package's own
 * certificates and key are used, and the report says so.
 */
final class Trust {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");
  static final long MAX_FILE = 1 << 20;

  private final List<String> files = new ArrayList<>();
  private final List<X509Certificate> certificates = new ArrayList<>();
  private final List<PublicKey> keys = new ArrayList<>();

  static Trust none() {
    return new Trust();
  }

  boolean given() {
    return !files.isEmpty();
  }

  List<String> files() {
    return List.copyOf(files);
  }

  List<X509Certificate> certificates() {
    return List.copyOf(certificates);
  }

  List<PublicKey> keys() {
    return List.copyOf(keys);
  }

  /** Adds every certificate and public key of a PEM file; IllegalArgumentException if none. */
  void add(Path file) throws IOException {
    if (Files.size(file) > MAX_FILE) {
      throw new IllegalArgumentException(file + " is larger than " + MAX_FILE + " bytes");
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    Matcher m = PEM.matcher(text);
    int found = 0;
    while (m.find()) {
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(m.group(2));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": a PEM block is not base64");
      }
      switch (m.group(1)) {
        case "CERTIFICATE" -> {
          X509Certificate cert = certificate(file, der);
          certificates.add(cert);
          if (cert.getPublicKey().getAlgorithm().matches("(?i)ed25519|EdDSA")) {
            keys.add(ed25519(file, cert.getPublicKey().getEncoded()));
          }
        }
        case "PUBLIC KEY" -> keys.add(publicKey(file, der));
        default -> {
          continue;
        }
      }
      found++;
    }
    if (found == 0) {
      throw new IllegalArgumentException(file + " holds no PEM certificate or public key");
    }
    files.add(file.toString());
  }

  private static X509Certificate certificate(Path file, byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509", new BouncyCastleProvider())
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + ": malformed certificate: " + e.getMessage());
    }
  }

  /** An Ed25519 key as the JDK reads it; any other public key through Bouncy Castle. */
  private static PublicKey publicKey(Path file, byte[] spki) {
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      for (String alg : List.of("EC", "RSA")) {
        try {
          return KeyFactory.getInstance(alg, new BouncyCastleProvider())
              .generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException ignored) {
          // try the next algorithm
        }
      }
      throw new IllegalArgumentException(file + ": a public key of no known algorithm");
    }
  }

  private static PublicKey ed25519(Path file, byte[] spki) {
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + ": unreadable Ed25519 key");
    }
  }
}
