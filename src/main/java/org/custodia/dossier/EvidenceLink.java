package org.custodia.dossier;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** Which subject and case a record belongs to; {@code supersededAt} is set once re-linked. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvidenceLink(
    UUID id,
    UUID evidenceId,
    UUID subjectId,
    UUID caseId,
    String reason,
    Instant linkedAt,
    String linkedBy,
    Instant supersededAt) {}
