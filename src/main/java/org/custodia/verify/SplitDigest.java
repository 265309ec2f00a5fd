package org.custodia.verify;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Several digests of one stream, read once, on two threads: the slowest algorithm (SM3, about a
 * third of SHA-512's speed in Java) runs on its own thread, fed the same buffers the reading thread
 * hashes with the others. On two cores this is what lets the verifier keep pace with one {@code
 * openssl dgst -sm3}: read, inflate, SHA-256 and SHA-512 on one core, SM3 on the other. Memory is
 * {@value #BUFFERS} buffers of {@value #BUFFER} bytes, whatever the file's size.
 */
final class SplitDigest {
  static final int BUFFER = 256 * 1024;
  static final int BUFFERS = 4;

  private SplitDigest() {}

  /** One filled buffer handed to the side thread; {@code length < 0} ends it. */
  private record Chunk(byte[] bytes, int length) {}

  private static final Chunk END = new Chunk(new byte[0], -1);

  /**
   * Reads {@code in} to its end, updating {@code hashers}; answers its length. {@code side} (one of
   * them) is updated on a second thread.
   */
  static long digest(InputStream in, List<Algorithm.Hasher> hashers, Algorithm.Hasher side)
      throws IOException {
    List<Algorithm.Hasher> here = new ArrayList<>(hashers);
    here.remove(side);
    BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    for (int i = 0; i < BUFFERS; i++) {
      free.add(new byte[BUFFER]);
    }
    Throwable[] failed = {null};
    Thread worker =
        new Thread(
            () -> {
              try {
                for (Chunk c; (c = full.take()).length() >= 0; ) {
                  side.update(c.bytes(), 0, c.length());
                  free.put(c.bytes());
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException | Error e) {
                failed[0] = e;
              }
            },
            "verify-digest");
    worker.setDaemon(true);
    worker.start();
    long size = 0;
    boolean done = false;
    try {
      while (true) {
        byte[] b = take(free, worker, failed);
        int n = fill(in, b);
        if (n <= 0) {
          break;
        }
        size += n;
        for (Algorithm.Hasher h : here) {
          h.update(b, 0, n);
        }
        full.add(new Chunk(b, n)); // never full: at most BUFFERS chunks exist
      }
      full.add(END);
      worker.join();
      done = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while hashing", e);
    } finally {
      if (!done) {
        worker.interrupt(); // it ends at its next take(): a put() never blocks
        joinQuietly(worker);
      }
    }
    if (failed[0] != null) {
      throw new IllegalStateException("hashing failed", failed[0]);
    }
    return size;
  }

  private static void joinQuietly(Thread worker) {
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] take(BlockingQueue<byte[]> free, Thread worker, Throwable[] failed)
      throws InterruptedException {
    while (true) {
      byte[] b = free.poll(1, java.util.concurrent.TimeUnit.SECONDS);
      if (b != null) {
        return b;
      }
      if (!worker.isAlive()) {
        throw new IllegalStateException("the hashing thread ended", failed[0]);
      }
    }
  }

  /** Reads until the buffer is full or the stream ends; answers the bytes read (0 at the end). */
  private static int fill(InputStream in, byte[] b) throws IOException {
    int n = 0;
    while (n < b.length) {
      int r = in.read(b, n, b.length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    return n;
  }
}
