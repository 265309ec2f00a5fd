package org.custodia.export;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An export as shown: the request, its decision, the build's progress and the package. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Export(
    UUID id,
    UUID caseId,
    UUID unitId,
    UUID requestedBy,
    Instant requestedAt,
    String purpose,
    String recipient,
    boolean includeDerived,
    String reportLanguage,
    ExportState state,
    UUID decidedBy,
    Instant decidedAt,
    String decisionReason,
    Progress progress,
    Long size,
    String sha256,
    String failure,
    UUID failedEvidenceId,
    Instant builtAt,
    Instant expiresAt,
    Instant expiredAt,
    UUID fourPropertyCheckId,
    @JsonIgnore List<UUID> evidenceIds,
    @JsonIgnore String dossierJson,
    @JsonIgnore String objectKey,
    @JsonIgnore String objectVersion) {

  /** Bytes and files done of the total (originals, and review copies when asked). */
  public record Progress(long bytesDone, long bytesTotal, int filesDone, int filesTotal) {}
}
