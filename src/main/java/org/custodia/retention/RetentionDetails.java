package org.custodia.retention;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.EvidenceDetails;

/** The {@code retention} section of a direct evidence read. */
@ApplicationScoped
class RetentionDetails implements EvidenceDetails {
  private final RetentionService retention;

  RetentionDetails(RetentionService retention) {
    this.retention = retention;
  }

  @Override
  public Map<String, Object> details(UUID evidenceId) {
    return retention
        .details(evidenceId)
        .<Map<String, Object>>map(r -> Map.of("retention", r))
        .orElse(Map.of());
  }
}
