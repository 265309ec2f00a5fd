package org.custodia.compliance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One breach a rule found: the rule and its version, the clause it implements, the action (null for
 * a finding about a record alone), the records concerned and the time span (station clock).
 */
public record Finding(
    String rule,
    int ruleVersion,
    Severity severity,
    String clause,
    UUID actionId,
    List<UUID> evidenceIds,
    Instant from,
    Instant to,
    String detail) {

  /** What makes a finding the same one across recomputes (the detail is not part of it). */
  public String fingerprint() {
    StringBuilder b = new StringBuilder(160);
    b.append(rule).append('@').append(ruleVersion).append('|').append(actionId).append('|');
    for (UUID id : evidenceIds) {
      b.append(id).append(',');
    }
    return b.append('|').append(from).append('|').append(to).toString();
  }
}
