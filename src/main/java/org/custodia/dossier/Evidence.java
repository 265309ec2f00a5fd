package org.custodia.dossier;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An evidence record's metadata as shown: hashes in lowercase hex, the current link to subject and
 * case, and (on direct reads) the history of links. The object key stays internal.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(
    UUID id,
    UUID unitId,
    String sha256,
    String sm3,
    long size,
    String contentType,
    EvidenceKind kind,
    String filename,
    String title,
    String notes,
    @JsonIgnore String objectKey,
    @JsonIgnore String objectVersion,
    String stationClaimedSha256,
    UUID deviceId,
    UUID officerId,
    UUID stationId,
    Instant recordedFrom,
    Instant recordedTo,
    Instant ingestedAt,
    UUID custodianOfficerId,
    String retentionClass,
    boolean legalHold,
    ActionType actionType,
    BigDecimal latitude,
    BigDecimal longitude,
    EvidenceLink link,
    List<EvidenceLink> linkHistory,
    @JsonIgnore Map<String, Object> details) {

  /** Sections other features add on direct reads ({@link EvidenceDetails}), e.g. media facts. */
  @JsonAnyGetter
  Map<String, Object> detailsJson() {
    return details == null ? Map.of() : details;
  }

  Evidence withHistory(List<EvidenceLink> history) {
    return with(history, details);
  }

  Evidence withDetails(Map<String, Object> more) {
    return with(linkHistory, more);
  }

  private Evidence with(List<EvidenceLink> history, Map<String, Object> more) {
    return new Evidence(
        id,
        unitId,
        sha256,
        sm3,
        size,
        contentType,
        kind,
        filename,
        title,
        notes,
        objectKey,
        objectVersion,
        stationClaimedSha256,
        deviceId,
        officerId,
        stationId,
        recordedFrom,
        recordedTo,
        ingestedAt,
        custodianOfficerId,
        retentionClass,
        legalHold,
        actionType,
        latitude,
        longitude,
        link,
        history,
        more);
  }
}
