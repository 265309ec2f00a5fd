package org.custodia.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custodia.error.CustodiaException;

/**
 * Inclusion and consistency proofs (RFC 9162 §2.1.3, §2.1.4) from stored complete-subtree hashes:
 * the proof's ranges are decomposed into at most ~2 log2(n) stored nodes, read in one query. Plain
 * JDBC with a caller-supplied connection.
 */
public final class AuditProofs {
  private AuditProofs() {}

  /** Audit path of leaf {@code index} in the tree of {@code treeSize} leaves, leaf upwards. */
  public static List<byte[]> inclusion(Connection c, long index, long treeSize)
      throws SQLException {
    requireSize(c, treeSize, "treeSize");
    if (index < 0 || index >= treeSize) {
      throw CustodiaException.invalid("index", "index must be in [0, treeSize)");
    }
    return hashes(c, Merkle.inclusionPath(index, treeSize));
  }

  /** Consistency proof between the trees of {@code from} and {@code to} leaves. */
  public static List<byte[]> consistency(Connection c, long from, long to) throws SQLException {
    requireSize(c, to, "to");
    if (from < 1 || from > to) {
      throw CustodiaException.invalid("from", "from must be in [1, to]");
    }
    return hashes(c, Merkle.consistencyPath(from, to));
  }

  /** Root of the tree of {@code treeSize} leaves, from stored nodes. */
  public static byte[] root(Connection c, long treeSize) throws SQLException {
    requireSize(c, treeSize, "treeSize");
    if (treeSize == 0) {
      return Merkle.emptyRoot();
    }
    List<Merkle.Node> nodes = Merkle.rootNodes(treeSize);
    return Merkle.root(treeSize, TreeStorage.nodes(c, nodes));
  }

  private static List<byte[]> hashes(Connection c, List<Merkle.Range> ranges) throws SQLException {
    Set<Merkle.Node> needed = Merkle.nodesOf(ranges);
    Map<Merkle.Node, byte[]> nodes = TreeStorage.nodes(c, needed);
    if (nodes.size() != needed.size()) {
      throw new IllegalStateException("the stored tree lacks nodes a proof needs");
    }
    return Merkle.hashes(ranges, nodes);
  }

  private static void requireSize(Connection c, long treeSize, String field) throws SQLException {
    if (treeSize < 1) {
      throw CustodiaException.invalid(field, field + " must be at least 1");
    }
    long current = TreeStorage.head(c, false).size();
    if (treeSize > current) {
      throw CustodiaException.invalid(field, field + " exceeds the current tree size " + current);
    }
  }
}
