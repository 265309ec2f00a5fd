package org.custodia.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Signature;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.custodia.testing.KeyStores;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ServiceKeysTest {
  @TempDir Path dir;

  @Test
  void keys_exported_from_a_data_directory_load_from_the_store_as_the_same_keys() throws Exception {
    Path data = dir.resolve("data");
    Path store = KeyStores.exported(data, dir.resolve("keys.p12"));
    ServiceKeys files = new ServiceKeys(data, Optional.empty(), Optional.empty());
    ServiceKeys shared = KeyStores.instance(dir.resolve("instance"), store);

    for (String[] secret :
        new String[][] {
          {KeyStoreFile.IDENTIFIER_HMAC, "identifier-hmac.key"},
          {KeyStoreFile.LOGIN_THROTTLE_HMAC, "login-throttle-hmac.key"}
        }) {
      assertThat(shared.secret(secret[0], "unused", 32))
          .as(secret[0])
          .isEqualTo(files.secret(secret[0], secret[1], 32));
    }
    assertThat(shared.ecP256(KeyStoreFile.ACCESS_TOKEN, "unused").getPublic().getEncoded())
        .isEqualTo(
            files
                .ecP256(KeyStoreFile.ACCESS_TOKEN, "access-token-es256.pem")
                .getPublic()
                .getEncoded());
    Signer fromStore = shared.ed25519(KeyStoreFile.AUDIT_CHECKPOINT, dir.resolve("unused.pem"));
    Signer fromFile = files.ed25519(KeyStoreFile.AUDIT_CHECKPOINT, KeyStores.auditKey(data));
    assertThat(fromStore.algorithm()).isEqualTo(Signer.Algorithm.ED25519);
    assertThat(fromStore.publicKey().getEncoded()).isEqualTo(fromFile.publicKey().getEncoded());
    assertThat(verifies(fromFile, fromStore.sign(bytes("checkpoint body")), "checkpoint body"))
        .isTrue();
    // nothing was generated into the instance's own data directory
    assertThat(dir.resolve("instance").resolve("keys")).doesNotExist();
  }

  @Test
  void two_instances_loading_one_store_agree() throws Exception {
    Path store = KeyStores.exported(dir.resolve("data"), dir.resolve("keys.p12"));
    ServiceKeys a = KeyStores.instance(dir.resolve("a"), store);
    ServiceKeys b = KeyStores.instance(dir.resolve("b"), store);
    assertThat(a.secret(KeyStoreFile.IDENTIFIER_HMAC, "x", 32))
        .isEqualTo(b.secret(KeyStoreFile.IDENTIFIER_HMAC, "x", 32));
    assertThat(a.secret(KeyStoreFile.LOGIN_THROTTLE_HMAC, "x", 32))
        .isEqualTo(b.secret(KeyStoreFile.LOGIN_THROTTLE_HMAC, "x", 32))
        .isNotEqualTo(a.secret(KeyStoreFile.IDENTIFIER_HMAC, "x", 32));
    Signer signerA = a.ed25519(KeyStoreFile.AUDIT_CHECKPOINT, dir.resolve("x"));
    Signer signerB = b.ed25519(KeyStoreFile.AUDIT_CHECKPOINT, dir.resolve("x"));
    assertThat(verifies(signerB, signerA.sign(bytes("tree head")), "tree head")).isTrue();
    assertThat(verifies(signerB, signerA.sign(bytes("tree head")), "other head")).isFalse();
  }

  @Test
  void a_store_missing_any_required_entry_refuses_to_start_naming_the_alias() throws Exception {
    Path store = KeyStores.exported(dir.resolve("data"), dir.resolve("keys.p12"));
    for (String alias :
        java.util.stream.Stream.concat(
                KeyStoreFile.REQUIRED.stream(), java.util.stream.Stream.of("signer-1-ec"))
            .toList()) {
      Path without = dir.resolve("without-" + alias + ".p12");
      KeyStore ks = read(store);
      ks.deleteEntry(alias);
      KeyStoreFile.save(ks, without, KeyStores.PASSWORD.toCharArray());
      assertThatThrownBy(() -> KeyStores.instance(dir.resolve("i"), without))
          .as(alias)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("has no entry '" + alias + "'");
    }
    assertThatThrownBy(
            () -> new ServiceKeys(dir.resolve("i"), Optional.of(store), Optional.empty()))
        .hasMessageContaining("CUSTODIA_KEYS_PASSWORD");
    assertThat(dir.resolve("i").resolve("keys")).doesNotExist();
  }

  @Test
  void the_export_refuses_missing_key_files_and_an_existing_store() throws Exception {
    Path data = dir.resolve("data");
    KeyStores.dataDir(data);
    Files.delete(data.resolve("keys").resolve("login-throttle-hmac.key"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env = Map.of("CUSTODIA_KEYS_PASSWORD", KeyStores.PASSWORD);
    String[] args = {"--data-dir", data.toString(), "--out", dir.resolve("k.p12").toString()};
    assertThat(KeyExport.run(args, env, System.out, new PrintStream(err))).isEqualTo(2);
    assertThat(err.toString()).contains("login-throttle-hmac.key");
    assertThat(dir.resolve("k.p12")).doesNotExist();

    KeyStores.dataDir(data); // a fresh throttle key: the export now completes
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(KeyExport.run(args, env, new PrintStream(out), System.err)).isEqualTo(0);
    assertThat(out.toString()).contains("access-token", "signer-1-sm2");
    assertThat(KeyExport.run(args, env, System.out, new PrintStream(err))).isEqualTo(2);
    assertThat(err.toString()).contains("exists");
    assertThat(KeyExport.run(args, Map.of(), System.out, new PrintStream(err))).isEqualTo(2);
  }

  private static KeyStore read(Path store) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, KeyStores.PASSWORD.toCharArray());
    }
    return ks;
  }

  private static boolean verifies(Signer signer, byte[] signature, String text) throws Exception {
    Signature s = Signature.getInstance("Ed25519");
    s.initVerify(signer.publicKey());
    s.update(bytes(text));
    return s.verify(signature);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
