package org.custodia.keys;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import org.custodia.config.CustodiaConfig;
import org.custodia.support.KeyFiles;

/**
 * Where every service key comes from: the PKCS#12 key store {@code custodia.keys.store} when set
 * (every instance loading the same file agrees; checked at start), else today's files under {@code
 * <data-dir>/keys/}, generated on first start (one instance, zero configuration).
 */
@ApplicationScoped
public class ServiceKeys {
  private final Path keysDir;
  private final KeyStoreFile store;

  @Inject
  ServiceKeys(CustodiaConfig config, KeysConfig keys) {
    this(Path.of(config.dataDir()), keys.store().map(Path::of), keys.password());
  }

  /** Keys of a data directory, or of {@code store} when present (password required then). */
  public ServiceKeys(Path dataDir, Optional<Path> store, Optional<String> password) {
    this.keysDir = dataDir.resolve("keys");
    this.store =
        store
            .map(
                file ->
                    KeyStoreFile.load(
                        file,
                        password
                            .orElseThrow(
                                () ->
                                    new IllegalStateException(
                                        "custodia.keys.store is set but its password"
                                            + " (CUSTODIA_KEYS_PASSWORD) is not"))
                            .toCharArray()))
            .orElse(null);
  }

  /** Loads (and checks) the key store before anything else starts. */
  void onStart(@Observes @Priority(1) StartupEvent event) {
    // constructing this bean is the check; nothing else to do
  }

  /** The shared key store, when one is configured. */
  public Optional<KeyStoreFile> store() {
    return Optional.ofNullable(store);
  }

  /** The secret {@code alias} of the store, or the key file {@code <data-dir>/keys/<file>}. */
  public byte[] secret(String alias, String file, int bytes) {
    return store != null
        ? store.secret(alias, bytes)
        : KeyFiles.secret(keysDir.resolve(file), bytes);
  }

  /**
   * The P-256 key pair {@code alias} of the store, or the key file {@code <data-dir>/keys/<file>}.
   */
  public KeyPair ecP256(String alias, String file) {
    return store != null ? store.keyPair(alias) : KeyFiles.ecP256(keysDir.resolve(file));
  }

  /** The Ed25519 signer {@code alias} of the store, or over the key file {@code file}. */
  public Signer ed25519(String alias, Path file) {
    if (store != null) {
      KeyPair pair = store.keyPair(alias);
      return new SoftwareSigner(
          Signer.Algorithm.ED25519, pair.getPrivate(), pair.getPublic(), store.chain(alias));
    }
    KeyPair pair = KeyFiles.ed25519(file);
    return new SoftwareSigner(
        Signer.Algorithm.ED25519, pair.getPrivate(), pair.getPublic(), List.of());
  }
}
