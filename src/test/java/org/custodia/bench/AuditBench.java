package org.custodia.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.custodia.audit.AuditEvent;
import org.custodia.audit.AuditIntegrator;
import org.custodia.audit.AuditProofs;
import org.custodia.audit.AuditQueue;
import org.custodia.audit.AuditVerifier;
import org.custodia.config.embedded.EmbeddedServices;
import org.flywaydb.core.Flyway;

/**
 * Audit log benchmark on an embedded PostgreSQL: sustained appends (each its own transaction, as a
 * request would) with the integrator running at the service's cadence, for 1 and 8 writers, against
 * a same-run baseline of bare single-row commits; then a log seeded to 1,000,000 entries for
 * integration throughput, inclusion and consistency proof latency, and a full verification.
 *
 * <p>{@code scripts/bench audit [seconds-per-phase] [entries]}
 */
public final class AuditBench {
  private static String url;
  private static String user;
  private static String password;

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int target = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "audit-bench-");
    try (EmbeddedServices services = new EmbeddedServices(dir)) {
      Map<String, String> db = services.startPostgres();
      url = db.get("quarkus.datasource.jdbc.url");
      user = db.get("quarkus.datasource.username");
      password = db.get("quarkus.datasource.password");
      Flyway.configure()
          .dataSource(url, user, password)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      try (Connection c = connect();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE bench_baseline (id bigserial PRIMARY KEY, payload bytea NOT NULL)");
      }
      System.out.printf(
          "cores %d, %d s per phase%n", Runtime.getRuntime().availableProcessors(), seconds);
      for (int writers : new int[] {1, 8}) {
        double baseline = baseline(writers, seconds);
        double appends = appends(writers, seconds);
        System.out.printf(
            "appends, %d writer(s): %,.0f/s sustained incl. integration"
                + " (baseline bare single-row commits: %,.0f/s)%n",
            writers, appends, baseline);
      }
      seed(target);
      proofs();
      verify();
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /** Bare single-row INSERT + commit of a similar-sized row: the ceiling set by commits. */
  private static double baseline(int writers, int seconds) throws Exception {
    AtomicLong done = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    byte[] payload = new byte[300];
    for (int w = 0; w < writers; w++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (Connection c = connect();
                        PreparedStatement ps =
                            c.prepareStatement("INSERT INTO bench_baseline (payload) VALUES (?)")) {
                      while (!stop.get()) {
                        ps.setBytes(1, payload);
                        ps.executeUpdate();
                        done.incrementAndGet();
                      }
                    } catch (SQLException e) {
                      throw new IllegalStateException(e);
                    }
                  }));
    }
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    return done.get() / ((System.nanoTime() - t0) / 1e9);
  }

  /**
   * Writers queue events for {@code seconds}; the integrator runs as in the service (drain, then
   * 200 ms pause). The rate counts only events integrated by the time the backlog is empty.
   */
  private static double appends(int writers, int seconds) throws Exception {
    long startSize = treeSize();
    AtomicLong done = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean stopIntegrator = new AtomicBoolean();
    AtomicLong maxBacklog = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (Connection c = connect()) {
                      String unit = UUID.randomUUID().toString();
                      while (!stop.get()) {
                        AuditQueue.enqueue(c, event(unit, done.incrementAndGet()));
                      }
                    } catch (SQLException e) {
                      throw new IllegalStateException(e);
                    }
                  }));
    }
    Thread integrator =
        Thread.ofPlatform()
            .start(
                () -> {
                  try (Connection c = connect()) {
                    c.setAutoCommit(false);
                    while (!stopIntegrator.get()) {
                      AuditIntegrator.Result r;
                      do {
                        r = AuditIntegrator.integrateBatch(c, 5000);
                        c.commit();
                      } while (r.integrated() == 5000);
                      maxBacklog.accumulateAndGet(
                          done.get() - (r.treeSize() - startSize), Math::max);
                      Thread.sleep(200);
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    long appended = done.get();
    while (treeSize() - startSize < appended) {
      Thread.sleep(20);
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    stopIntegrator.set(true);
    integrator.join();
    System.out.printf(
        "  %d writer(s): %,d events in %.1f s until all integrated; largest backlog seen %,d%n",
        writers, appended, elapsed, maxBacklog.get());
    return appended / elapsed;
  }

  private static AuditEvent event(String unit, long n) {
    return new AuditEvent(
        AuditEvent.VERSION,
        "evidence.viewed",
        new AuditEvent.Actor("USER", UUID.randomUUID().toString(), "10.1.2.3"),
        "REVIEWER",
        unit,
        AuditEvent.Target.of("evidence", UUID.randomUUID()),
        Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
        UUID.randomUUID().toString(),
        Map.of("n", n, "range", "bytes=0-1048575"));
  }

  /** Seeds queued entries with generate_series up to {@code target}, then integrates them. */
  private static void seed(int target) throws Exception {
    long have = treeSize();
    long missing = target - have;
    if (missing <= 0) {
      return;
    }
    long t0 = System.nanoTime();
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO audit_entry (entry, leaf_hash, event_type, occurred_at)"
                    + " SELECT e, sha256('\\x00'::bytea || e), 'bench.seeded', now() FROM"
                    + " (SELECT convert_to('{\"n\":' || g || ',\"type\":\"bench.seeded\",\"v\":1}',"
                    + " 'UTF8') AS e FROM generate_series(?::bigint, ?::bigint) AS g) s")) {
      for (long from = 0; from < missing; from += 250_000) {
        ps.setLong(1, from);
        ps.setLong(2, Math.min(missing, from + 250_000) - 1);
        ps.executeUpdate();
      }
    }
    long t1 = System.nanoTime();
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      AuditIntegrator.Result r;
      do {
        r = AuditIntegrator.integrateBatch(c, 50_000);
        c.commit();
      } while (r.integrated() > 0);
    }
    long t2 = System.nanoTime();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE audit_entry");
      s.execute("VACUUM ANALYZE audit_node");
    }
    System.out.printf(
        "seeded %,d entries in %.1f s; integrated them in %.1f s (%,.0f entries/s, batches of"
            + " 50,000); tree size %,d%n",
        missing, (t1 - t0) / 1e9, (t2 - t1) / 1e9, missing / ((t2 - t1) / 1e9), treeSize());
  }

  private static void proofs() throws Exception {
    long size = treeSize();
    int rounds = 20_000;
    long[] inclusion = new long[rounds];
    long[] consistency = new long[rounds];
    ThreadLocalRandom random = ThreadLocalRandom.current();
    try (Connection c = connect()) {
      for (int i = 0; i < 2_000; i++) { // warm-up
        AuditProofs.inclusion(c, random.nextLong(size), size);
        AuditProofs.consistency(c, 1 + random.nextLong(size), size);
      }
      for (int i = 0; i < rounds; i++) {
        long n = random.nextBoolean() ? size : 1 + random.nextLong(size);
        long index = random.nextLong(n);
        long t0 = System.nanoTime();
        AuditProofs.inclusion(c, index, n);
        inclusion[i] = System.nanoTime() - t0;
        long m = 1 + random.nextLong(n);
        t0 = System.nanoTime();
        AuditProofs.consistency(c, m, n);
        consistency[i] = System.nanoTime() - t0;
      }
    }
    System.out.printf(
        "inclusion proof at %,d entries: p50 %.2f ms, p99 %.2f ms (%,d proofs, random index and"
            + " tree size)%n",
        size, pct(inclusion, 50), pct(inclusion, 99), rounds);
    System.out.printf(
        "consistency proof at %,d entries: p50 %.2f ms, p99 %.2f ms%n",
        size, pct(consistency, 50), pct(consistency, 99));
  }

  private static void verify() throws Exception {
    // checkpoints are the service's business; the verifier needs a key only for those it finds
    var key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
    try (Connection c = connect()) {
      long t0 = System.nanoTime();
      AuditVerifier.Report report = AuditVerifier.verify(c, key);
      System.out.printf(
          "full verification of %,d entries and %,d nodes: %.1f s, %s%n",
          report.treeSize(),
          report.nodes(),
          (System.nanoTime() - t0) / 1e9,
          report.ok() ? "intact" : "DIVERGENT " + report.findings());
    }
  }

  private static double pct(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
  }

  private static long treeSize() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT tree_size FROM audit_tree_head")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
