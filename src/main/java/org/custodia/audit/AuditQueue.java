package org.custodia.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

/**
 * The queue side of the log: one row per event in {@code audit_entry}, written on the caller's
 * connection (and so in the caller's transaction). The integrator later gives it a leaf index.
 */
public final class AuditQueue {
  private static final String INSERT =
      "INSERT INTO audit_entry (entry, leaf_hash, event_type, actor_id, unit_id, target_type,"
          + " target_id, occurred_at) VALUES (?,?,?,?,?,?,?,?)";

  private AuditQueue() {}

  /** Queues {@code event} on {@code connection}; returns its canonical bytes. */
  public static byte[] enqueue(Connection connection, AuditEvent event) throws SQLException {
    byte[] entry = CanonicalJson.bytes(event);
    try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
      ps.setBytes(1, entry);
      ps.setBytes(2, Merkle.leafHash(entry));
      ps.setString(3, event.type());
      ps.setString(4, event.actor() == null ? null : event.actor().id());
      if (event.unit() == null) {
        ps.setNull(5, Types.OTHER);
      } else {
        ps.setObject(5, UUID.fromString(event.unit()));
      }
      ps.setString(6, event.target() == null ? null : event.target().type());
      ps.setString(7, event.target() == null ? null : event.target().id());
      ps.setTimestamp(8, Timestamp.from(Instant.parse(event.time())));
      ps.executeUpdate();
    }
    return entry;
  }
}
