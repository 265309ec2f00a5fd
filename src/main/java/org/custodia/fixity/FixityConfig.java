package org.custodia.fixity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Fixity checks ({@code custodia.fixity.*}). */
@ConfigMapping(prefix = "custodia.fixity")
public interface FixityConfig {

  /** The period in which a scheduled full scan must re-hash the whole archive. */
  @WithDefault("P30D")
  Duration fullScanPeriod();

  /**
   * The most bytes per second this instance re-hashes (all its workers together); 0 = no limit.
   * Scheduled scans go at the pace the period needs, never faster than this; requested runs go at
   * this rate.
   */
  @WithDefault("104857600")
  long maxBytesPerSecond();

  /** Whether this instance starts the scheduled full scans (the checks run on every instance). */
  @WithDefault("true")
  boolean scheduled();

  /** How often the scheduler looks whether a full scan is due and whether it keeps its pace. */
  @WithDefault("1m")
  String scheduleEvery();

  /** Checking threads in this instance (0: this instance checks nothing). */
  @WithDefault("1")
  int workers();

  /** How often an idle worker looks for work. */
  @WithDefault("5s")
  Duration pollInterval();

  /** The lease of a claimed item; renewed while it is read, taken over when it lapses. */
  @WithDefault("2m")
  Duration lease();

  /**
   * Objects in an archive bucket younger than this are not called foreign: they may belong to an
   * upload or a derived file whose record is still being committed.
   */
  @WithDefault("10m")
  Duration foreignGrace();
}
