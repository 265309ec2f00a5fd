package org.custodia.dossier;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.custodia.keys.KeyStoreFile;
import org.custodia.keys.ServiceKeys;

/**
 * HMAC-SHA256 of subject identifiers, so that a person's ID number can be found by its exact value
 * but cannot be read back from the database. The 32-byte key is generated on first start into
 * {@code <data-dir>/keys/identifier-hmac.key} (owner-only) and must be backed up with the database:
 * without it no identifier can be searched.
 */
@ApplicationScoped
public class IdentifierHasher {
  static final int KEY_BYTES = 32;

  private final SecretKeySpec key;

  public IdentifierHasher(ServiceKeys keys) {
    this.key =
        new SecretKeySpec(
            keys.secret(KeyStoreFile.IDENTIFIER_HMAC, "identifier-hmac.key", KEY_BYTES),
            "HmacSHA256");
  }

  /** HMAC-SHA256 of the normalised identifier. */
  public byte[] hash(String identifier) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(Identifiers.normalise(identifier).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
