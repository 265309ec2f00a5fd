package org.custodia.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.custodia.dossier.IdentifierHasher;
import org.custodia.keys.KeyStoreFile;
import org.custodia.keys.ServiceKeys;
import org.custodia.testing.KeyStores;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two service instances configured with one key store agree on tokens and identifier HMACs. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SharedKeysTest {
  @TempDir Path dir;

  private static TokenService tokens(ServiceKeys keys) {
    return new TokenService(
        keys.ecP256(KeyStoreFile.ACCESS_TOKEN, "access-token-es256.pem"), "custodia-test", 600);
  }

  private static User user() {
    Instant now = Instant.now();
    return new User(UUID.randomUUID(), "shared", "x", Role.values()[0], null, true, now, now);
  }

  @Test
  void a_token_issued_by_one_instance_verifies_on_the_other() throws Exception {
    Path data = dir.resolve("data");
    Path store = KeyStores.exported(data, dir.resolve("keys.p12"));
    TokenService a = tokens(KeyStores.instance(dir.resolve("a"), store));
    TokenService b = tokens(KeyStores.instance(dir.resolve("b"), store));
    User user = user();

    TokenService.Verified v = b.verify(a.issue(user).token());
    assertThat(v).isNotNull();
    assertThat(v.userId()).isEqualTo(user.id());
    assertThat(a.verify(b.issue(user).token())).isNotNull();
    // the single-instance service whose files were exported: its tokens stay valid after the move
    assertThat(b.verify(tokens(KeyStores.dataDir(data)).issue(user).token())).isNotNull();
    // an instance with keys of its own (no shared store) rejects them: the store is what agrees
    assertThat(tokens(KeyStores.dataDir(dir.resolve("other"))).verify(a.issue(user).token()))
        .isNull();
  }

  @Test
  void both_instances_hash_an_identifier_alike_and_as_before_the_move() throws Exception {
    Path data = dir.resolve("data");
    Path store = KeyStores.exported(data, dir.resolve("keys.p12"));
    IdentifierHasher a = new IdentifierHasher(KeyStores.instance(dir.resolve("a"), store));
    IdentifierHasher b = new IdentifierHasher(KeyStores.instance(dir.resolve("b"), store));
    String id = "110101199003077777";
    assertThat(a.hash(id)).isEqualTo(b.hash(id));
    assertThat(a.hash(id)).isEqualTo(new IdentifierHasher(KeyStores.dataDir(data)).hash(id));
    assertThat(a.hash(id))
        .isNotEqualTo(new IdentifierHasher(KeyStores.dataDir(dir.resolve("other"))).hash(id));
  }
}
