package org.custodia.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.custodia.keys.KeyStoreFile;
import org.custodia.keys.Signer;
import org.custodia.testing.KeyStores;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SharedCheckpointKeyTest {
  @TempDir Path dir;

  @Test
  void a_checkpoint_signed_through_one_instances_signer_verifies_with_the_others_key()
      throws Exception {
    Path data = dir.resolve("data");
    Path store = KeyStores.exported(data, dir.resolve("keys.p12"));
    Signer a =
        KeyStores.instance(dir.resolve("a"), store)
            .ed25519(KeyStoreFile.AUDIT_CHECKPOINT, dir.resolve("x"));
    Signer b =
        KeyStores.instance(dir.resolve("b"), store)
            .ed25519(KeyStoreFile.AUDIT_CHECKPOINT, dir.resolve("x"));
    SignedCheckpoint cp =
        SignedCheckpoint.sign(
            "custodia.test/log", 7, new byte[32], Instant.now(), a.publicKey(), a::sign);

    SignedCheckpoint read = SignedCheckpoint.parse(cp.note());
    assertThat(read.verifies(b.publicKey())).isTrue();
    assertThat(read.keyHash())
        .isEqualTo(SignedCheckpoint.keyHash("custodia.test/log", b.publicKey()));
    // the key file the store was exported from is the same key
    Signer file =
        KeyStores.dataDir(data).ed25519(KeyStoreFile.AUDIT_CHECKPOINT, KeyStores.auditKey(data));
    assertThat(read.verifies(file.publicKey())).isTrue();
    Signer other =
        KeyStores.dataDir(dir.resolve("other"))
            .ed25519(KeyStoreFile.AUDIT_CHECKPOINT, KeyStores.auditKey(dir.resolve("other")));
    assertThat(read.verifies(other.publicKey())).isFalse();
  }
}
