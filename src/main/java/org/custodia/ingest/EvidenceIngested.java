package org.custodia.ingest;

import java.util.UUID;

/**
 * Fired (CDI event) in the transaction that indexes a new evidence item. Features that process
 * evidence (signing, media) observe it with {@code @Observes(during =
 * TransactionPhase.AFTER_SUCCESS)}, so they only ever see committed records.
 */
public record EvidenceIngested(
    UUID evidenceId, UUID unitId, String contentType, long size, String objectKey) {}
