package org.custodia.security;

import java.util.Optional;
import java.util.UUID;

/**
 * Which registry officer a user account acts as. The link is kept by the registry (package dossier,
 * above this one), which implements this interface, so that {@code GET /api/v1/auth/me} can name
 * the officer without this package reading the registry's table.
 */
public interface OfficerAccounts {
  /** The officer {@code userId} of {@code unitId} acts as, if an administrator linked one. */
  Optional<UUID> officerOf(UUID userId, UUID unitId);
}
