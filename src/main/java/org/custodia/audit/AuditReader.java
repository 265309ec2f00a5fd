package org.custodia.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.custodia.support.DatabaseException;

/**
 * The read side of the audit log: entries, events, checkpoints, proofs and the inclusion of one
 * logged event. The one way other features read the audit tables.
 */
@ApplicationScoped
public class AuditReader {
  private final AgroalDataSource dataSource;
  private final AuditLog log;
  private final AuditEventRepository events;

  AuditReader(AgroalDataSource dataSource, AuditLog log, AuditEventRepository events) {
    this.dataSource = dataSource;
    this.log = log;
    this.events = events;
  }

  /** Filters of the event list; null means "any". */
  public record EventFilter(
      String targetType,
      String targetId,
      String actorId,
      String type,
      Instant from,
      Instant to,
      UUID unit,
      boolean allUnits) {}

  /**
   * @param id queue position (the pagination key)
   * @param index leaf index, null while the event waits for the integrator
   */
  public record EventRow(long id, Long index, JsonNode event) {}

  /** An event as logged: its canonical bytes, leaf index (null while queued) and leaf hash. */
  public record LoggedEvent(Long leafIndex, byte[] entry, byte[] storedLeafHash) {
    /** Whether the stored leaf hash is the RFC 6962 leaf hash of the entry bytes. */
    public boolean leafHashMatches() {
      return MessageDigest.isEqual(Merkle.leafHash(entry), storedLeafHash);
    }

    public JsonNode event() {
      return CanonicalJson.parse(entry);
    }
  }

  /** Whether a leaf is in the current tree: {@code pass}, {@code fail} or {@code pending}. */
  public record Inclusion(String status, String detail) {}

  /**
   * How far the tree lags behind the log: events queued but not integrated yet, the age of the
   * oldest of them, and the age of the newest signed checkpoint (null when none exists).
   */
  public record Backlog(
      long queued, Duration oldestQueued, Duration checkpointAge, long treeSize) {}

  /** The integrator's backlog and the checkpoints' freshness, for metrics and health. */
  public Backlog backlog() {
    return withConnection(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT (SELECT count(*) FROM audit_entry WHERE leaf_index IS NULL),"
                          + " (SELECT occurred_at FROM audit_entry WHERE leaf_index IS NULL"
                          + " ORDER BY id LIMIT 1),"
                          + " (SELECT max(issued_at) FROM audit_checkpoint),"
                          + " (SELECT tree_size FROM audit_tree_head), now()");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            Instant now = rs.getTimestamp(5).toInstant();
            java.sql.Timestamp oldest = rs.getTimestamp(2);
            java.sql.Timestamp checkpoint = rs.getTimestamp(3);
            return new Backlog(
                rs.getLong(1),
                oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), now),
                checkpoint == null ? null : Duration.between(checkpoint.toInstant(), now),
                rs.getLong(4));
          }
        });
  }

  /** The canonical bytes of the log entry at {@code index}. */
  public Optional<byte[]> entry(long index) {
    return withConnection(c -> TreeStorage.entry(c, index));
  }

  /** Events in queue order after {@code afterId}, at most {@code limit}. */
  public List<EventRow> events(EventFilter filter, long afterId, int limit) {
    return events.list(filter, afterId, limit);
  }

  /** The first event of {@code eventType} about a target, as logged. */
  public Optional<LoggedEvent> firstEvent(String targetType, String targetId, String eventType) {
    return withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT leaf_index, entry, leaf_hash FROM audit_entry WHERE target_type = ?"
                      + " AND target_id = ? AND event_type = ? ORDER BY id LIMIT 1")) {
            ps.setString(1, targetType);
            ps.setString(2, targetId);
            ps.setString(3, eventType);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new LoggedEvent((Long) rs.getObject(1), rs.getBytes(2), rs.getBytes(3)))
                  : Optional.empty();
            }
          }
        });
  }

  /**
   * Whether a logged event is in the current tree: an RFC 9162 inclusion proof from the stored
   * nodes, checked against the tree head by {@link Merkle#verifyInclusion}.
   */
  public Inclusion inclusion(LoggedEvent event) {
    if (event.leafIndex() == null) {
      return new Inclusion("pending", "the event is queued; the integrator has not placed it yet");
    }
    long index = event.leafIndex();
    return withConnection(
        c -> {
          TreeStorage.Head head = TreeStorage.head(c, false);
          if (index >= head.size()) {
            return new Inclusion(
                "pending", "leaf " + index + " is beyond the tree head " + head.size());
          }
          List<byte[]> proof = AuditProofs.inclusion(c, index, head.size());
          if (!Merkle.verifyInclusion(
              index, head.size(), Merkle.leafHash(event.entry()), proof, head.root())) {
            return new Inclusion(
                "fail", "the inclusion proof of leaf " + index + " does not lead to the tree head");
          }
          return new Inclusion(
              "pass",
              "leaf "
                  + index
                  + " is included in the tree of size "
                  + head.size()
                  + " (root "
                  + HexFormat.of().formatHex(head.root())
                  + ")");
        });
  }

  /** RFC 9162 inclusion proof (audit path) of leaf {@code index} in the tree of {@code size}. */
  public List<byte[]> inclusionProof(long index, long size) {
    return withConnection(c -> AuditProofs.inclusion(c, index, size));
  }

  /** RFC 9162 consistency proof between two tree sizes. */
  public List<byte[]> consistencyProof(long from, long to) {
    return withConnection(c -> AuditProofs.consistency(c, from, to));
  }

  /** The newest signed checkpoint; one is signed now if none exists yet. */
  public SignedCheckpoint latestCheckpoint() {
    return log.latest().orElseGet(log::checkpointNow).checkpoint();
  }

  /**
   * A checkpoint signed earlier at exactly {@code treeSize} leaves (the newest such): every
   * checkpoint of one size carries the same root.
   */
  public Optional<SignedCheckpoint> checkpointAt(long treeSize) {
    return log.atSize(treeSize).map(AuditLog.StoredCheckpoint::checkpoint);
  }

  /** Integrates queued events and signs a checkpoint now. */
  public SignedCheckpoint checkpointNow() {
    return log.checkpointNow().checkpoint();
  }

  /** The Ed25519 key that signs checkpoints. */
  public PublicKey checkpointKey() {
    return log.key().publicKey();
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T withConnection(SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }
}
