package org.custodia.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives queued audit entries their place in the Merkle tree. One integrator runs per cluster at a
 * time (a transaction-scoped advisory lock, plus the tree head's row lock): it takes queued rows in
 * queue order, assigns the next gapless leaf indexes, stores every subtree hash that became
 * complete and moves the tree head, all in the caller's transaction. Rows already in the tree are
 * never touched, so sequenced leaves keep their order whatever the commit order of the writers.
 *
 * <p>Plain JDBC with a caller-supplied connection, so the service, the benchmark and tests can
 * drive it. Each SQL statement handles a whole batch (arrays through {@code unnest}).
 */
public final class AuditIntegrator {
  /** Advisory lock key: "audit-in" in ASCII. */
  static final long LOCK_KEY = 0x61756469742d696eL;

  private AuditIntegrator() {}

  /** What one batch did. */
  public record Result(int integrated, long treeSize, byte[] root, boolean lockBusy) {}

  /**
   * Integrates up to {@code maxBatch} queued entries. The caller commits (or rolls back) the
   * connection's transaction; auto-commit must be off.
   */
  public static Result integrateBatch(Connection c, int maxBatch) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
      ps.setLong(1, LOCK_KEY);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return new Result(0, -1, null, true);
        }
      }
    }
    TreeStorage.Head head = TreeStorage.head(c, true);
    List<Long> ids = new ArrayList<>();
    List<byte[]> leaves = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, entry FROM audit_entry WHERE leaf_index IS NULL ORDER BY id LIMIT ?")) {
      ps.setInt(1, maxBatch);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
          // the leaf hash is recomputed from the bytes it covers, not trusted from the queue row
          leaves.add(Merkle.leafHash(rs.getBytes(2)));
        }
      }
    }
    if (ids.isEmpty()) {
      return new Result(0, head.size(), head.root(), false);
    }
    long size = head.size();
    Merkle.Extension ext =
        Merkle.extend(size, TreeStorage.nodes(c, Merkle.rootNodes(size)), leaves);

    Long[] idArray = ids.toArray(new Long[0]);
    Long[] indexArray = new Long[idArray.length];
    for (int i = 0; i < indexArray.length; i++) {
      indexArray[i] = size + i;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE audit_entry e SET leaf_index = u.idx"
                + " FROM unnest(?::bigint[], ?::bigint[]) AS u(id, idx)"
                + " WHERE e.id = u.id AND e.leaf_index IS NULL")) {
      Array a = c.createArrayOf("int8", idArray);
      Array b = c.createArrayOf("int8", indexArray);
      ps.setArray(1, a);
      ps.setArray(2, b);
      int updated = ps.executeUpdate();
      if (updated != idArray.length) {
        throw new IllegalStateException(
            "queued audit entries changed under the integrator: " + updated + " of " + ids.size());
      }
    }
    int n = ext.nodes().size();
    Short[] levels = new Short[n];
    Long[] indexes = new Long[n];
    byte[][] hashes = new byte[n][];
    for (int i = 0; i < n; i++) {
      Merkle.NodeHash node = ext.nodes().get(i);
      levels[i] = (short) node.level();
      indexes[i] = node.index();
      hashes[i] = node.hash();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_node (level, idx, hash)"
                + " SELECT * FROM unnest(?::smallint[], ?::bigint[], ?::bytea[])")) {
      ps.setArray(1, c.createArrayOf("int2", levels));
      ps.setArray(2, c.createArrayOf("int8", indexes));
      ps.setArray(3, c.createArrayOf("bytea", hashes));
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE audit_tree_head SET tree_size = ?, root_hash = ?, updated_at = ?"
                + " WHERE tree_size = ?")) {
      ps.setLong(1, ext.newSize());
      ps.setBytes(2, ext.root());
      ps.setTimestamp(3, Timestamp.from(Instant.now()));
      ps.setLong(4, size);
      if (ps.executeUpdate() != 1) {
        throw new IllegalStateException("tree head moved under the integrator");
      }
    }
    return new Result(ids.size(), ext.newSize(), ext.root(), false);
  }
}
