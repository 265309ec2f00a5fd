package org.custodia.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Streaming and review ({@code custodia.review.*}). */
@ConfigMapping(prefix = "custodia.review")
public interface ReviewConfig {

  /**
   * A viewing session (one audit event) lasts while its range requests keep coming; after this long
   * without one, the next request opens a new session and is audited again.
   */
  @WithDefault("30m")
  Duration viewingSessionIdle();
}
