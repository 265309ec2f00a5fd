package org.custodia.integrity;

import java.nio.ByteBuffer;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * SHA-256 and SM3 over one stream, computed as the bytes pass, with a state that can be saved and
 * restored (resumable uploads survive a restart without re-reading what was received).
 */
public final class StreamingDigests {
  private final SHA256Digest sha256;
  private final Sm3 sm3;

  public StreamingDigests() {
    this.sha256 = new SHA256Digest();
    this.sm3 = new Sm3();
  }

  private StreamingDigests(SHA256Digest sha256, Sm3 sm3) {
    this.sha256 = sha256;
    this.sm3 = sm3;
  }

  /** Restores digests saved with {@link #state()}. */
  public static StreamingDigests restore(byte[] state) {
    ByteBuffer in = ByteBuffer.wrap(state);
    byte[] a = new byte[in.getInt()];
    in.get(a);
    byte[] b = new byte[in.remaining()];
    in.get(b);
    return new StreamingDigests(new SHA256Digest(a), new Sm3(b));
  }

  public byte[] state() {
    byte[] a = sha256.getEncodedState();
    byte[] b = sm3.state();
    return ByteBuffer.allocate(4 + a.length + b.length).putInt(a.length).put(a).put(b).array();
  }

  public void update(byte[] data, int offset, int length) {
    sha256.update(data, offset, length);
    sm3.update(data, offset, length);
  }

  /** A copy of the running digests. */
  public StreamingDigests copy() {
    return restore(state());
  }

  /** Final values; this object is left unchanged. */
  public Result result() {
    SHA256Digest copy = new SHA256Digest(sha256);
    byte[] out = new byte[32];
    copy.doFinal(out, 0);
    return new Result(out, sm3.digest());
  }

  public record Result(byte[] sha256, byte[] sm3) {}
}
