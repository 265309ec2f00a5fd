package org.custodia.integrity;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditService;
import org.custodia.security.Role;
import org.custodia.support.Jdbc;
import org.custodia.support.KeyFiles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The certificates receipts are verified with, and key rotation. */
@Path("/api/v1/signing")
@Tag(name = "Signing")
public class SigningResource {
  private static final HexFormat HEX = HexFormat.of();

  private final AgroalDataSource db;
  private final Signing signing;
  private final AuditService audit;

  SigningResource(AgroalDataSource db, Signing signing, AuditService audit) {
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

  private List<Certificate> all() {
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

  @GET
  @Path("/certificates")
  @Produces(MediaType.TEXT_PLAIN)
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "Every certificate ever used for receipts, as PEM (roots, TSA, all signers)",
      description =
          "Use as -CAfile: openssl cms -verify -binary -inform DER -in receipt.p7s -content"
              + " receipt.json -CAfile chain.pem. Ask for application/json for a listing.")
  public String pem() {
    StringBuilder out = new StringBuilder();
    for (Certificate c : all()) {
      out.append(c.pem());
    }
    return out.toString();
  }

  @GET
  @Path("/certificates")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "Every certificate ever used for receipts, with kind and generation")
  public Map<String, List<Certificate>> list() {
    return Map.of("certificates", all());
  }

  @POST
  @Path("/rotate")
  @Produces(MediaType.APPLICATION_JSON)
  @Transactional
  @RolesAllowed(Role.ADMIN_)
  @Operation(
      summary = "Issue new signing certificates (ECDSA and SM2); old ones stay for verification")
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
