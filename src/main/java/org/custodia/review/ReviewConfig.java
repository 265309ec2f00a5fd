package org.custodia.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Streaming and review ({@code custodia.review.*}). */
@ConfigMapping(prefix = "custodia.review")
public interface ReviewConfig {

  /**
   * A viewing session (one audit event) lasts while its requests keep coming; after this long
   * without one, the next request opens a new session and is audited again. Read where the sessions
   * live, {@link org.custodia.audit.ViewingSessions} (below the dossier, which audits its views the
   * same way); declared here so that the property keeps its name and is validated.
   */
  @WithDefault("30m")
  Duration viewingSessionIdle();

  /**
   * Uncovered stretches of an action's window up to this long are not reported as gaps on the case
   * timeline (a camera restarting between two files loses a second or two).
   */
  @WithDefault("2s")
  Duration timelineGapTolerance();
}
