package org.custodia.dossier;

import java.util.UUID;

/**
 * Fired (CDI event, synchronously, in the updating transaction) when a case's status or decision
 * date changed. Retention observes it: a case file's own retention runs from its close.
 */
public record CaseChanged(UUID caseId, CaseStatus status) {}
