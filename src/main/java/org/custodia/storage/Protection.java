package org.custodia.storage;

import java.time.Instant;

/**
 * What protects one object version now.
 *
 * @param retainUntil the retention in force, or null when none
 * @param legalHold whether a legal hold flag is on
 * @param storeEnforced whether the store itself enforces it (S3 Object Lock), besides the service
 */
public record Protection(Instant retainUntil, boolean legalHold, boolean storeEnforced) {}
