package org.custodia.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneId;
import java.util.Optional;

/** The bundled rule set's engine, for the benchmark (which lives in another package). */
public final class ComplianceBenchAccess {
  private ComplianceBenchAccess() {}

  public static RuleEngine bundled(ObjectMapper json, ZoneId zone) {
    return ComplianceRules.load(
        org.custodia.config.ConfigFile.locate(
            ComplianceRules.FILE, Optional.empty(), Optional.empty()),
        json,
        zone);
  }
}
