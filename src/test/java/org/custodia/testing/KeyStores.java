package org.custodia.testing;

import java.nio.file.Path;
import java.util.Optional;
import org.custodia.integrity.StandaloneSigner;
import org.custodia.keys.KeyExport;
import org.custodia.keys.KeyStoreFile;
import org.custodia.keys.ServiceKeys;

/** Key directories and shared key stores generated at test time. */
public final class KeyStores {
  public static final String PASSWORD = "test-store-password";

  private KeyStores() {}

  /** The file-mode keys of {@code dataDir}, every key file generated (as a first start does). */
  public static ServiceKeys dataDir(Path dataDir) {
    ServiceKeys keys = new ServiceKeys(dataDir, Optional.empty(), Optional.empty());
    keys.secret(KeyStoreFile.IDENTIFIER_HMAC, "identifier-hmac.key", 32);
    keys.secret(KeyStoreFile.LOGIN_THROTTLE_HMAC, "login-throttle-hmac.key", 32);
    keys.ecP256(KeyStoreFile.ACCESS_TOKEN, "access-token-es256.pem");
    keys.ed25519(KeyStoreFile.AUDIT_CHECKPOINT, auditKey(dataDir));
    StandaloneSigner.open(dataDir.resolve("keys").resolve("signing"));
    return keys;
  }

  public static Path auditKey(Path dataDir) {
    return dataDir.resolve("keys").resolve("audit-checkpoint.pem");
  }

  /** Exports the key files of {@code dataDir} (generated first) into {@code store}. */
  public static Path exported(Path dataDir, Path store) throws Exception {
    dataDir(dataDir);
    KeyExport.export(dataDir, auditKey(dataDir), store, PASSWORD.toCharArray());
    return store;
  }

  /** An instance's keys loaded from {@code store} (its own, empty data directory). */
  public static ServiceKeys instance(Path instanceDir, Path store) {
    return new ServiceKeys(instanceDir, Optional.of(store), Optional.of(PASSWORD));
  }
}
