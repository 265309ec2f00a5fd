package org.custodia.security;

import java.time.Instant;
import java.util.UUID;

/** A user account as stored. The API shows it through views that never carry the password hash. */
public record User(
    UUID id,
    String username,
    String passwordHash,
    Role role,
    UUID unitId,
    boolean enabled,
    Instant createdAt,
    Instant passwordChangedAt) {}
