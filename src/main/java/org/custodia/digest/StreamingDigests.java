package org.custodia.digest;

import java.nio.ByteBuffer;

/**
 * SHA-256 and SM3 over one stream, computed as the bytes pass, with a state that can be saved and
 * restored (resumable uploads survive a restart without re-reading what was received).
 */
public final class StreamingDigests implements AutoCloseable {
  private static final int CHUNK = 256 * 1024;
  private static final int IN_FLIGHT = 4;

  /** For {@link #pipelined()}: callers that do not bring workers of their own. */
  private static final Workers SM3_WORKERS =
      new Workers("sm3-digest", Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));

  /** Leads a saved state; states without it are from before {@link Sha256} (Bouncy Castle's). */
  private static final int FORMAT_2 = -2;

  private final Sha256 sha256;
  private final Sm3 sm3;
  private Pipeline pipeline;

  public StreamingDigests() {
    this.sha256 = Sha256.create();
    this.sm3 = new Sm3();
  }

  private StreamingDigests(Sha256 sha256, Sm3 sm3) {
    this.sha256 = sha256;
    this.sm3 = sm3;
  }

  /** Restores digests saved with {@link #state()}. */
  public static StreamingDigests restore(byte[] state) {
    ByteBuffer in = ByteBuffer.wrap(state);
    int lead = in.getInt();
    boolean legacy = lead != FORMAT_2;
    byte[] a = new byte[legacy ? lead : in.getInt()];
    in.get(a);
    byte[] b = new byte[in.remaining()];
    in.get(b);
    return new StreamingDigests(
        Sha256.restore(legacy ? Sha256.fromBouncyCastle(a) : a), new Sm3(b));
  }

  /**
   * Computes SM3 on a second thread from here on, while SHA-256 stays on the caller's: the two
   * digests then cost the time of the slower one. Memory: at most four 256 KiB chunks in flight.
   * {@link #close()} ends it. The thread is one of a shared, bounded set (see {@link
   * #pipelined(Workers)}).
   */
  public StreamingDigests pipelined() {
    return pipelined(SM3_WORKERS);
  }

  /**
   * As {@link #pipelined()}, on a thread of {@code workers}; when all of them are busy, SM3 stays
   * on the caller's thread (the digests are the same, only not concurrent).
   */
  public StreamingDigests pipelined(Workers workers) {
    if (pipeline == null) {
      pipeline = Pipeline.start(sm3, workers);
    }
    return this;
  }

  @Override
  public void close() {
    if (pipeline != null) {
      pipeline.stop();
      pipeline = null;
    }
  }

  public byte[] state() {
    sync();
    byte[] a = sha256.state();
    byte[] b = sm3.state();
    return ByteBuffer.allocate(8 + a.length + b.length)
        .putInt(FORMAT_2)
        .putInt(a.length)
        .put(a)
        .put(b)
        .array();
  }

  public void update(byte[] data, int offset, int length) {
    sha256.update(data, offset, length);
    if (pipeline == null) {
      sm3.update(data, offset, length);
    } else {
      while (length > 0) {
        int n = Math.min(length, CHUNK);
        pipeline.submit(data, offset, n);
        offset += n;
        length -= n;
      }
    }
  }

  private void sync() {
    if (pipeline != null) {
      pipeline.drain();
    }
  }

  /** A copy of the running digests. */
  public StreamingDigests copy() {
    return restore(state());
  }

  /** Final values; this object is left unchanged. */
  public Result result() {
    sync();
    return new Result(sha256.digest(), sm3.digest());
  }

  public record Result(byte[] sha256, byte[] sm3) {}

  /**
   * Threads that compute SM3 beside their callers' SHA-256, one per pipelined stream for as long as
   * it runs: at most {@code max} at once, named {@code <name>-<n>}; idle ones end after a minute. A
   * stream that finds them all busy digests on its own thread (never waits for one). {@link
   * #close()} takes no new streams; those running finish.
   */
  public static final class Workers implements AutoCloseable {
    private final java.util.concurrent.ThreadPoolExecutor pool;

    public Workers(String name, int max) {
      java.util.concurrent.atomic.AtomicInteger count =
          new java.util.concurrent.atomic.AtomicInteger();
      this.pool =
          new java.util.concurrent.ThreadPoolExecutor(
              0,
              max,
              60,
              java.util.concurrent.TimeUnit.SECONDS,
              new java.util.concurrent.SynchronousQueue<>(),
              r -> {
                Thread t = new Thread(r, name + "-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }

    /** Starts the task on a thread of its own now, or returns false. */
    boolean start(Runnable task) {
      try {
        pool.execute(task);
        return true;
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return false;
      }
    }

    @Override
    public void close() {
      pool.shutdown();
    }
  }

  /** Feeds SM3 on a worker thread through a bounded queue of reusable chunks. */
  private static final class Pipeline {
    private final Sm3 sm3;
    private final java.util.concurrent.ArrayBlockingQueue<byte[]> free =
        new java.util.concurrent.ArrayBlockingQueue<>(IN_FLIGHT);
    private final java.util.concurrent.LinkedBlockingQueue<Object> work =
        new java.util.concurrent.LinkedBlockingQueue<>();
    private final java.util.concurrent.FutureTask<Void> worker =
        new java.util.concurrent.FutureTask<>(this::run, null);
    private volatile RuntimeException failure;
    private int created;

    private record Chunk(byte[] data, int length) {}

    private record Barrier(java.util.concurrent.CountDownLatch done) {}

    private static final Object STOP = new Object();

    private Pipeline(Sm3 sm3) {
      this.sm3 = sm3;
    }

    /** A pipeline on a thread of {@code workers}, or null when none is free. */
    static Pipeline start(Sm3 sm3, Workers workers) {
      Pipeline pipeline = new Pipeline(sm3);
      return workers.start(pipeline.worker) ? pipeline : null;
    }

    private void run() {
      try {
        while (true) {
          Object item = work.take();
          if (item == STOP) {
            return;
          }
          if (item instanceof Barrier b) {
            b.done().countDown();
          } else if (item instanceof Chunk c) {
            sm3.update(c.data(), 0, c.length());
            free.put(c.data());
          }
        }
      } catch (InterruptedException e) {
        failure = new IllegalStateException("the SM3 worker was interrupted", e);
        Thread.currentThread().interrupt();
      } catch (RuntimeException | Error e) {
        failure = new IllegalStateException("the SM3 worker failed", e);
      }
    }

    /**
     * Refuses to go on once the worker has ended without being told to: the SM3 state would lack
     * bytes, and a digest that silently misses bytes is the worst thing an archive can record.
     */
    private void requireWorker() {
      if (failure != null) {
        throw failure;
      }
      if (worker.isDone()) {
        throw new IllegalStateException("the SM3 worker ended before every byte was digested");
      }
    }

    void submit(byte[] data, int offset, int length) {
      try {
        requireWorker();
        byte[] chunk = free.poll();
        if (chunk == null) {
          if (created < IN_FLIGHT) {
            created++;
            chunk = new byte[CHUNK];
          } else {
            while ((chunk = free.poll(1, java.util.concurrent.TimeUnit.SECONDS)) == null) {
              requireWorker();
            }
          }
        }
        System.arraycopy(data, offset, chunk, 0, length);
        work.put(new Chunk(chunk, length));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while digesting", e);
      }
    }

    void drain() {
      java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
      try {
        work.put(new Barrier(done));
        while (!done.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
          requireWorker();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while digesting", e);
      }
      if (failure != null) {
        throw failure;
      }
    }

    void stop() {
      work.add(STOP);
    }
  }
}
