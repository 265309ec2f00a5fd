package org.custodia.integrity;

import java.util.UUID;

/**
 * Fired (CDI event) in the transaction that records an item's signed receipt, its files already in
 * the store. Retention observes it after commit to protect the files at once, as it protects the
 * original (its sweep remains the safety net).
 */
public record ReceiptSigned(UUID evidenceId) {}
