package org.custodia.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** JDBC access to the stored tree: nodes and the tree head, on a caller-supplied connection. */
final class TreeStorage {
  private TreeStorage() {}

  /** The current tree head. */
  record Head(long size, byte[] root) {}

  static Head head(Connection c, boolean forUpdate) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT tree_size, root_hash FROM audit_tree_head"
                    + (forUpdate ? " FOR UPDATE" : ""));
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("audit_tree_head has no row");
      }
      return new Head(rs.getLong(1), rs.getBytes(2));
    }
  }

  /** Fetches the given nodes in one query; nodes not stored are absent from the map. */
  static Map<Merkle.Node, byte[]> nodes(Connection c, Collection<Merkle.Node> wanted)
      throws SQLException {
    Map<Merkle.Node, byte[]> out = new HashMap<>();
    if (wanted.isEmpty()) {
      return out;
    }
    Short[] levels = new Short[wanted.size()];
    Long[] indexes = new Long[wanted.size()];
    int i = 0;
    for (Merkle.Node n : wanted) {
      levels[i] = (short) n.level();
      indexes[i] = n.index();
      i++;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT n.level, n.idx, n.hash FROM unnest(?::smallint[], ?::bigint[]) AS w(level, idx)"
                + " JOIN audit_node n ON n.level = w.level AND n.idx = w.idx")) {
      Array a = c.createArrayOf("int2", levels);
      Array b = c.createArrayOf("int8", indexes);
      ps.setArray(1, a);
      ps.setArray(2, b);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(new Merkle.Node(rs.getShort(1), rs.getLong(2)), rs.getBytes(3));
        }
      }
    }
    return out;
  }

  static Optional<byte[]> entry(Connection c, long index) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT entry FROM audit_entry WHERE leaf_index = ?")) {
      ps.setLong(1, index);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    }
  }
}
