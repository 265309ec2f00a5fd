package org.custodia.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Media processing ({@code custodia.media.*}). */
@ConfigMapping(prefix = "custodia.media")
public interface MediaConfig {

  /**
   * Worker threads processing media jobs in this instance (0 = none: the instance only serves).
   * Each runs one job at a time with FFmpeg limited to one thread, so uploads keep the other cores.
   */
  @WithDefault("1")
  int workers();

  /** How often an idle worker looks for a job. */
  @WithDefault("2s")
  Duration pollInterval();

  /**
   * Lease on a claimed job; renewed on every progress report. A dead worker's job returns after it.
   */
  @WithDefault("5m")
  Duration lease();

  /** Claims before a job that keeps failing transiently is declared DEAD. */
  @WithDefault("4")
  int maxAttempts();

  /** Delay before the first retry; doubled for each further attempt. */
  @WithDefault("30s")
  Duration retryBackoff();

  /**
   * Directory for temporary copies of originals while FFmpeg reads them (default: java.io.tmpdir).
   */
  java.util.Optional<String> workDir();

  /** Longest side of the poster JPEG, in pixels. */
  @WithDefault("640")
  int thumbnailSize();

  /** Longest side of a transcoded review copy, in pixels. */
  @WithDefault("1280")
  int reviewMaxSize();

  /** Video bit rate of a transcoded review copy, bits/s. */
  @WithDefault("2000000")
  int reviewVideoBitRate();
}
