package org.custodia.export;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Dossier exports ({@code custodia.export.*}). */
@ConfigMapping(prefix = "custodia.export")
public interface ExportConfig {

  /** Whether an export needs a second person's approval (off only for small deployments). */
  @WithDefault("true")
  boolean approvalRequired();

  /** How long a built package is kept before it expires and its object is deleted. */
  @WithDefault("P30D")
  Duration retention();

  /**
   * The language of data/custody-report.html when the request does not choose one: {@code zh-CN} or
   * {@code en}.
   */
  @WithDefault("zh-CN")
  String reportLanguage();

  /** How often the expiry job looks for packages past their retention. */
  @WithDefault("10m")
  String expiryInterval();

  /** Package-building threads in this instance (0: this instance builds none). */
  @WithDefault("1")
  int workers();

  /** How often an idle worker looks for an approved export. */
  @WithDefault("2s")
  Duration pollInterval();

  /** The lease of a build; renewed as it progresses, taken over when it lapses. */
  @WithDefault("2m")
  Duration lease();

  /** Bytes of the package spooled to a local file before they go to the store as one part. */
  @WithDefault("16777216")
  int partSize();
}
