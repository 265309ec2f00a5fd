package org.custodia.compliance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Recording compliance ({@code custodia.compliance.*}, docs/compliance.md). */
@ConfigMapping(prefix = "custodia.compliance")
public interface ComplianceConfig {

  /**
   * The rule set (JSON, docs/compliance.md). Absent: the rules bundled in the application
   * (storage-config/compliance-rules.json).
   */
  Optional<String> rulesFile();

  /** How often the job recomputes the cases whose dossier changed. */
  @WithDefault("10s")
  Duration recomputeEvery();
}
