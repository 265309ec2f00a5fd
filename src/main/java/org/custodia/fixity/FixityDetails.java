package org.custodia.fixity;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.EvidenceDetails;

/**
 * Adds {@code fixity} to a direct evidence read: {@code status} (UNCHECKED, OK, or FAILED when the
 * last check of the original or of a derived file found it changed or missing), {@code checkedAt}
 * and {@code runId} of the newest check, and the failed objects.
 */
@ApplicationScoped
class FixityDetails implements EvidenceDetails {
  private final FixityRepository runs;

  FixityDetails(FixityRepository runs) {
    this.runs = runs;
  }

  @Override
  public Map<String, Object> details(UUID evidenceId) {
    List<FixityRepository.LastCheck> checks = runs.lastChecks(evidenceId);
    Map<String, Object> fixity = new LinkedHashMap<>();
    if (checks.isEmpty()) {
      fixity.put("status", "UNCHECKED");
      return Map.of("fixity", fixity);
    }
    List<Map<String, String>> failed = new ArrayList<>();
    for (FixityRepository.LastCheck c : checks) {
      if (c.result().equals("MISMATCH") || c.result().equals("MISSING")) {
        failed.add(Map.of("object", c.target(), "result", c.result()));
      }
    }
    FixityRepository.LastCheck newest = checks.get(0);
    fixity.put("status", failed.isEmpty() ? "OK" : "FAILED");
    fixity.put("checkedAt", newest.checkedAt());
    fixity.put("runId", newest.runId());
    if (!failed.isEmpty()) {
      fixity.put("failed", failed);
    }
    return Map.of("fixity", fixity);
  }
}
