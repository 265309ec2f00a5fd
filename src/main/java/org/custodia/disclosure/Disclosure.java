package org.custodia.disclosure;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.CaseStatus;
import org.custodia.dossier.CaseType;

/**
 * The disclosure of one case decision on day {@code asOf}: what the decision is ({@code kind},
 * {@code kindSet} when set by hand rather than derived from the case), what was recorded, and each
 * obligation with its deadline and status, computed on read under rules {@code rulesVersion}.
 */
public record Disclosure(
    UUID caseId,
    UUID unitId,
    String caseNo,
    CaseType caseType,
    CaseStatus caseStatus,
    LocalDate decisionDate,
    DecisionKind kind,
    boolean kindSet,
    LocalDate disclosedOn,
    LocalDate revokedOn,
    LocalDate withdrawnOn,
    LocalDate asOf,
    String rulesVersion,
    List<Obligation> obligations) {

  /** What is to be done: publish the decision, or take a revoked one down. */
  public enum Action {
    DISCLOSE,
    WITHDRAW
  }

  /**
   * One obligation: {@code workingDays} after {@code from} (not counted), due on {@code due} (null
   * when unknown: {@code uncoveredYear} names the year the calendar lacks, or {@code from} is not
   * recorded), done on {@code done} (a date after {@code asOf} was not done yet on {@code asOf});
   * {@code workingDaysLeft} after {@code asOf} up to {@code due} while it is not done and not
   * overdue.
   */
  public record Obligation(
      Action action,
      DecisionKind rule,
      int workingDays,
      Map<String, String> clause,
      LocalDate from,
      LocalDate due,
      Integer uncoveredYear,
      LocalDate done,
      DisclosureStatus status,
      Integer workingDaysLeft) {}

  /** Whether any obligation stands at {@code status}. */
  public boolean has(DisclosureStatus status) {
    return obligations.stream().anyMatch(o -> o.status() == status);
  }
}
