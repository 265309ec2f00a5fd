package org.custodia.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class Sm3Test {

  @Test
  void matches_the_test_vectors_of_gb_t_32905() {
    assertThat(hex(ours("abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    assertThat(hex(ours("abcd".repeat(16).getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
  }

  @Test
  void matches_bouncy_castle_on_random_inputs_fed_in_random_pieces() {
    Random random = new Random(7);
    for (int n = 0; n < 300; n++) {
      byte[] data = new byte[random.nextInt(5_000)];
      random.nextBytes(data);
      Sm3 ours = new Sm3();
      int pos = 0;
      while (pos < data.length) {
        int len = Math.min(data.length - pos, random.nextInt(200));
        ours.update(data, pos, len);
        pos += len;
      }
      SM3Digest reference = new SM3Digest();
      reference.update(data, 0, data.length);
      byte[] expected = new byte[32];
      reference.doFinal(expected, 0);
      assertThat(ours.digest()).as("length %d", data.length).isEqualTo(expected);
    }
  }

  @Test
  void a_saved_state_continues_exactly_where_it_stopped() {
    Random random = new Random(11);
    byte[] data = new byte[100_003];
    random.nextBytes(data);
    for (int cut : new int[] {0, 1, 63, 64, 65, 4_096, 77_777, data.length}) {
      StreamingDigests first = new StreamingDigests();
      first.update(data, 0, cut);
      StreamingDigests resumed = StreamingDigests.restore(first.state());
      resumed.update(data, cut, data.length - cut);
      StreamingDigests.Result result = resumed.result();
      assertThat(result.sm3()).as("cut %d", cut).isEqualTo(sm3(data));
      assertThat(result.sha256()).as("cut %d", cut).isEqualTo(sha256(data));
    }
  }

  @Test
  void pipelined_digests_equal_the_sequential_ones_and_save_the_same_state() {
    Random random = new Random(13);
    byte[] data = new byte[3_000_001];
    random.nextBytes(data);
    try (StreamingDigests pipelined = new StreamingDigests().pipelined()) {
      StreamingDigests sequential = new StreamingDigests();
      int pos = 0;
      while (pos < data.length) {
        int len = Math.min(data.length - pos, 1 + random.nextInt(700_000));
        pipelined.update(data, pos, len);
        sequential.update(data, pos, len);
        pos += len;
        if (random.nextInt(4) == 0) {
          assertThat(pipelined.state()).isEqualTo(sequential.state());
        }
      }
      assertThat(pipelined.result().sm3()).isEqualTo(sm3(data));
      assertThat(pipelined.result().sha256()).isEqualTo(sha256(data));
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void a_stream_that_finds_every_worker_busy_digests_on_its_own_thread() {
    byte[] data = new byte[1_000_003];
    new Random(17).nextBytes(data);
    try (StreamingDigests.Workers one = new StreamingDigests.Workers("sm3-test", 1);
        StreamingDigests first = new StreamingDigests().pipelined(one);
        StreamingDigests second = new StreamingDigests().pipelined(one)) {
      first.update(data, 0, data.length);
      second.update(data, 0, data.length);
      assertThat(first.result().sm3()).isEqualTo(sm3(data));
      assertThat(second.result().sm3()).isEqualTo(sm3(data));
      assertThat(second.result().sha256()).isEqualTo(sha256(data));
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(120)
  void a_worker_that_dies_mid_stream_makes_the_digests_fail_never_come_out_short()
      throws Exception {
    byte[] data = new byte[1024 * 1024];
    new java.util.Random(7).nextBytes(data);
    try (StreamingDigests.Workers one = new StreamingDigests.Workers("sm3-dies", 1);
        StreamingDigests d = new StreamingDigests().pipelined(one)) {
      d.update(data, 0, data.length);
      d.state();
      Thread worker =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().startsWith("sm3-dies-"))
              .findFirst()
              .orElseThrow();
      // the worker is idle between chunks; interrupted, it ends its pipeline (its pool thread
      // lives on, idle, so it is not joined)
      worker.interrupt();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> {
                d.update(data, 0, data.length);
                d.result();
              })
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("SM3 worker");
      org.assertj.core.api.Assertions.assertThatThrownBy(d::state)
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void digest_leaves_the_running_state_unchanged() {
    Sm3 sm3 = new Sm3();
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    sm3.update(abc, 0, 3);
    byte[] once = sm3.digest();
    assertThat(sm3.digest()).isEqualTo(once);
    sm3.update(abc, 0, 3);
    assertThat(sm3.digest()).isEqualTo(sm3("abcabc".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void a_corrupted_state_is_refused() {
    byte[] state = new Sm3().state();
    state[state.length - 1] = 5; // byte count no longer matches the pending block
    assertThatThrownBy(() -> new Sm3(state)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Sm3(new byte[3])).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] ours(byte[] data) {
    Sm3 sm3 = new Sm3();
    sm3.update(data, 0, data.length);
    return sm3.digest();
  }

  private static byte[] sm3(byte[] data) {
    SM3Digest d = new SM3Digest();
    d.update(data, 0, data.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
