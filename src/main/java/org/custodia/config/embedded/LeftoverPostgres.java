package org.custodia.config.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A PostgreSQL an earlier run left behind on a data directory. The embedded server runs in its own
 * session (pg_ctl daemonizes it), so when the service is killed it keeps running, and its {@code
 * postmaster.pid} stops the next server from starting. Before the embedded server starts, this
 * stops any postgres process whose working directory is that data directory (every postgres process
 * runs there) and removes a {@code postmaster.pid} no live server stands behind.
 *
 * <p>A leftover is only stopped when no live service holds the data directory: the embedded server
 * keeps {@code epg-lock} in it locked while it runs, and the lock goes with the process that held
 * it.
 */
final class LeftoverPostgres {
  private static final Logger LOG = Logger.getLogger(LeftoverPostgres.class);
  private static final Duration SHUTDOWN = Duration.ofSeconds(60);
  private static final Duration KILL = Duration.ofSeconds(10);

  private LeftoverPostgres() {}

  /**
   * Stops what an earlier run left on {@code pgData}; refuses if a running service holds it.
   * Returns the process ids it stopped.
   */
  static List<Long> stop(Path pgData) {
    if (!Files.isRegularFile(pgData.resolve("PG_VERSION"))) {
      return List.of(); // no cluster yet: nothing can run on it (and initdb wants it empty)
    }
    Path lockFile = pgData.resolve("epg-lock");
    try (FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new IllegalStateException(
            "the embedded PostgreSQL data directory "
                + pgData
                + " is in use by another running Custodia; stop that one first");
      }
      try {
        return stopUnlocked(pgData);
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + pgData + " for a leftover PostgreSQL", e);
    }
  }

  private static List<Long> stopUnlocked(Path pgData) throws IOException {
    Path dir = pgData.toRealPath();
    List<ProcessHandle> found = processesOf(dir);
    if (!found.isEmpty()) {
      Set<Long> pids = found.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
      // the postmaster is the one whose parent is not one of them; SIGTERM is a smart shutdown,
      // which with the killed service's connections gone ends at once after a checkpoint
      List<ProcessHandle> postmasters =
          found.stream()
              .filter(p -> p.parent().map(ProcessHandle::pid).filter(pids::contains).isEmpty())
              .toList();
      LOG.infof(
          "stopping the PostgreSQL an earlier run left running on this data directory (pid %s)",
          postmasters.stream().map(p -> String.valueOf(p.pid())).collect(Collectors.joining(",")));
      postmasters.forEach(ProcessHandle::destroy);
      List<ProcessHandle> remaining = awaitExit(found, SHUTDOWN);
      if (!remaining.isEmpty()) {
        LOG.warnf("the leftover PostgreSQL did not stop in %ss; killing it", SHUTDOWN.toSeconds());
        remaining.forEach(ProcessHandle::destroyForcibly);
        remaining = awaitExit(remaining, KILL);
        if (!remaining.isEmpty()) {
          throw new IllegalStateException(
              "cannot stop the PostgreSQL left running on " + pgData + " (pid " + pids + ")");
        }
      }
    }
    // no postgres runs on the directory now: a pid file left by a killed server is stale (and its
    // pid may by now belong to another process, which would make the new server refuse to start)
    Path pidFile = dir.resolve("postmaster.pid");
    if (Files.deleteIfExists(pidFile) && found.isEmpty()) {
      LOG.info("removed a stale postmaster.pid of the embedded PostgreSQL");
    }
    return found.stream().map(ProcessHandle::pid).toList();
  }

  /** Processes of PostgreSQL (postmaster or backend) whose working directory is {@code dir}. */
  static List<ProcessHandle> processesOf(Path dir) {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc.resolve("self"))) {
      return fromPidFile(dir); // no /proc (macOS): trust the pid file if it names a postgres
    }
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self)
        .filter(p -> isPostgres(proc.resolve(String.valueOf(p.pid()))))
        .filter(p -> dir.equals(cwd(proc.resolve(String.valueOf(p.pid())))))
        .toList();
  }

  private static boolean isPostgres(Path procEntry) {
    try {
      byte[] cmdline;
      try (var in = Files.newInputStream(procEntry.resolve("cmdline"))) {
        cmdline = in.readNBytes(64 * 1024); // a command line is small; never more than this
      }
      int end = 0;
      while (end < cmdline.length && cmdline[end] != 0) {
        end++;
      }
      String argv0 = new String(cmdline, 0, end, StandardCharsets.UTF_8);
      // the postmaster keeps its command line; its children retitle themselves "postgres: ..."
      return argv0.startsWith("postgres:")
          || argv0.equals("postgres")
          || argv0.endsWith("/postgres");
    } catch (IOException | SecurityException e) {
      return false; // gone, or another user's
    }
  }

  private static Path cwd(Path procEntry) {
    try {
      return Files.readSymbolicLink(procEntry.resolve("cwd"));
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  private static List<ProcessHandle> fromPidFile(Path dir) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("postmaster.pid"));
      if (lines.size() < 2 || !Path.of(lines.get(1)).toRealPath().equals(dir)) {
        return List.of();
      }
      Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
      return handle
          .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(Boolean.FALSE))
          .stream()
          .toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static List<ProcessHandle> awaitExit(List<ProcessHandle> processes, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    for (ProcessHandle p : processes) {
      long left = Duration.between(Instant.now(), deadline).toMillis();
      try {
        p.onExit().get(Math.max(left, 1), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return processes.stream().filter(ProcessHandle::isAlive).toList();
  }
}
