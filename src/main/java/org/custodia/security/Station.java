package org.custodia.security;

import java.time.Instant;
import java.util.UUID;

/** A docking station as stored (its token only as a hash, which this record does not carry). */
public record Station(
    UUID id,
    UUID unitId,
    String name,
    String location,
    boolean enabled,
    Instant createdAt,
    Instant tokenIssuedAt) {}
