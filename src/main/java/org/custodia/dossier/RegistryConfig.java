package org.custodia.dossier;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;

/** Registry settings ({@code custodia.registry.*}). */
@ConfigMapping(prefix = "custodia.registry")
public interface RegistryConfig {
  /** Time zone in which certificate validity dates and birth dates are read. */
  @WithDefault("Asia/Shanghai")
  ZoneId timeZone();
}
