package org.custodia.integrity;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Registers the Bouncy Castle provider once per JVM (SM2 and SM3 need it). */
final class Bc {
  static final String PROVIDER = BouncyCastleProvider.PROVIDER_NAME;

  static {
    if (Security.getProvider(PROVIDER) == null) {
      Security.addProvider(new BouncyCastleProvider());
    }
  }

  private Bc() {}

  /** Ensures registration (the class initialiser runs once). */
  static Provider provider() {
    return Security.getProvider(PROVIDER);
  }
}
