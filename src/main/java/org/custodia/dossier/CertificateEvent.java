package org.custodia.dossier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One change of certificate status, as kept in the history. */
public record CertificateEvent(
    UUID id,
    UUID officerId,
    CertificateStatus previousStatus,
    CertificateStatus status,
    LocalDate validFrom,
    LocalDate validUntil,
    LocalDate nextReviewDate,
    String reason,
    Instant changedAt,
    String changedBy) {}
