package org.custodia.integrity;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.custodia.config.CustodiaConfig;
import org.custodia.keys.ServiceKeys;
import org.custodia.support.Jdbc;
import org.jboss.logging.Logger;

/**
 * The signing hierarchy of this instance, its signer and timestamper, and the certificate registry
 * in PostgreSQL ({@code signing_certificate}) that keeps every certificate ever used.
 */
@ApplicationScoped
public class Signing {
  private static final Logger LOG = Logger.getLogger(Signing.class);

  private final SigningConfig config;
  private final CustodiaConfig custodia;
  private final AgroalDataSource db;
  private final ServiceKeys serviceKeys;
  private volatile SigningKeys keys;
  private volatile ReceiptSigner signer;
  private volatile Timestamper timestamper;
  private volatile List<X509Certificate> tsaTrust = List.of();

  Signing(
      SigningConfig config, CustodiaConfig custodia, AgroalDataSource db, ServiceKeys serviceKeys) {
    this.config = config;
    this.serviceKeys = serviceKeys;
    this.custodia = custodia;
    this.db = db;
  }

  void onStart(@Observes StartupEvent event) {
    try {
      keys();
    } catch (RuntimeException e) {
      if (keys == null) {
        throw e;
      }
      // the keys are there; registering their certificates is retried by every retry-job run
      LOG.warnf("signing certificates not registered yet: %s", e.getMessage());
    }
    LOG.infof(
        "receipt signing: generation %d, TSA %s",
        keys.current().number(), config.tsaUrl().orElse(Timestamper.BUILT_IN));
  }

  /**
   * What the status page shows (the facts the startup log states): the current signing generation,
   * the TSA stamping receipts ({@link Timestamper#BUILT_IN} when none is configured) and whether
   * the built-in TSA stands in when the external one fails. Read-only.
   */
  public record Status(int generation, String tsa, boolean external, boolean fallback) {}

  public Status status() {
    return new Status(
        keys().current().number(),
        config.tsaUrl().orElse(Timestamper.BUILT_IN),
        config.tsaUrl().isPresent(),
        config.tsaFallback());
  }

  SigningKeys keys() {
    SigningKeys k = keys;
    if (k == null) {
      synchronized (this) {
        if (keys == null) {
          Path dir = Path.of(custodia.dataDir()).resolve("keys").resolve("signing");
          SigningKeys loaded =
              serviceKeys.store().isPresent()
                  ? SigningKeys.store(serviceKeys.store().get())
                  : config.pkcs12Path().isPresent()
                      ? SigningKeys.pkcs12(
                          Path.of(config.pkcs12Path().get()),
                          config.pkcs12Password().orElse("").toCharArray(),
                          dir)
                      : SigningKeys.open(dir);
          tsaTrust = config.tsaTrustPem().map(Signing::readPem).orElse(List.of());
          timestamper =
              new Timestamper(
                  new TimeStampAuthority(loaded.tsa()),
                  config.tsaUrl().map(URI::create).orElse(null),
                  config.tsaFallback(),
                  config.tsaTimeout());
          signer = new ReceiptSigner(loaded, timestamper);
          keys = loaded;
          register();
        }
        k = keys;
      }
    }
    return k;
  }

  ReceiptSigner signer() {
    keys();
    return signer;
  }

  Timestamper timestamper() {
    keys();
    return timestamper;
  }

  /** Certificates a TSA certificate must be issued by: the P-256 root and configured TSA CAs. */
  List<X509Certificate> tsaRoots() {
    List<X509Certificate> roots = new java.util.ArrayList<>();
    roots.add(keys().ecRoot().cert());
    roots.addAll(tsaTrust);
    return roots;
  }

  /** Registers the certificate of an external TSA found in a token (served with the others). */
  void registerExternalTsa(byte[] token) {
    try {
      org.bouncycastle.tsp.TimeStampToken t =
          new org.bouncycastle.tsp.TimeStampToken(new org.bouncycastle.cms.CMSSignedData(token));
      for (Object holder : t.getCertificates().getMatches(t.getSID())) {
        insert(
            Certs.parse(((org.bouncycastle.cert.X509CertificateHolder) holder).getEncoded()),
            "TSA_EXTERNAL",
            null);
      }
    } catch (Exception e) {
      LOG.warnf("cannot register the external TSA's certificate: %s", e.getMessage());
    }
  }

  private static List<X509Certificate> readPem(String file) {
    List<X509Certificate> out = new java.util.ArrayList<>();
    try (var parser =
        new org.bouncycastle.openssl.PEMParser(
            java.nio.file.Files.newBufferedReader(Path.of(file)))) {
      Object o;
      while ((o = parser.readObject()) != null) {
        if (o instanceof org.bouncycastle.cert.X509CertificateHolder h) {
          out.add(Certs.parse(h.getEncoded()));
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file, e);
    }
    return List.copyOf(out);
  }

  /** Roots receipts and tokens must chain to. */
  List<X509Certificate> roots() {
    SigningKeys k = keys();
    return List.of(k.ecRoot().cert(), k.sm2Root().cert());
  }

  /** Issues a new generation of signing certificates and registers it. */
  synchronized SigningKeys.Generation rotate() {
    SigningKeys.Generation g = keys().rotate();
    register();
    return g;
  }

  /** Picks up generations issued by other instances sharing the key directory. */
  synchronized void refresh() {
    SigningKeys k = keys();
    k.refresh();
    // cheap (a handful of rows, ON CONFLICT DO NOTHING), and repairs a registration rolled back
    register();
  }

  private synchronized void register() {
    SigningKeys k = keys;
    insert(k.ecRoot().cert(), "ROOT_EC", null);
    insert(k.sm2Root().cert(), "ROOT_SM2", null);
    insert(k.tsa().cert(), "TSA", null);
    for (X509Certificate ca : tsaTrust) {
      insert(ca, "TSA_CA", null);
    }
    for (SigningKeys.Generation g : k.generations()) {
      insert(g.ec().cert(), "SIGNER_EC", g.number());
      insert(g.sm2().cert(), "SIGNER_SM2", g.number());
    }
  }

  private void insert(X509Certificate cert, String kind, Integer generation) {
    try {
      Jdbc.update(
          db,
          "INSERT INTO signing_certificate (sha256, kind, generation, subject, issuer, not_before,"
              + " not_after, der) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (sha256) DO NOTHING",
          Certs.fingerprint(cert),
          kind,
          generation,
          cert.getSubjectX500Principal().getName(),
          cert.getIssuerX500Principal().getName(),
          cert.getNotBefore().toInstant(),
          cert.getNotAfter().toInstant(),
          cert.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
