package org.custodia.integrity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.support.Jdbc;
import org.custodia.support.KeyFiles;

/** The certificates receipts are verified with, and key rotation (audited). */
@ApplicationScoped
public class SigningService {
  private static final HexFormat HEX = HexFormat.of();

  private final io.agroal.api.AgroalDataSource db;
  private final Signing signing;
  private final AuditService audit;

  SigningService(io.agroal.api.AgroalDataSource db, Signing signing, AuditService audit) {
    this.db = db;
    this.signing = signing;
    this.audit = audit;
  }

  /** One certificate of the hierarchy. */
  public record Certificate(
      String kind,
      Integer generation,
      String sha256,
      String subject,
      String issuer,
      Instant notBefore,
      Instant notAfter,
      String pem) {}

  /** A generation of signing certificates. */
  public record Rotated(int generation, String ecCertSha256, String sm2CertSha256) {}

  /** Every certificate ever used for receipts: roots, TSA, then signers by generation. */
  public List<Certificate> certificates() {
    return Jdbc.list(
        db,
        "SELECT kind, generation, sha256, subject, issuer, not_before, not_after, der"
            + " FROM signing_certificate ORDER BY CASE kind WHEN 'ROOT_EC' THEN 0 WHEN 'ROOT_SM2'"
            + " THEN 1 WHEN 'TSA' THEN 2 ELSE 3 END, generation, kind, first_seen",
        rs ->
            new Certificate(
                rs.getString(1),
                (Integer) rs.getObject(2),
                HEX.formatHex(rs.getBytes(3)),
                rs.getString(4),
                rs.getString(5),
                Jdbc.instant(rs, 6),
                Jdbc.instant(rs, 7),
                KeyFiles.pem("CERTIFICATE", rs.getBytes(8))));
  }

  /** Issues new signing certificates (ECDSA and SM2); old ones stay for verification. */
  @Transactional
  public Rotated rotate() {
    SigningKeys.Generation g = signing.rotate();
    Rotated r =
        new Rotated(
            g.number(),
            HEX.formatHex(Certs.fingerprint(g.ec().cert())),
            HEX.formatHex(Certs.fingerprint(g.sm2().cert())));
    audit.record(
        "signing.rotated",
        AuditEvent.Target.of("signing-generation", g.number()),
        Map.of(
            "generation", g.number(),
            "ecCertSha256", r.ecCertSha256(),
            "sm2CertSha256", r.sm2CertSha256()));
    return r;
  }
}
