package org.custodia.fixity;

/**
 * A rate limit in bytes per second shared by the threads of this instance: each asks before reading
 * a block and is told how long to wait so that, together, they stay at the rate. Rate 0: no limit.
 */
final class Pacer {
  private final long bytesPerSecond;
  private long nextFree = System.nanoTime();

  Pacer(long bytesPerSecond) {
    this.bytesPerSecond = bytesPerSecond;
  }

  /** Waits until {@code bytes} more may be read. */
  void acquire(long bytes) throws InterruptedException {
    if (bytesPerSecond <= 0 || bytes <= 0) {
      return;
    }
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      // an idle limiter lends at most a tenth of a second of bytes
      long start = Math.max(nextFree, now - 100_000_000L);
      nextFree = start + bytes * 1_000_000_000L / bytesPerSecond;
      wait = start - now;
    }
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
    }
  }
}
