package org.custodia.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One bucket as declared in {@code storage-config/buckets/*.json}.
 *
 * @param name bucket name without the deployment prefix ({@code custodia.s3.bucket-prefix})
 * @param versioning whether object versioning is enabled
 * @param objectLock default retention; applied only where the store supports Object Lock
 * @param lifecycle lifecycle rules (expiry, abandoned multipart clean-up)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BucketDefinition(
    String name, boolean versioning, ObjectLock objectLock, List<LifecycleRule> lifecycle) {

  public BucketDefinition {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]{1,40}[a-z0-9]")) {
      throw new IllegalArgumentException("bucket name must be 3-42 of [a-z0-9-]: " + name);
    }
    lifecycle = lifecycle == null ? List.of() : List.copyOf(lifecycle);
  }

  /**
   * @param mode {@code GOVERNANCE} or {@code COMPLIANCE}
   * @param days default retention of every new object version
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ObjectLock(boolean enabled, String mode, int days) {
    public ObjectLock {
      if (enabled && !("GOVERNANCE".equals(mode) || "COMPLIANCE".equals(mode))) {
        throw new IllegalArgumentException("object lock mode must be GOVERNANCE or COMPLIANCE");
      }
      if (enabled && days <= 0) {
        throw new IllegalArgumentException("object lock days must be positive");
      }
    }
  }

  /**
   * @param id rule id
   * @param prefix object key prefix the rule applies to ("" for all)
   * @param expirationDays delete current versions after this many days (0 = never)
   * @param noncurrentExpirationDays delete noncurrent versions after this many days (0 = never)
   * @param abortIncompleteMultipartUploadDays abort abandoned multipart uploads (0 = never)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record LifecycleRule(
      String id,
      String prefix,
      int expirationDays,
      int noncurrentExpirationDays,
      int abortIncompleteMultipartUploadDays) {}
}
