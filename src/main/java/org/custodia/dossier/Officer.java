package org.custodia.dossier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An officer or auxiliary staff member as stored and shown. {@code auxiliary} mirrors {@code role}
 * for clients that send the API's boolean; {@code userId} is the user account that acts as the
 * officer (null while none is linked).
 */
public record Officer(
    UUID id,
    UUID unitId,
    String name,
    OfficerRole role,
    String certificateNo,
    CertificateStatus certificateStatus,
    LocalDate certificateValidFrom,
    LocalDate certificateValidUntil,
    LocalDate nextReviewDate,
    Instant createdAt,
    UUID userId) {

  public boolean auxiliary() {
    return role == OfficerRole.AUXILIARY;
  }
}
