package org.custodia.dossier;

import java.util.Map;
import java.util.UUID;

/**
 * Extra sections of a direct evidence read, supplied by other features (media facts, derived files,
 * jobs), so the dossier does not depend on them. Called after the caller's access was checked.
 */
public interface EvidenceDetails {
  /** Top-level JSON properties to add; an empty map adds nothing. */
  Map<String, Object> details(UUID evidenceId);
}
