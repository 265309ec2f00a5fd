package org.custodia.dossier;

import java.time.Instant;
import java.util.UUID;

/** Who held a device from when to when; {@code to} is null while the period is open. */
public record CustodyPeriod(
    UUID id,
    UUID deviceId,
    UUID officerId,
    Instant from,
    Instant to,
    String reason,
    Instant recordedAt) {}
