package org.custodia.integrity;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.custodia.audit.AuditProofs;
import org.custodia.audit.AuditService;
import org.custodia.audit.CanonicalJson;

/**
 * Whether an item's {@code evidence.ingested} event is in the audit log: its leaf hash recomputed
 * from the entry bytes, and an RFC 9162 inclusion proof checked against the current tree head.
 */
final class AuditInclusion {
  private AuditInclusion() {}

  /** pass, fail or pending, with a reason. */
  record Result(String status, String detail) {}

  static Result check(Connection c, UUID evidenceId, String sha256Hex) throws SQLException {
    Long index;
    byte[] entry;
    byte[] storedLeaf;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT leaf_index, entry, leaf_hash FROM audit_entry WHERE target_type = 'evidence'"
                + " AND target_id = ? AND event_type = 'evidence.ingested' ORDER BY id LIMIT 1")) {
      ps.setString(1, evidenceId.toString());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return new Result("fail", "no evidence.ingested event in the audit log");
        }
        index = (Long) rs.getObject(1);
        entry = rs.getBytes(2);
        storedLeaf = rs.getBytes(3);
      }
    }
    byte[] leaf = AuditService.leafHash(entry);
    if (!MessageDigest.isEqual(leaf, storedLeaf)) {
      return new Result("fail", "the audit entry does not match its leaf hash");
    }
    String logged = CanonicalJson.parse(entry).path("details").path("sha256").asText();
    if (!logged.equals(sha256Hex)) {
      return new Result("fail", "the audit entry records another SHA-256: " + logged);
    }
    if (index == null) {
      return new Result("pending", "the event is queued; the integrator has not placed it yet");
    }
    long size;
    byte[] root;
    try (PreparedStatement ps =
            c.prepareStatement("SELECT tree_size, root_hash FROM audit_tree_head");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      size = rs.getLong(1);
      root = rs.getBytes(2);
    }
    if (index >= size) {
      return new Result("pending", "leaf " + index + " is beyond the tree head " + size);
    }
    List<byte[]> proof = AuditProofs.inclusion(c, index, size);
    if (!MessageDigest.isEqual(rootFromProof(index, size, leaf, proof), root)) {
      return new Result(
          "fail", "the inclusion proof of leaf " + index + " does not lead to the tree head");
    }
    return new Result(
        "pass",
        "leaf "
            + index
            + " is included in the tree of size "
            + size
            + " (root "
            + HexFormat.of().formatHex(root)
            + ")");
  }

  /** RFC 9162 §2.1.3.2: the root an inclusion proof leads to (null if the proof is malformed). */
  static byte[] rootFromProof(long index, long size, byte[] leaf, List<byte[]> proof) {
    long fn = index;
    long sn = size - 1;
    byte[] r = leaf;
    for (byte[] p : proof) {
      if (sn == 0) {
        return null;
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
    return sn == 0 ? r : null;
  }

  private static byte[] node(byte[] left, byte[] right) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update((byte) 0x01);
      d.update(left);
      return d.digest(right);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
