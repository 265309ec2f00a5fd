package org.custodia.digest;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.security.MessageDigestSpi;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.jboss.logging.Logger;

/**
 * SHA-256 whose running state can be exported and restored, like {@link Sm3}, so that a hash over a
 * multi-gigabyte upload survives a restart without re-reading the bytes.
 *
 * <p>It runs on the JDK's implementation, which the JIT compiles to the CPU's SHA instructions
 * (~1.5 GB/s on this project's machines, against ~210 MB/s for Bouncy Castle's), reading and
 * writing that implementation's internal fields. That needs {@code --add-opens
 * java.base/sun.security.provider=ALL-UNNAMED}, which the test JVM and the scripts set (the jar's
 * manifest cannot: Quarkus writes its {@code Add-Opens} from its extensions' needs). Without it,
 * Bouncy Castle's digest is used, and {@code custodia_sha256_accelerated} and the wellness check
 * {@code sha256-accelerated} say so. Both export the same portable state (chaining value, byte
 * count, pending bytes), so a state saved by one is resumed by the other.
 */
public abstract sealed class Sha256 permits Sha256.Jdk, Sha256.Bc {
  public static final int DIGEST_LENGTH = 32;
  private static final int HEADER = 8 * 4 + 8;
  private static final Logger LOG = Logger.getLogger(Sha256.class);

  /** A new digest, on the JDK's implementation when this JVM lets us export its state. */
  public static Sha256 create() {
    return Jdk.AVAILABLE ? new Jdk() : new Bc(new SHA256Digest());
  }

  /**
   * The lower-case hex SHA-256 of {@code text}'s UTF-8 bytes: what audit details carry instead of a
   * free-text reason, so the log proves the text without holding it.
   */
  public static String hexOfText(String text) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Sha256 d = create();
    d.update(bytes, 0, bytes.length);
    return java.util.HexFormat.of().formatHex(d.digest());
  }

  /** True when digests run on the JDK's (hardware-accelerated) implementation. */
  public static boolean accelerated() {
    return Jdk.AVAILABLE;
  }

  /** Restores a state produced by {@link #state()}. */
  public static Sha256 restore(byte[] state) {
    return restore(state, create());
  }

  /** Loads a portable state into {@code target} (either implementation). */
  static Sha256 restore(byte[] state, Sha256 target) {
    ByteBuffer in = ByteBuffer.wrap(state);
    if (state.length < HEADER) {
      throw new IllegalArgumentException("not a SHA-256 state");
    }
    int[] h = new int[8];
    for (int i = 0; i < 8; i++) {
      h[i] = in.getInt();
    }
    long count = in.getLong();
    if (count < 0 || in.remaining() != count % 64) {
      throw new IllegalArgumentException("inconsistent SHA-256 state");
    }
    byte[] pending = new byte[in.remaining()];
    in.get(pending);
    target.load(h, count, pending);
    return target;
  }

  /**
   * Reads the encoded state of a Bouncy Castle {@code SHA256Digest} (the format sessions saved
   * before this class existed) into the portable one.
   */
  public static byte[] fromBouncyCastle(byte[] encoded) {
    return Bc.portable(new SHA256Digest(encoded));
  }

  public abstract void update(byte[] data, int offset, int length);

  /** The running state: chaining value, byte count and pending bytes (40 to 103 bytes). */
  public abstract byte[] state();

  /** The digest of everything so far; this object is left unchanged. */
  public byte[] digest() {
    return restore(state()).finish();
  }

  abstract void load(int[] h, long count, byte[] pending);

  abstract byte[] finish();

  static byte[] encode(int[] h, long count, byte[] buffer, int pending) {
    ByteBuffer out = ByteBuffer.allocate(HEADER + pending);
    for (int v : h) {
      out.putInt(v);
    }
    return out.putLong(count).put(buffer, 0, pending).array();
  }

  /** The JDK's SHA-256 ({@code sun.security.provider.SHA2.SHA256}) with its fields opened. */
  static final class Jdk extends Sha256 {
    static final boolean AVAILABLE;
    private static final MethodHandle NEW;
    private static final MethodHandle UPDATE;
    private static final MethodHandle DIGEST;
    private static final VarHandle STATE;
    private static final VarHandle BUFFER;
    private static final VarHandle BUFFER_OFFSET;
    private static final VarHandle BYTES;

    static {
      MethodHandle create = null, update = null, digest = null;
      VarHandle state = null, buffer = null, bufferOffset = null, bytes = null;
      boolean ok = false;
      try {
        Class<?> base = Class.forName("sun.security.provider.DigestBase");
        Class<?> sha2 = Class.forName("sun.security.provider.SHA2");
        Class<?> sha256 = Class.forName("sun.security.provider.SHA2$SHA256");
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandles.Lookup inBase = MethodHandles.privateLookupIn(base, lookup);
        MethodHandles.Lookup inSha2 = MethodHandles.privateLookupIn(sha2, lookup);
        create =
            MethodHandles.privateLookupIn(sha256, lookup)
                .findConstructor(sha256, java.lang.invoke.MethodType.methodType(void.class));
        update =
            inBase.findVirtual(
                base,
                "engineUpdate",
                java.lang.invoke.MethodType.methodType(
                    void.class, byte[].class, int.class, int.class));
        digest =
            inBase.findVirtual(
                base, "engineDigest", java.lang.invoke.MethodType.methodType(byte[].class));
        state = inSha2.findVarHandle(sha2, "state", int[].class);
        buffer = inBase.findVarHandle(base, "buffer", byte[].class);
        bufferOffset = inBase.findVarHandle(base, "bufOfs", int.class);
        bytes = inBase.findVarHandle(base, "bytesProcessed", long.class);
        ok = selfTest(create, update, digest, state, buffer, bufferOffset, bytes);
      } catch (Throwable e) {
        LOG.warnf(
            "SHA-256 runs on Bouncy Castle (about 7x slower): the JDK's implementation is not"
                + " open to us (%s); start the JVM with --add-opens"
                + " java.base/sun.security.provider=ALL-UNNAMED",
            e.getClass().getSimpleName());
      }
      AVAILABLE = ok;
      NEW = create;
      UPDATE = update;
      DIGEST = digest;
      STATE = state;
      BUFFER = buffer;
      BUFFER_OFFSET = bufferOffset;
      BYTES = bytes;
    }

    /** Exports and restores a state mid-block and checks the result against the plain JDK. */
    private static boolean selfTest(
        MethodHandle create,
        MethodHandle update,
        MethodHandle digest,
        VarHandle state,
        VarHandle buffer,
        VarHandle bufferOffset,
        VarHandle bytes)
        throws Throwable {
      byte[] data = new byte[200];
      Arrays.fill(data, (byte) 'c');
      Object a = create.invoke();
      update.invoke(a, data, 0, 77);
      Object b = create.invoke();
      System.arraycopy((int[]) state.get(a), 0, (int[]) state.get(b), 0, 8);
      System.arraycopy((byte[]) buffer.get(a), 0, (byte[]) buffer.get(b), 0, 64);
      bufferOffset.set(b, (int) bufferOffset.get(a));
      bytes.set(b, (long) bytes.get(a));
      update.invoke(b, data, 77, 123);
      byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(data);
      return Arrays.equals((byte[]) digest.invoke(b), expected);
    }

    private final MessageDigestSpi spi;

    Jdk() {
      try {
        spi = (MessageDigestSpi) NEW.invoke();
      } catch (Throwable t) {
        throw new IllegalStateException("cannot create the JDK's SHA-256", t);
      }
    }

    @Override
    public void update(byte[] data, int offset, int length) {
      try {
        UPDATE.invoke(spi, data, offset, length);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }

    @Override
    public byte[] state() {
      long count = (long) BYTES.get(spi);
      return encode((int[]) STATE.get(spi), count, (byte[]) BUFFER.get(spi), (int) (count % 64));
    }

    @Override
    void load(int[] h, long count, byte[] pending) {
      System.arraycopy(h, 0, (int[]) STATE.get(spi), 0, 8);
      System.arraycopy(pending, 0, (byte[]) BUFFER.get(spi), 0, pending.length);
      BUFFER_OFFSET.set(spi, pending.length);
      BYTES.set(spi, count);
    }

    @Override
    byte[] finish() {
      try {
        return (byte[]) DIGEST.invoke(spi);
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }
  }

  /** Bouncy Castle's SHA-256, whose own encoded state is converted to and from the portable one. */
  static final class Bc extends Sha256 {
    private static final int BC_HEADER = 4 + 4 + 8 + 32 + 4;
    private SHA256Digest digest;

    Bc(SHA256Digest digest) {
      this.digest = digest;
    }

    @Override
    public void update(byte[] data, int offset, int length) {
      digest.update(data, offset, length);
    }

    @Override
    public byte[] state() {
      return portable(digest);
    }

    /**
     * Bouncy Castle's layout: the pending partial word (4 bytes) and its length, the byte count,
     * H1..H8, the number of pending whole words and those words, then a purpose byte.
     */
    static byte[] portable(SHA256Digest d) {
      ByteBuffer in = ByteBuffer.wrap(d.getEncodedState());
      byte[] partial = new byte[4];
      in.get(partial);
      int partialLength = in.getInt();
      long count = in.getLong();
      int[] h = new int[8];
      for (int i = 0; i < 8; i++) {
        h[i] = in.getInt();
      }
      int words = in.getInt();
      ByteBuffer pending = ByteBuffer.allocate(64);
      for (int i = 0; i < words; i++) {
        pending.putInt(in.getInt());
      }
      pending.put(partial, 0, partialLength);
      if (pending.position() != count % 64) {
        throw new IllegalStateException("unexpected Bouncy Castle SHA-256 state");
      }
      return encode(h, count, pending.array(), pending.position());
    }

    @Override
    void load(int[] h, long count, byte[] pending) {
      int words = pending.length / 4;
      byte[] fresh = new SHA256Digest().getEncodedState();
      ByteBuffer out = ByteBuffer.allocate(BC_HEADER + 4 * words + 1);
      out.put(pending, 4 * words, pending.length - 4 * words)
          .position(4)
          .putInt(pending.length % 4)
          .putLong(count);
      for (int v : h) {
        out.putInt(v);
      }
      out.putInt(words).put(pending, 0, 4 * words).put(fresh[fresh.length - 1]);
      digest = new SHA256Digest(out.array());
    }

    @Override
    byte[] finish() {
      byte[] out = new byte[DIGEST_LENGTH];
      digest.doFinal(out, 0);
      return out;
    }
  }
}
