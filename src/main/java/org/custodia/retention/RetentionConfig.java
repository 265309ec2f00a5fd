package org.custodia.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Retention, legal holds and disposal ({@code custodia.retention.*}, docs/retention.md). */
@ConfigMapping(prefix = "custodia.retention")
public interface RetentionConfig {

  /**
   * The retention classes (JSON, docs/retention.md). Absent: the defaults bundled in the
   * application (storage-config/retention.json).
   */
  Optional<String> classesFile();

  /** How often the job runs approved disposals and renews rolling retention. */
  @WithDefault("30s")
  java.time.Duration disposalEvery();
}
