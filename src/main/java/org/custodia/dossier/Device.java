package org.custodia.dossier;

import java.time.Instant;
import java.util.UUID;

/** A recording device (bodycam) with its current custodian. */
public record Device(
    UUID id,
    UUID unitId,
    String serial,
    String model,
    UUID custodianOfficerId,
    Long clockOffsetMs,
    Instant clockOffsetReportedAt,
    UUID clockOffsetStationId,
    Instant createdAt) {}
