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
    String detail,
    String detailCode,
    List<String> detailArgs) {

  /**
   * What a finding says in words: a code and its values (for pages to say it in the reader's
   * language) and the English sentence the API has always carried.
   */
  public record Detail(String code, List<String> args, String text) {
    /** Every code the engine writes, with how many values it carries; pages say each in words. */
    public static final java.util.Map<String, Integer> CODES =
        java.util.Map.of(
            "no-recording", 1,
            "gap", 2,
            "too-few-officers", 2,
            "auxiliary-without-responsible", 0,
            "auxiliary-alone", 0,
            "late", 2,
            "no-certificate", 0,
            "certificate-status", 1,
            "certificate-invalid", 1);

    static Detail of(String code, String text, Object... args) {
      if (!Integer.valueOf(args.length).equals(CODES.get(code))) {
        throw new IllegalArgumentException("detail " + code + " with " + args.length + " values");
      }
      return new Detail(code, java.util.Arrays.stream(args).map(String::valueOf).toList(), text);
    }
  }

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
