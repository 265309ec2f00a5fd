package org.custodia.dossier;

import java.util.UUID;

/**
 * Fired (CDI event, synchronously, in the reporting transaction) when a device's clock offset was
 * reported. Compliance observes it: the offset moves the device's recordings on the wall clock.
 */
public record ClockOffsetReported(UUID deviceId, UUID unitId) {}
