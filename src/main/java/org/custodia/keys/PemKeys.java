package org.custodia.keys;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** A PEM file of one private key and its certificates (the signing keys' file format). */
public record PemKeys(PrivateKey key, List<X509Certificate> certificates) {
  private static final Provider BC = new BouncyCastleProvider();

  /** Reads {@code file}; refuses a file without a private key or without a certificate. */
  public static PemKeys read(Path file) {
    try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file)))) {
      PrivateKey key = null;
      List<X509Certificate> certs = new ArrayList<>();
      JcaPEMKeyConverter keys = new JcaPEMKeyConverter().setProvider(BC);
      Object o;
      while ((o = parser.readObject()) != null) {
        if (o instanceof PrivateKeyInfo info) {
          key = keys.getPrivateKey(info);
        } else if (o instanceof PEMKeyPair pair) {
          key = keys.getPrivateKey(pair.getPrivateKeyInfo());
        } else if (o instanceof X509CertificateHolder holder) {
          certs.add(new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder));
        }
      }
      if (key == null || certs.isEmpty()) {
        throw new IllegalStateException(file + " lacks a private key or a certificate");
      }
      return new PemKeys(key, List.copyOf(certs));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read key file " + file, e);
    } catch (CertificateException e) {
      throw new IllegalStateException("bad certificate in " + file, e);
    }
  }
}
