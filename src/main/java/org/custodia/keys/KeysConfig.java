package org.custodia.keys;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The shared key store ({@code custodia.keys.*}). */
@ConfigMapping(prefix = "custodia.keys")
public interface KeysConfig {
  /**
   * A PKCS#12 file holding every service key (see {@link KeyStoreFile#REQUIRED}); when absent, each
   * key is a file under {@code <data-dir>/keys/}, generated on first start.
   */
  Optional<String> store();

  /** Password of the store; set it through the environment ({@code CUSTODIA_KEYS_PASSWORD}). */
  Optional<String> password();
}
