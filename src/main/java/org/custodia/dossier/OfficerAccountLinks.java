package org.custodia.dossier;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.custodia.security.OfficerAccounts;

/** The registry's answer to which officer a user account acts as ({@code officer.user_id}). */
@ApplicationScoped
class OfficerAccountLinks implements OfficerAccounts {
  private final OfficerRepository officers;

  OfficerAccountLinks(OfficerRepository officers) {
    this.officers = officers;
  }

  @Override
  public Optional<UUID> officerOf(UUID userId, UUID unitId) {
    return officers.byUser(userId).filter(o -> o.unitId().equals(unitId)).map(Officer::id);
  }
}
