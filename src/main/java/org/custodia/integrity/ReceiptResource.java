package org.custodia.integrity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Function;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Receipts of evidence items and their verification. Shares the class path of the evidence index;
 * the same unit scoping applies (records of other units answer 404).
 */
@Path("/api/v1/evidence")
@Tag(name = "Evidence")
public class ReceiptResource {
  private static final HexFormat HEX = HexFormat.of();

  private final VerificationService verification;
  private final ReceiptAccess receipts;

  ReceiptResource(VerificationService verification, ReceiptAccess receipts) {
    this.verification = verification;
    this.receipts = receipts;
  }

  /** Signing state of an item's receipt. */
  public record ReceiptStatus(
      UUID evidenceId,
      boolean signed,
      String state,
      int attempts,
      String lastError,
      Instant lastAttemptAt,
      Instant signedAt,
      String receiptSha256,
      Integer generation,
      String ecCertSha256,
      String sm2CertSha256,
      String tsa) {}

  @GET
  @Path("/{id}/receipt")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "Whether the item's receipt is signed",
      description =
          "state SIGNED, FAILED (signing or timestamping failed; the retry job signs it later) or"
              + " PENDING (not attempted yet). The evidence itself is stored either way.")
  public ReceiptStatus status(@PathParam("id") UUID id) {
    ReceiptRepository.Row r = receipts.receipt(id).orElse(null);
    if (r == null) {
      return new ReceiptStatus(
          id, false, "PENDING", 0, null, null, null, null, null, null, null, null);
    }
    return new ReceiptStatus(
        id,
        r.signed(),
        r.state(),
        r.attempts(),
        "FAILED".equals(r.state()) ? r.lastError() : null,
        r.lastAttemptAt(),
        r.signedAt(),
        hex(r.jsonSha256()),
        r.generation(),
        hex(r.ecCertSha256()),
        hex(r.sm2CertSha256()),
        r.tsa());
  }

  @GET
  @Path("/{id}/receipt.json")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "The receipt: canonical JSON (RFC 8785) of the evidence facts, as signed")
  public Response json(@PathParam("id") UUID id) {
    return file(id, Receipts.JSON, MediaType.APPLICATION_JSON, ReceiptRepository.Row::json);
  }

  @GET
  @Path("/{id}/receipt.p7s")
  @Produces("application/pkcs7-signature")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "Detached CMS SignedData (DER), ECDSA P-256/SHA-256, with its timestamp (CAdES-T)")
  public Response p7s(@PathParam("id") UUID id) {
    return file(id, Receipts.P7S, "application/pkcs7-signature", ReceiptRepository.Row::p7s);
  }

  @GET
  @Path("/{id}/receipt.sm2.p7s")
  @Produces("application/pkcs7-signature")
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "Detached CMS SignedData (DER), SM2/SM3")
  public Response sm2(@PathParam("id") UUID id) {
    return file(id, Receipts.SM2_P7S, "application/pkcs7-signature", ReceiptRepository.Row::sm2P7s);
  }

  @GET
  @Path("/{id}/receipt.tsr")
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "RFC 3161 TimeStampToken (DER) over SHA-256 of the ECDSA signature value",
      description = "openssl ts -verify -token_in -in receipt.tsr -data <signature value> …")
  public Response tsr(@PathParam("id") UUID id) {
    return file(id, Receipts.TSR, MediaType.APPLICATION_OCTET_STREAM, ReceiptRepository.Row::tsr);
  }

  @POST
  @Path("/{id}/verify")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(
      summary = "Re-read the stored bytes and check hashes, size, signatures, timestamp, audit log",
      description =
          "Each check is pass, fail or pending (auditInclusion until the integrator placed the"
              + " event). result is FAIL if any check fails, else PENDING if any is pending.")
  public VerificationService.Report verify(@PathParam("id") UUID id) {
    return verification.verify(id);
  }

  private Response file(
      UUID id, String name, String type, Function<ReceiptRepository.Row, byte[]> part) {
    ReceiptRepository.Row r = receipts.download(id, name);
    return Response.ok(part.apply(r), type)
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .build();
  }

  private static String hex(byte[] b) {
    return b == null ? null : HEX.formatHex(b);
  }
}
