package org.custodia.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RFC 6962 / RFC 9162 Merkle tree arithmetic over stored complete subtrees. A tree of size n is the
 * left-complete binary tree whose every node covers leaves {@code [i * 2^L, min((i + 1) * 2^L,
 * n))}; the nodes whose range is complete ({@link Node}) never change once written. Proof paths are
 * first expressed as leaf ranges, each range is then decomposed into complete nodes, so that a
 * proof needs only O(log n) stored hashes fetched together.
 */
public final class Merkle {
  static final int HASH_SIZE = 32;

  private Merkle() {}

  /** A complete subtree: level L, index i covers leaves [i * 2^L, (i + 1) * 2^L). */
  record Node(int level, long index) {
    long start() {
      return index << level;
    }

    long end() {
      return (index + 1) << level;
    }
  }

  /** A node with its hash. */
  record NodeHash(int level, long index, byte[] hash) {}

  /** A range of leaves [start, end) of the tree. */
  record Range(long start, long end) {}

  /** RFC 6962 leaf hash: SHA-256(0x00 || entry). */
  public static byte[] leafHash(byte[] entry) {
    MessageDigest sha256 = sha256();
    sha256.update((byte) 0x00);
    return sha256.digest(entry);
  }

  /** RFC 6962 node hash: SHA-256(0x01 || left || right). */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest sha256 = sha256();
    sha256.update((byte) 0x01);
    sha256.update(left);
    return sha256.digest(right);
  }

  /** MTH of the empty tree: SHA-256 of the empty string. */
  static byte[] emptyRoot() {
    return sha256().digest();
  }

  /** The largest power of two smaller than {@code n} (n >= 2). */
  static long split(long n) {
    return Long.highestOneBit(n - 1);
  }

  /**
   * The complete nodes a range decomposes into, left to right. Valid for every range that occurs in
   * an RFC 6962 tree (left-aligned to its split point).
   */
  static void decompose(long start, long end, List<Node> out) {
    long size = end - start;
    if (Long.bitCount(size) == 1 && start % size == 0) {
      out.add(new Node(Long.numberOfTrailingZeros(size), start / size));
      return;
    }
    long k = split(size);
    decompose(start, start + k, out);
    decompose(start + k, end, out);
  }

  /** The nodes of the RFC 6962 tree of {@code size} leaves whose hashes make up its root. */
  static List<Node> rootNodes(long size) {
    List<Node> out = new ArrayList<>();
    if (size > 0) {
      decompose(0, size, out);
    }
    return out;
  }

  /** Where complete-node hashes come from; null when a node is not known. */
  @FunctionalInterface
  interface NodeSource {
    byte[] hash(Node node);
  }

  static byte[] rangeHash(long start, long end, Map<Node, byte[]> nodes) {
    return rangeHash(start, end, (NodeSource) nodes::get);
  }

  /** Hash of a range, from the hashes of its complete nodes. */
  static byte[] rangeHash(long start, long end, NodeSource nodes) {
    long size = end - start;
    if (Long.bitCount(size) == 1 && start % size == 0) {
      Node node = new Node(Long.numberOfTrailingZeros(size), start / size);
      byte[] hash = nodes.hash(node);
      if (hash == null) {
        throw new IllegalStateException("missing tree node " + node);
      }
      return hash;
    }
    long k = split(size);
    return nodeHash(rangeHash(start, start + k, nodes), rangeHash(start + k, end, nodes));
  }

  /** RFC 9162 §2.1.3.1 PATH(m, D[n]) as ranges, from the leaf upwards. */
  static List<Range> inclusionPath(long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("index outside the tree");
    }
    List<Range> out = new ArrayList<>();
    path(index, 0, size, out);
    return out;
  }

  private static void path(long m, long start, long end, List<Range> out) {
    long n = end - start;
    if (n == 1) {
      return;
    }
    long k = split(n);
    if (m - start < k) {
      path(m, start, start + k, out);
      out.add(new Range(start + k, end));
    } else {
      path(m, start + k, end, out);
      out.add(new Range(start, start + k));
    }
  }

  /** RFC 9162 §2.1.4.1 PROOF(m, D[n]) as ranges; empty when m == n. */
  static List<Range> consistencyPath(long from, long to) {
    if (from < 1 || from > to) {
      throw new IllegalArgumentException("need 1 <= from <= to");
    }
    List<Range> out = new ArrayList<>();
    if (from < to) {
      subproof(from, 0, to, true, out);
    }
    return out;
  }

  private static void subproof(long m, long start, long end, boolean b, List<Range> out) {
    long n = end - start;
    if (m == n) {
      if (!b) {
        out.add(new Range(start, end));
      }
      return;
    }
    long k = split(n);
    if (m <= k) {
      subproof(m, start, start + k, b, out);
      out.add(new Range(start + k, end));
    } else {
      subproof(m - k, start + k, end, false, out);
      out.add(new Range(start, start + k));
    }
  }

  /** Every complete node needed to hash the given ranges. */
  static Set<Node> nodesOf(List<Range> ranges) {
    Set<Node> nodes = new LinkedHashSet<>();
    List<Node> scratch = new ArrayList<>();
    for (Range r : ranges) {
      scratch.clear();
      decompose(r.start(), r.end(), scratch);
      nodes.addAll(scratch);
    }
    return nodes;
  }

  static List<byte[]> hashes(List<Range> ranges, Map<Node, byte[]> nodes) {
    List<byte[]> out = new ArrayList<>(ranges.size());
    for (Range r : ranges) {
      out.add(rangeHash(r.start(), r.end(), nodes));
    }
    return out;
  }

  /**
   * Root from the hashes of {@link #rootNodes}: the smallest (rightmost) subtree is folded in
   * first.
   */
  static byte[] root(long size, Map<Node, byte[]> nodes) {
    return size == 0 ? emptyRoot() : rangeHash(0, size, nodes);
  }

  /** The outcome of appending leaves to a tree: every new complete node and the new root. */
  record Extension(long newSize, List<NodeHash> nodes, byte[] root) {}

  /**
   * Appends {@code leaves} to a tree of {@code size} leaves whose right edge ({@link #rootNodes})
   * hashes are given in {@code frontier}. Returns every node that becomes complete (leaves
   * included) and the root of the grown tree. Nodes already complete are never recomputed.
   */
  static Extension extend(long size, Map<Node, byte[]> frontier, List<byte[]> leaves) {
    long end = size + leaves.size();
    List<NodeHash> out = new ArrayList<>(leaves.size() * 2);
    Map<Node, byte[]> edge = new HashMap<>(frontier);
    byte[][] prev = leaves.toArray(new byte[0][]);
    long prevLo = size;
    for (int i = 0; i < prev.length; i++) {
      out.add(new NodeHash(0, size + i, prev[i]));
    }
    if (prev.length > 0) {
      edge.put(new Node(0, end - 1), prev[prev.length - 1]);
    }
    for (int level = 1; level < 63 && (end >> level) > 0; level++) {
      long lo = size >> level;
      long hi = end >> level;
      if (hi <= lo) {
        break;
      }
      byte[][] cur = new byte[(int) (hi - lo)][];
      for (long i = lo; i < hi; i++) {
        long left = 2 * i;
        byte[] leftHash =
            left >= prevLo ? prev[(int) (left - prevLo)] : edge.get(new Node(level - 1, left));
        if (leftHash == null) {
          throw new IllegalStateException("missing frontier node " + (level - 1) + "/" + left);
        }
        byte[] hash = nodeHash(leftHash, prev[(int) (left + 1 - prevLo)]);
        cur[(int) (i - lo)] = hash;
        out.add(new NodeHash(level, i, hash));
      }
      edge.put(new Node(level, hi - 1), cur[cur.length - 1]);
      prev = cur;
      prevLo = lo;
    }
    Map<Node, byte[]> rootHashes = new HashMap<>();
    for (Node n : rootNodes(end)) {
      byte[] h = edge.get(n);
      if (h == null) {
        throw new IllegalStateException("missing edge node " + n);
      }
      rootHashes.put(n, h);
    }
    return new Extension(end, out, root(end, rootHashes));
  }

  /**
   * RFC 9162 §2.1.3.2: whether {@code proof} shows the leaf {@code leaf} at {@code index} to be in
   * the tree of {@code size} leaves with root {@code root}.
   */
  public static boolean verifyInclusion(
      long index, long size, byte[] leaf, List<byte[]> proof, byte[] root) {
    if (index < 0 || index >= size) {
      return false;
    }
    byte[] computed = rootFromInclusionProof(index, size, leaf, proof);
    return computed != null && MessageDigest.isEqual(computed, root);
  }

  /**
   * RFC 9162 §2.1.4.2: whether {@code proof} shows the tree of {@code size2} leaves with root
   * {@code root2} to extend the tree of {@code size1} leaves with root {@code root1} (append only).
   */
  public static boolean verifyConsistency(
      long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
    if (size1 < 1 || size2 < size1) {
      return false;
    }
    if (size1 == size2) {
      return proof.isEmpty() && MessageDigest.isEqual(root1, root2);
    }
    if (proof.isEmpty()) {
      return false;
    }
    List<byte[]> path = new ArrayList<>(proof.size() + 1);
    if (Long.bitCount(size1) == 1) {
      path.add(root1);
    }
    path.addAll(proof);
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, root1) && MessageDigest.isEqual(sr, root2);
  }

  /** The root an inclusion proof leads to; null if the proof is malformed for index and size. */
  static byte[] rootFromInclusionProof(long index, long size, byte[] leaf, List<byte[]> proof) {
    long fn = index;
    long sn = size - 1;
    byte[] r = leaf;
    for (byte[] p : proof) {
      if (sn == 0) {
        return null;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 ? r : null;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
