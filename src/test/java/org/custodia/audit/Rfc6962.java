package org.custodia.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent RFC 6962 / RFC 9162 reference, written from the RFC text and sharing no code with
 * the implementation under test: MTH by the recursive definition (RFC 6962 §2.1), inclusion proof
 * verification (RFC 9162 §2.1.3.2) and consistency proof verification (RFC 9162 §2.1.4.2).
 */
final class Rfc6962 {
  private Rfc6962() {}

  static byte[] leaf(byte[] entry) {
    MessageDigest d = sha256();
    d.update((byte) 0);
    return d.digest(entry);
  }

  static byte[] node(byte[] left, byte[] right) {
    MessageDigest d = sha256();
    d.update((byte) 1);
    d.update(left);
    return d.digest(right);
  }

  /** MTH(D[n]) over entries (not leaf hashes). */
  static byte[] mth(List<byte[]> entries) {
    int n = entries.size();
    if (n == 0) {
      return sha256().digest();
    }
    if (n == 1) {
      return leaf(entries.get(0));
    }
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return node(mth(entries.subList(0, k)), mth(entries.subList(k, n)));
  }

  /** RFC 9162 §2.1.3.2. */
  static boolean verifyInclusion(
      long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root) {
    if (leafIndex >= treeSize) {
      return false;
    }
    long fn = leafIndex;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  /** RFC 9162 §2.1.4.2. */
  static boolean verifyConsistency(
      long first, long second, List<byte[]> proof, byte[] firstHash, byte[] secondHash) {
    if (first == second) {
      return proof.isEmpty() && MessageDigest.isEqual(firstHash, secondHash);
    }
    if (first < 1 || first > second || proof.isEmpty()) {
      return false;
    }
    List<byte[]> path = new ArrayList<>(proof);
    if (Long.bitCount(first) == 1) {
      path.add(0, firstHash);
    }
    long fn = first - 1;
    long sn = second - 1;
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
        fr = node(c, fr);
        sr = node(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        sr = node(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, firstHash) && MessageDigest.isEqual(sr, secondHash);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
