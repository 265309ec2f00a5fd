package org.custodia.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Random;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class Sha256Test {
  private static final int[] CUTS = {0, 1, 3, 4, 5, 55, 56, 63, 64, 65, 127, 4_096, 77_777};

  @Test
  void the_test_jvm_runs_on_the_jdk_implementation() {
    // surefire opens java.base/sun.security.provider like scripts/run does: if this fails, the
    // service silently runs on the slow fallback
    assertThat(Sha256.accelerated()).isTrue();
    assertThat(Sha256.create()).isInstanceOf(Sha256.Jdk.class);
  }

  @Test
  void matches_the_jdk_on_random_inputs_fed_in_random_pieces() {
    Random random = new Random(3);
    for (int n = 0; n < 200; n++) {
      byte[] data = new byte[random.nextInt(5_000)];
      random.nextBytes(data);
      for (Sha256 digest : new Sha256[] {Sha256.create(), bc()}) {
        int pos = 0;
        while (pos < data.length) {
          int len = Math.min(data.length - pos, random.nextInt(200));
          digest.update(data, pos, len);
          pos += len;
        }
        assertThat(digest.digest()).as("length %d", data.length).isEqualTo(sha256(data));
        assertThat(digest.digest())
            .as("digest() leaves the state unchanged")
            .isEqualTo(sha256(data));
      }
    }
  }

  @Test
  void a_state_saved_by_either_implementation_resumes_on_either() {
    byte[] data = new byte[100_003];
    new Random(5).nextBytes(data);
    for (int cut : CUTS) {
      for (Sha256 first : new Sha256[] {Sha256.create(), bc()}) {
        first.update(data, 0, cut);
        byte[] state = first.state();
        assertThat(state.length).as("cut %d", cut).isEqualTo(40 + cut % 64);
        for (Sha256 resumed : new Sha256[] {Sha256.restore(state), bcRestored(state)}) {
          resumed.update(data, cut, data.length - cut);
          assertThat(resumed.digest())
              .as("cut %d, %s -> %s", cut, first.getClass(), resumed.getClass())
              .isEqualTo(sha256(data));
        }
      }
    }
  }

  @Test
  void reads_the_bouncy_castle_states_saved_before_it_existed() {
    byte[] data = new byte[10_000];
    new Random(9).nextBytes(data);
    for (int cut : CUTS) {
      if (cut > data.length) {
        continue;
      }
      SHA256Digest old = new SHA256Digest();
      old.update(data, 0, cut);
      Sha256 resumed = Sha256.restore(Sha256.fromBouncyCastle(old.getEncodedState()));
      resumed.update(data, cut, data.length - cut);
      assertThat(resumed.digest()).as("cut %d", cut).isEqualTo(sha256(data));
    }
  }

  @Test
  void a_legacy_streaming_state_still_resumes() {
    byte[] data = new byte[5_000];
    new Random(13).nextBytes(data);
    int cut = 1_234;
    SHA256Digest old = new SHA256Digest();
    old.update(data, 0, cut);
    Sm3 sm3 = new Sm3();
    sm3.update(data, 0, cut);
    byte[] a = old.getEncodedState();
    byte[] b = sm3.state();
    byte[] legacy =
        ByteBuffer.allocate(4 + a.length + b.length).putInt(a.length).put(a).put(b).array();
    StreamingDigests resumed = StreamingDigests.restore(legacy);
    resumed.update(data, cut, data.length - cut);
    assertThat(resumed.result().sha256()).isEqualTo(sha256(data));
    Sm3 whole = new Sm3();
    whole.update(data, 0, data.length);
    assertThat(resumed.result().sm3()).isEqualTo(whole.digest());
  }

  @Test
  void refuses_inconsistent_states() {
    byte[] state = Sha256.create().state();
    assertThatThrownBy(() -> Sha256.restore(new byte[12]))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] longer = java.util.Arrays.copyOf(state, state.length + 1);
    assertThatThrownBy(() -> Sha256.restore(longer)).isInstanceOf(IllegalArgumentException.class);
  }

  private static Sha256 bc() {
    return new Sha256.Bc(new SHA256Digest());
  }

  private static Sha256 bcRestored(byte[] state) {
    return Sha256.restore(state, bc());
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
