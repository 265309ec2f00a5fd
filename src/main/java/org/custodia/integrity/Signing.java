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
  private volatile SigningKeys keys;
  private volatile ReceiptSigner signer;
  private volatile Timestamper timestamper;

  Signing(SigningConfig config, CustodiaConfig custodia, AgroalDataSource db) {
    this.config = config;
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

  SigningKeys keys() {
    SigningKeys k = keys;
    if (k == null) {
      synchronized (this) {
        if (keys == null) {
          Path dir = Path.of(custodia.dataDir()).resolve("keys").resolve("signing");
          SigningKeys loaded =
              config.pkcs12Path().isPresent()
                  ? SigningKeys.pkcs12(
                      Path.of(config.pkcs12Path().get()),
                      config.pkcs12Password().orElse("").toCharArray(),
                      dir)
                  : SigningKeys.open(dir);
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
