package org.custodia.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The compliance rules as data ({@code storage-config/compliance-rules.json}): a versioned set of
 * rules, each with a code the engine knows, its own version, the regulation clause it implements,
 * its severity and its parameters. See {@link RuleEngine} for what each code checks.
 */
public record RuleSet(String version, String source, List<Rule> rules) {

  /** One rule as configured. */
  public record Rule(
      String code, int version, Severity severity, String clause, JsonNode parameters) {}
}
