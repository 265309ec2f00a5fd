package org.custodia.preservation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The four-property check ({@code custodia.preservation.*}, docs/four-property-check.md). */
@ConfigMapping(prefix = "custodia.preservation")
public interface PreservationConfig {

  /**
   * The allowed archival formats (JSON, docs/four-property-check.md). Absent: the list bundled in
   * the application (storage-config/preservation.json).
   */
  Optional<String> formatsFile();

  /** Checking threads in this instance (0: this instance checks nothing). */
  @WithDefault("1")
  int workers();

  /** How often an idle worker looks for a queued check. */
  @WithDefault("5s")
  Duration pollInterval();

  /** The lease of a running check; renewed after each record, taken over when it lapses. */
  @WithDefault("5m")
  Duration lease();

  /** Times a check is tried before it is FAILED (the store unreadable every time). */
  @WithDefault("3")
  int maxAttempts();

  /** Whether this instance queues the periodic checks of closed cases. */
  @WithDefault("true")
  boolean periodic();

  /** A closed case is checked again once its last check is older than this. */
  @WithDefault("P365D")
  Duration period();

  /** How often the scheduler queues the periodic checks that are due. */
  @WithDefault("1h")
  String scheduleEvery();

  /** At most this many periodic checks are queued per scheduler run (oldest-checked first). */
  @WithDefault("2")
  int perRun();

  /**
   * An object under a record's key prefixes younger than this is only a warning, not a foreign
   * object: its record may still be committing.
   */
  @WithDefault("10m")
  Duration foreignGrace();
}
