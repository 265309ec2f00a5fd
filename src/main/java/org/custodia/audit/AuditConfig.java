package org.custodia.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The audit log ({@code custodia.audit.*}). */
@ConfigMapping(prefix = "custodia.audit")
public interface AuditConfig {

  /**
   * Pause between two integrator runs: the longest a committed event waits for its leaf index (plus
   * one run's time). Runs on a timer of its own, so sub-second values are honoured (Quarkus'
   * scheduler runs nothing more often than once a second).
   */
  @WithDefault("200ms")
  Duration integrateEvery();

  /**
   * The oldest a queued event may get before the audit-log health check (a wellness check: it
   * alerts, it does not take the instance out of service) reports DOWN.
   */
  @WithDefault("5m")
  Duration maxBacklogAge();

  /** Queued events taken per integrator transaction. */
  @WithDefault("5000")
  int batchSize();

  /** How often a signed checkpoint is issued when the tree grew (scheduler syntax). */
  @WithDefault("10s")
  String checkpointEvery();

  /**
   * Origin line of the checkpoints and name of the signing key (C2SP: a schema-less URL, no spaces,
   * no '+'). Set one per deployment, e.g. {@code archive.example.gov/custodia/audit}.
   */
  @WithDefault("custodia.local/audit")
  String origin();

  /** File of the Ed25519 checkpoint key, relative to {@code custodia.data-dir}. */
  @WithDefault("keys/audit-checkpoint.pem")
  String keyFile();
}
