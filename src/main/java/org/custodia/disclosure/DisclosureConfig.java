package org.custodia.disclosure;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Disclosure deadlines ({@code custodia.disclosure.*}, docs/calendar-and-disclosure.md). */
@ConfigMapping(prefix = "custodia.disclosure")
public interface DisclosureConfig {

  /**
   * The disclosure rules (JSON). Absent: the defaults bundled in the application
   * (storage-config/disclosure.json).
   */
  Optional<String> rulesFile();
}
