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
    String rulesVersion) {

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
