package org.custodia.storage;

/**
 * What the object store enforces, found by probing it at start (never assumed from its name).
 *
 * @param objectLock a locked object version could not be deleted before its retention ended
 * @param versioning buckets accept versioning
 * @param lifecycle buckets accept lifecycle rules
 * @param detail what the probe saw, for health details and logs
 */
public record StorageCapabilities(
    boolean objectLock, boolean versioning, boolean lifecycle, String detail) {}
