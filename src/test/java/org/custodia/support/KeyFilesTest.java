package org.custodia.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KeyFilesTest {
  @TempDir Path dir;

  @Test
  void instances_starting_together_on_an_empty_data_dir_all_use_one_key() throws Exception {
    int starters = 16;
    ExecutorService pool = Executors.newFixedThreadPool(starters);
    try {
      for (int round = 0; round < 20; round++) {
        Path file = dir.resolve("round-" + round).resolve("keys").resolve("access-token-es256.pem");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<KeyPair>> pairs = new ArrayList<>();
        for (int i = 0; i < starters; i++) {
          pairs.add(
              pool.submit(
                  () -> {
                    go.await();
                    return KeyFiles.ecP256(file);
                  }));
        }
        go.countDown();
        Set<String> publicKeys = new HashSet<>();
        for (Future<KeyPair> pair : pairs) {
          publicKeys.add(java.util.HexFormat.of().formatHex(pair.get().getPublic().getEncoded()));
        }
        assertThat(publicKeys).as("round " + round).hasSize(1);
        // and it is the key on disk, which the next start loads
        assertThat(
                java.util.HexFormat.of().formatHex(KeyFiles.ecP256(file).getPublic().getEncoded()))
            .isEqualTo(publicKeys.iterator().next());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
            .isEqualTo("rw-------");
        try (var left = Files.list(file.getParent())) {
          assertThat(left.map(p -> p.getFileName().toString()))
              .containsExactly(file.getFileName().toString());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void of_writers_racing_to_one_secret_exactly_one_publishes_and_the_file_is_its_bytes()
      throws Exception {
    int writers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int round = 0; round < 20; round++) {
        Path file = dir.resolve("secret-" + round).resolve("identifier-hmac.key");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> published = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
          byte[] mine = new byte[32];
          java.util.Arrays.fill(mine, (byte) i);
          published.add(
              pool.submit(
                  () -> {
                    go.await();
                    return KeyFiles.writeOnce(file, mine) ? Boolean.TRUE : null;
                  }));
        }
        go.countDown();
        int winners = 0;
        for (Future<Boolean> p : published) {
          winners += p.get() == null ? 0 : 1;
        }
        assertThat(winners).as("round " + round).isEqualTo(1);
        byte[] onDisk = Files.readAllBytes(file);
        assertThat(onDisk).hasSize(32);
        for (byte b : onDisk) {
          assertThat(b).isEqualTo(onDisk[0]);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a_secret_is_generated_once_then_read_back_and_a_wrong_length_is_refused() throws Exception {
    Path file = dir.resolve("keys").resolve("login-throttle-hmac.key");
    byte[] first = KeyFiles.secret(file, 32);
    assertThat(first).hasSize(32);
    assertThat(KeyFiles.secret(file, 32)).isEqualTo(first);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    Path shorter = dir.resolve("keys").resolve("short.key");
    Files.write(shorter, new byte[31]);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeyFiles.secret(shorter, 32))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exactly 32 bytes");
  }
}
