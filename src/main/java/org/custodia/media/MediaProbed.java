package org.custodia.media;

import java.util.UUID;

/**
 * Fired (CDI event, synchronously, in the transaction that saves the facts) when an original's
 * media facts were saved: its probed duration is known from then on. Compliance observes it: the
 * duration sets where a recording ends on the wall clock.
 */
public record MediaProbed(UUID evidenceId) {}
