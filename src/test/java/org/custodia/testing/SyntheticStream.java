package org.custodia.testing;

import java.io.InputStream;

/**
 * A deterministic pseudo-random byte stream of any length, generated on the fly (never held in
 * memory): byte i is a function of (seed, i), so any range can be recomputed to compare with.
 */
public final class SyntheticStream extends InputStream {
  private final long seed;
  private final long length;
  private long position;

  public SyntheticStream(long seed, long length) {
    this.seed = seed;
    this.length = length;
  }

  public static int byteAt(long seed, long index) {
    long z = seed + (index >>> 3) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (int) ((z >>> ((index & 7) * 8)) & 0xFF);
  }

  @Override
  public int read() {
    return position < length ? byteAt(seed, position++) : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (position >= length) {
      return -1;
    }
    int n = (int) Math.min(len, length - position);
    for (int i = 0; i < n; i++) {
      b[off + i] = (byte) byteAt(seed, position + i);
    }
    position += n;
    return n;
  }

  /** A stream over bytes [first, last] of the same sequence. */
  public static InputStream range(long seed, long first, long last) {
    SyntheticStream s = new SyntheticStream(seed, last + 1);
    s.position = first;
    return s;
  }
}
