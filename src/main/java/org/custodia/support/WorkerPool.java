package org.custodia.support;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Low-priority daemon threads that each claim one item at a time from a shared queue (a PostgreSQL
 * table with leases) and work on it; an idle thread polls again after {@code poll}, a failed claim
 * after five times that. Each thread has its own lease owner name: the instance, the pool, the
 * thread and a random suffix, so that a restarted instance never holds its predecessor's leases.
 *
 * @param <T> what a claim answers
 */
public final class WorkerPool<T> {
  private static final Logger LOG = Logger.getLogger(WorkerPool.class);

  /** Claims the next item for {@code owner}, if there is one. */
  @FunctionalInterface
  public interface Claim<T> {
    Optional<T> next(String owner);
  }

  /** Works on one claimed item; handles its own failures. */
  @FunctionalInterface
  public interface Work<T> {
    void run(T item, String owner);
  }

  private final String name;
  private final int count;
  private final Duration poll;
  private final Claim<T> claim;
  private final Work<T> work;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  public WorkerPool(String name, int count, Duration poll, Claim<T> claim, Work<T> work) {
    this.name = name;
    this.count = count;
    this.poll = poll;
    this.claim = claim;
    this.work = work;
  }

  public synchronized void start() {
    running = true;
    String instance = ManagementFactory.getRuntimeMXBean().getName();
    for (int i = 0; i < count; i++) {
      String owner =
          instance + "/" + name + "-" + i + "/" + UUID.randomUUID().toString().substring(0, 8);
      Thread t = new Thread(() -> loop(owner), name + "-worker-" + i);
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY);
      threads.add(t);
      t.start();
    }
  }

  /** Interrupts the threads and waits up to 10 s for each. */
  public synchronized void stop() {
    running = false;
    for (Thread t : threads) {
      t.interrupt();
    }
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void loop(String owner) {
    while (running) {
      try {
        Optional<T> next = claim.next(owner);
        if (next.isPresent()) {
          work.run(next.get(), owner);
        } else {
          Thread.sleep(poll.toMillis());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warnf("%s worker %s: %s", name, owner, e.toString());
        try {
          Thread.sleep(poll.toMillis() * 5);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }
}
