package org.custodia.retention;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.CaseStatus;
import org.custodia.dossier.CaseType;

/**
 * One item's retention as shown: its class, the earliest date it may be deleted (null: not while
 * the end is unknown, or never), why, the legal basis of the class, and what protects it now.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Retention(
    UUID evidenceId,
    RetentionClass retentionClass,
    RetentionClass automaticClass,
    RetentionClass manualClass,
    String manualReason,
    Flags flags,
    Instant earliestDeletion,
    boolean indefinite,
    String why,
    Map<String, String> basis,
    List<CaseTerm> cases,
    Instant retainedUntil,
    boolean legalHold,
    List<UUID> holds,
    String state,
    Instant disposedAt,
    String rulesVersion,
    Store store,
    Instant effectiveEarliestDeletion,
    String effectiveWhy) {

  /**
   * What the object store protects of the item now (only in the item's own retention view): the
   * latest retain-until of its original and receipt files, and each of them.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Store(Instant retainUntil, boolean legalHold, List<StoredObject> objects) {}

  /**
   * One object of the item as the store protects it: {@code object} is {@code original} or the
   * receipt file's name; {@code enforcedBy} STORE (S3 Object Lock) or SERVICE (the service's own
   * record, and the bucket's default retention counted from the upload, where the store does not
   * enforce); {@code missing} when the store does not have it.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StoredObject(
      String object,
      String bucket,
      Instant retainUntil,
      boolean legalHold,
      String enforcedBy,
      Boolean missing) {}

  Retention withStore(Store s, Instant effective, String effectiveReason) {
    return new Retention(
        evidenceId,
        retentionClass,
        automaticClass,
        manualClass,
        manualReason,
        flags,
        earliestDeletion,
        indefinite,
        why,
        basis,
        cases,
        retainedUntil,
        legalHold,
        holds,
        state,
        disposedAt,
        rulesVersion,
        s,
        effective,
        effectiveReason);
  }

  /** The flags that raise an item's class (docs/retention.md). */
  public record Flags(boolean usedAsEvidence, boolean obstruction, boolean majorIncident) {
    static final Flags NONE = new Flags(false, false, false);
  }

  /**
   * A case the item is or was linked to and when its file's retention ends (null while the case is
   * not closed: the end is unknown).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CaseTerm(UUID caseId, CaseType type, CaseStatus status, Instant endsAt) {}
}
