package org.custodia.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Large files hashed on two threads give exactly the one-thread digests. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SplitDigestTest {

  @Test
  void every_digest_equals_the_one_thread_digest_across_buffer_boundaries() throws Exception {
    byte[] data = new byte[5 * SplitDigest.BUFFER + 17];
    new Random(16).nextBytes(data);
    for (int length : new int[] {0, 1, SplitDigest.BUFFER, SplitDigest.BUFFER + 1, data.length}) {
      List<Algorithm> algs = List.of(Algorithm.SHA256, Algorithm.SHA512, Algorithm.SM3);
      List<Algorithm.Hasher> split = algs.stream().map(Algorithm::hasher).toList();
      // a stream that answers in odd pieces, as an inflating zip entry does
      InputStream in =
          new ByteArrayInputStream(data, 0, length) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
              return super.read(b, off, Math.min(len, 7_001));
            }
          };
      assertThat(SplitDigest.digest(in, split, split.get(2))).isEqualTo(length);
      for (int i = 0; i < algs.size(); i++) {
        Algorithm.Hasher one = algs.get(i).hasher();
        one.update(data, 0, length);
        assertThat(split.get(i).digest()).as(algs.get(i) + " of " + length).isEqualTo(one.digest());
      }
    }
  }

  @Test
  void a_read_that_fails_half_way_fails_the_digest_and_ends_the_second_thread() {
    InputStream broken =
        new InputStream() {
          private int served;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (served > 3 * SplitDigest.BUFFER) {
              throw new IOException("corrupt zip data");
            }
            served += len;
            return len;
          }
        };
    List<Algorithm.Hasher> hashers = List.of(Algorithm.SHA256.hasher(), Algorithm.SM3.hasher());
    assertThatThrownBy(() -> SplitDigest.digest(broken, hashers, hashers.get(1)))
        .isInstanceOf(IOException.class)
        .hasMessage("corrupt zip data");
    assertThat(
            Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("verify-digest"))
                .filter(Thread::isAlive)
                .count())
        .isZero();
  }
}
