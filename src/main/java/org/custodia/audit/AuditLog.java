package org.custodia.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.custodia.config.CustodiaConfig;
import org.custodia.keys.KeyStoreFile;
import org.custodia.keys.ServiceKeys;
import org.custodia.keys.Signer;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectKeys;
import org.custodia.storage.ObjectStore;
import org.custodia.support.DatabaseException;
import org.jboss.logging.Logger;

/**
 * Runs the log: the integrator every {@code custodia.audit.integrate-every}, a signed checkpoint
 * every {@code custodia.audit.checkpoint-every} when the tree grew, and copies of checkpoints into
 * the audit bucket (retried until the store takes them). All of it can also be asked for now.
 */
@ApplicationScoped
public class AuditLog {
  private static final Logger LOG = Logger.getLogger(AuditLog.class);

  /** Advisory lock key of checkpoint issuing: "audit-cp" in ASCII. */
  private static final long CHECKPOINT_LOCK = 0x61756469742d6370L;

  static final String CHECKPOINT_COLUMNS =
      "id, tree_size, root_hash, issued_at, origin, key_hash, signature";

  private final AgroalDataSource dataSource;
  private final AuditConfig config;
  private final CustodiaConfig custodia;
  private final ObjectStore store;
  private final ServiceKeys keys;
  private volatile Signer key;
  private final ScheduledExecutorService integrator =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "audit-integrator");
            t.setDaemon(true);
            return t;
          });

  AuditLog(
      AgroalDataSource dataSource,
      AuditConfig config,
      CustodiaConfig custodia,
      ObjectStore store,
      ServiceKeys keys) {
    this.dataSource = dataSource;
    this.keys = keys;
    this.config = config;
    this.custodia = custodia;
    this.store = store;
  }

  /** A stored checkpoint with its row id. */
  record StoredCheckpoint(long id, SignedCheckpoint checkpoint) {}

  void onStart(@Observes StartupEvent event) {
    key();
    try {
      integrate();
      if (latest().isEmpty()) {
        issue(true);
      }
    } catch (RuntimeException e) {
      LOG.warnf("audit log start-up work deferred: %s", e.getMessage());
    }
    startIntegrator();
  }

  /**
   * The checkpoint signer: entry {@code audit-checkpoint} of the shared key store, else the key
   * file generated into the data directory on first use.
   */
  Signer key() {
    Signer k = key;
    if (k == null) {
      synchronized (this) {
        if (key == null) {
          key =
              keys.ed25519(
                  KeyStoreFile.AUDIT_CHECKPOINT,
                  Path.of(custodia.dataDir()).resolve(config.keyFile()));
        }
        k = key;
      }
    }
    return k;
  }

  String origin() {
    return config.origin();
  }

  /**
   * Starts the integrator's own timer: every {@code custodia.audit.integrate-every}, no overlap.
   */
  private void startIntegrator() {
    long period = Math.max(1, config.integrateEvery().toMillis());
    integrator.scheduleWithFixedDelay(this::integrateJob, period, period, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stopIntegrator() {
    integrator.shutdown();
    try {
      // a run in progress finishes its transaction; queued events wait for the next start
      integrator.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void integrateJob() {
    try {
      integrate();
    } catch (RuntimeException e) {
      LOG.warnf("audit integration failed, will retry: %s", e.getMessage());
    }
  }

  @Scheduled(
      every = "${custodia.audit.checkpoint-every:10s}",
      delayed = "${custodia.audit.checkpoint-every:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void checkpointJob() {
    try {
      integrate();
      issue(false);
    } catch (RuntimeException e) {
      LOG.warnf("audit checkpoint failed, will retry: %s", e.getMessage());
    }
    copyPending();
  }

  /**
   * Integrates every event queued so far (as far as this instance holds the integrator lock).
   * Returns the tree size reached.
   */
  /** One batch of queued events into the tree, in a transaction of its own. */
  private AuditIntegrator.Result batch() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              try (Connection c = dataSource.getConnection()) {
                return AuditIntegrator.integrateBatch(c, config.batchSize());
              }
            });
  }

  private void integrateWaiting(Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      AuditIntegrator.Result r = batch();
      if (!r.lockBusy() && r.integrated() < config.batchSize()) {
        return;
      }
      if (r.lockBusy()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("another audit integrator held the lock for " + atMost);
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the audit integrator", e);
        }
      }
    }
  }

  public long integrate() {
    long size = -1;
    while (true) {
      AuditIntegrator.Result r = batch();
      if (r.lockBusy()) {
        return size;
      }
      size = r.treeSize();
      if (r.integrated() < config.batchSize()) {
        return size;
      }
    }
  }

  /**
   * Integrates what is queued — waiting for another integrator that holds the lock, so that every
   * event committed before the call is in the tree — and issues a checkpoint of the tree now;
   * copies it to the store.
   */
  public StoredCheckpoint checkpointNow() {
    integrateWaiting(Duration.ofSeconds(30));
    StoredCheckpoint cp = issue(true).orElseThrow();
    copyPending();
    return cp;
  }

  /**
   * Signs the current tree head, unless (when not forced) the newest checkpoint already has its
   * size or another instance is issuing one right now.
   */
  Optional<StoredCheckpoint> issue(boolean force) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              try (Connection c = dataSource.getConnection()) {
                if (!force && !tryLock(c)) {
                  return Optional.empty();
                }
                TreeStorage.Head head = TreeStorage.head(c, false);
                Optional<StoredCheckpoint> last = latest(c);
                if (!force
                    && last.isPresent()
                    && last.get().checkpoint().treeSize() == head.size()) {
                  return Optional.empty();
                }
                SignedCheckpoint cp = sign(head.size(), head.root(), Instant.now(), key());
                return Optional.of(new StoredCheckpoint(insert(c, cp), cp));
              }
            });
  }

  /** Signs a checkpoint through the checkpoint {@link Signer}. */
  private SignedCheckpoint sign(long treeSize, byte[] rootHash, Instant timestamp, Signer signer) {
    if (signer.algorithm() != Signer.Algorithm.ED25519) {
      throw new IllegalStateException("checkpoints are signed with Ed25519");
    }
    return SignedCheckpoint.sign(
        config.origin(), treeSize, rootHash, timestamp, signer.publicKey(), signer::sign);
  }

  private static boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
      ps.setLong(1, CHECKPOINT_LOCK);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static long insert(Connection c, SignedCheckpoint cp) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_checkpoint (tree_size, root_hash, issued_at, origin, key_hash,"
                + " signature, note) VALUES (?,?,?,?,?,?,?) RETURNING id")) {
      ps.setLong(1, cp.treeSize());
      ps.setBytes(2, cp.rootHash());
      ps.setTimestamp(3, Timestamp.from(cp.timestamp()));
      ps.setString(4, cp.origin());
      ps.setBytes(5, cp.keyHash());
      ps.setBytes(6, cp.signature());
      ps.setString(7, cp.note());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The newest checkpoint. */
  public Optional<StoredCheckpoint> latest() {
    try (Connection c = dataSource.getConnection()) {
      return latest(c);
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  /** The newest checkpoint issued at exactly {@code treeSize} leaves. */
  public Optional<StoredCheckpoint> atSize(long treeSize) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT "
                    + CHECKPOINT_COLUMNS
                    + " FROM audit_checkpoint WHERE tree_size = ? ORDER BY id DESC LIMIT 1")) {
      ps.setLong(1, treeSize);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(checkpoint(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  static Optional<StoredCheckpoint> latest(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT "
                    + CHECKPOINT_COLUMNS
                    + " FROM audit_checkpoint ORDER BY id DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(checkpoint(rs)) : Optional.empty();
    }
  }

  static StoredCheckpoint checkpoint(ResultSet rs) throws SQLException {
    return new StoredCheckpoint(
        rs.getLong(1),
        new SignedCheckpoint(
            rs.getLong(2),
            rs.getBytes(3),
            rs.getTimestamp(4).toInstant(),
            rs.getString(5),
            rs.getBytes(6),
            rs.getBytes(7)));
  }

  /** Object key of a checkpoint's copy: {@code checkpoints/<size>-<epoch millis>.json}. */
  static String objectKey(SignedCheckpoint cp) {
    return ObjectKeys.requireSafe(
        "checkpoints/" + cp.treeSize() + "-" + cp.timestamp().toEpochMilli() + ".json");
  }

  /** The checkpoint as JSON, as served and as copied to the object store. */
  static Map<String, Object> json(SignedCheckpoint cp) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("treeSize", cp.treeSize());
    json.put("rootHash", Base64.getEncoder().encodeToString(cp.rootHash()));
    json.put("timestamp", cp.time());
    json.put("signature", Base64.getEncoder().encodeToString(cp.signature()));
    json.put("keyId", cp.keyId());
    json.put("origin", cp.origin());
    json.put("note", cp.note());
    return json;
  }

  /** Writes the copies the object store does not have yet; failures are retried next time. */
  void copyPending() {
    List<StoredCheckpoint> pending = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT "
                    + CHECKPOINT_COLUMNS
                    + " FROM audit_checkpoint WHERE copied_at IS NULL ORDER BY id LIMIT 100");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        pending.add(checkpoint(rs));
      }
    } catch (SQLException e) {
      LOG.warnf("cannot list checkpoints to copy: %s", e.getMessage());
      return;
    }
    for (StoredCheckpoint cp : pending) {
      String objectKey = objectKey(cp.checkpoint());
      try {
        byte[] json = CanonicalJson.bytes(json(cp.checkpoint()));
        store.put(
            BucketRole.AUDIT,
            objectKey,
            new ByteArrayInputStream(json),
            json.length,
            "application/json",
            Map.of("tree-size", Long.toString(cp.checkpoint().treeSize())));
      } catch (RuntimeException e) {
        LOG.warnf(
            "checkpoint %d not copied to the object store yet (will retry): %s",
            cp.id(), e.getMessage());
        return;
      }
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE audit_checkpoint SET object_key = ?, copied_at = now() WHERE id = ?")) {
        ps.setString(1, objectKey);
        ps.setLong(2, cp.id());
        ps.executeUpdate();
      } catch (SQLException e) {
        LOG.warnf("cannot mark checkpoint %d copied: %s", cp.id(), e.getMessage());
      }
    }
  }
}
