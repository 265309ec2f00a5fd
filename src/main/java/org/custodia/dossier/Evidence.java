package org.custodia.dossier;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
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
    List<EvidenceLink> linkHistory) {

  Evidence withHistory(List<EvidenceLink> history) {
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
        history);
  }
}
