package org.custodia.grading;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;
import java.util.Optional;

/** Case-file review ({@code custodia.grading.*}). */
@ConfigMapping(prefix = "custodia.grading")
public interface GradingConfig {

  /**
   * The review criteria (JSON, docs/reviews.md). Absent: the default set bundled in the application
   * (storage-config/review-criteria.json).
   */
  Optional<String> criteriaFile();

  /** The time zone in which the CSV results show review times. */
  @WithDefault("Asia/Shanghai")
  ZoneId reportZone();
}
