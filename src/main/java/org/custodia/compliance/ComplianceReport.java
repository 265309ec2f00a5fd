package org.custodia.compliance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A dossier's compliance as {@code GET /api/v1/cases/{id}/compliance} shows it: the status from the
 * open findings and every finding, open and resolved (the history), with its acknowledgements.
 */
public record ComplianceReport(
    UUID caseId,
    UUID unitId,
    ComplianceStatus status,
    int violations,
    int warnings,
    String rulesVersion,
    Instant evaluatedAt,
    List<FindingView> findings) {

  /** One finding as shown; {@code resolvedAt} null while open. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FindingView(
      UUID id,
      String rule,
      int ruleVersion,
      Severity severity,
      String clause,
      UUID actionId,
      List<UUID> evidenceIds,
      Instant from,
      Instant to,
      long durationMs,
      String detail,
      String detailCode,
      List<String> detailArgs,
      Instant firstSeenAt,
      Instant resolvedAt,
      List<AcknowledgementView> acknowledgements) {}

  /** A supervisor's written explanation of a finding. */
  public record AcknowledgementView(
      UUID id, UUID findingId, String explanation, UUID acknowledgedBy, Instant acknowledgedAt) {}

  /** A dossier as listed, with its case number and title. */
  public record Listed(
      UUID caseId,
      UUID unitId,
      String caseNo,
      String title,
      ComplianceStatus status,
      int violations,
      int warnings,
      Instant evaluatedAt,
      Instant activeFrom,
      Instant activeTo) {}
}
