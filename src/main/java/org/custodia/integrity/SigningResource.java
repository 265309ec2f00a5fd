package org.custodia.integrity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.custodia.security.Role;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The certificates receipts are verified with, and key rotation. */
@Path("/api/v1/signing")
@Tag(name = "Signing")
public class SigningResource {
  private final SigningService signing;

  SigningResource(SigningService signing) {
    this.signing = signing;
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
    for (SigningService.Certificate c : signing.certificates()) {
      out.append(c.pem());
    }
    return out.toString();
  }

  @GET
  @Path("/certificates")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Role.ADMIN_, Role.OFFICER_, Role.REVIEWER_, Role.SUPERVISOR_, Role.AUDITOR_})
  @Operation(summary = "Every certificate ever used for receipts, with kind and generation")
  public Map<String, List<SigningService.Certificate>> list() {
    return Map.of("certificates", signing.certificates());
  }

  @APIResponse(responseCode = "200", description = "the new generation")
  @APIResponse(
      responseCode = "409",
      description =
          "signing-roots-offline: the roots' private keys are not here, or the keys come from"
              + " the shared key store (a new generation is added to the store)")
  @POST
  @Path("/rotate")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.ADMIN_)
  @Operation(
      summary = "Issue new signing certificates (ECDSA and SM2); old ones stay for verification")
  public SigningService.Rotated rotate() {
    return signing.rotate();
  }
}
