package org.custodia.dossier;

import java.util.UUID;

/**
 * Fired (CDI event, synchronously, in the linking transaction) when a record's link to its subject
 * or case changed. Retention observes it: linking to a case upgrades the record's class. Compliance
 * observes it for both cases: the one linked now and {@code previousCaseId}, the one the record was
 * linked to before (null when none).
 */
public record EvidenceLinked(UUID evidenceId, UUID subjectId, UUID caseId, UUID previousCaseId) {}
