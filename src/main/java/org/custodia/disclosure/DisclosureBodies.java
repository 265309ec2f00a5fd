package org.custodia.disclosure;

import java.time.LocalDate;
import org.custodia.support.PlausibleTime;

/** Request bodies of the disclosure endpoints. */
public final class DisclosureBodies {
  private DisclosureBodies() {}

  /**
   * Dates recorded about a decision's disclosure, and its kind when the case type does not say it
   * (absent: left as it is).
   */
  public record Record(
      DecisionKind kind,
      @PlausibleTime LocalDate disclosedOn,
      @PlausibleTime LocalDate revokedOn,
      @PlausibleTime LocalDate withdrawnOn) {}
}
