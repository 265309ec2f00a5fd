package org.custodia.digest;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * SM3 (GB/T 32905-2016) whose running state can be exported and restored, so that a hash over a
 * multi-gigabyte upload survives a service restart without re-reading the bytes. Bouncy Castle's
 * {@code SM3Digest} cannot export its state; this implementation is checked against it and the
 * standard's test vectors.
 */
public final class Sm3 {
  public static final int DIGEST_LENGTH = 32;
  private static final int[] IV = {
    0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e
  };
  private static final int[] T = new int[64];
  private static final java.lang.invoke.VarHandle WORD =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          int[].class, java.nio.ByteOrder.BIG_ENDIAN);

  static {
    for (int j = 0; j < 64; j++) {
      T[j] = Integer.rotateLeft(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32);
    }
  }

  private final int[] v = IV.clone();
  private final byte[] block = new byte[64];
  private final int[] w = new int[68];
  private int blockLength;
  private long byteCount;

  public Sm3() {}

  /** Restores a state produced by {@link #state()}. */
  public Sm3(byte[] state) {
    if (state.length != 8 * 4 + 64 + 4 + 8) {
      throw new IllegalArgumentException("not an SM3 state");
    }
    ByteBuffer in = ByteBuffer.wrap(state);
    for (int i = 0; i < 8; i++) {
      v[i] = in.getInt();
    }
    in.get(block);
    blockLength = in.getInt();
    byteCount = in.getLong();
    if (blockLength < 0 || blockLength >= 64 || byteCount < 0 || byteCount % 64 != blockLength) {
      throw new IllegalArgumentException("inconsistent SM3 state");
    }
  }

  /** The running state: chaining value, pending block, and byte count (108 bytes). */
  public byte[] state() {
    ByteBuffer out = ByteBuffer.allocate(8 * 4 + 64 + 4 + 8);
    for (int value : v) {
      out.putInt(value);
    }
    out.put(block);
    out.putInt(blockLength);
    out.putLong(byteCount);
    return out.array();
  }

  public void update(byte[] data, int offset, int length) {
    byteCount += length;
    if (blockLength > 0) {
      int take = Math.min(64 - blockLength, length);
      System.arraycopy(data, offset, block, blockLength, take);
      blockLength += take;
      offset += take;
      length -= take;
      if (blockLength < 64) {
        return;
      }
      compress(block, 0);
      blockLength = 0;
    }
    while (length >= 64) {
      compress(data, offset);
      offset += 64;
      length -= 64;
    }
    if (length > 0) {
      System.arraycopy(data, offset, block, 0, length);
      blockLength = length;
    }
  }

  /** The digest of everything so far; this object is left unchanged. */
  public byte[] digest() {
    Sm3 copy = new Sm3(state());
    return copy.finish();
  }

  private byte[] finish() {
    long bits = byteCount * 8;
    byte[] pad = new byte[(blockLength < 56 ? 56 : 120) - blockLength + 8];
    pad[0] = (byte) 0x80;
    for (int i = 0; i < 8; i++) {
      pad[pad.length - 1 - i] = (byte) (bits >>> (8 * i));
    }
    long count = byteCount;
    update(pad, 0, pad.length);
    byteCount = count;
    ByteBuffer out = ByteBuffer.allocate(DIGEST_LENGTH);
    for (int value : v) {
      out.putInt(value);
    }
    Arrays.fill(block, (byte) 0);
    return out.array();
  }

  private void compress(byte[] data, int offset) {
    int[] w = this.w;
    for (int j = 0; j < 16; j++) {
      w[j] = (int) WORD.get(data, offset + 4 * j);
    }
    for (int j = 16; j < 68; j++) {
      int x = w[j - 16] ^ w[j - 9] ^ Integer.rotateLeft(w[j - 3], 15);
      w[j] =
          (x ^ Integer.rotateLeft(x, 15) ^ Integer.rotateLeft(x, 23))
              ^ Integer.rotateLeft(w[j - 13], 7)
              ^ w[j - 6];
    }
    int a = v[0], b = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6], h = v[7];
    // rounds 0-15 and 16-63 differ in FF, GG and T: two loops keep the branches out (~20% faster)
    for (int j = 0; j < 16; j++) {
      int a12 = Integer.rotateLeft(a, 12);
      int ss1 = Integer.rotateLeft(a12 + e + T[j], 7);
      int tt1 = (a ^ b ^ c) + d + (ss1 ^ a12) + (w[j] ^ w[j + 4]);
      int tt2 = (e ^ f ^ g) + h + ss1 + w[j];
      d = c;
      c = Integer.rotateLeft(b, 9);
      b = a;
      a = tt1;
      h = g;
      g = Integer.rotateLeft(f, 19);
      f = e;
      e = tt2 ^ Integer.rotateLeft(tt2, 9) ^ Integer.rotateLeft(tt2, 17);
    }
    for (int j = 16; j < 64; j++) {
      int a12 = Integer.rotateLeft(a, 12);
      int ss1 = Integer.rotateLeft(a12 + e + T[j], 7);
      int tt1 = ((a & b) | (c & (a | b))) + d + (ss1 ^ a12) + (w[j] ^ w[j + 4]);
      int tt2 = (g ^ (e & (f ^ g))) + h + ss1 + w[j];
      d = c;
      c = Integer.rotateLeft(b, 9);
      b = a;
      a = tt1;
      h = g;
      g = Integer.rotateLeft(f, 19);
      f = e;
      e = tt2 ^ Integer.rotateLeft(tt2, 9) ^ Integer.rotateLeft(tt2, 17);
    }
    v[0] ^= a;
    v[1] ^= b;
    v[2] ^= c;
    v[3] ^= d;
    v[4] ^= e;
    v[5] ^= f;
    v[6] ^= g;
    v[7] ^= h;
  }
}
