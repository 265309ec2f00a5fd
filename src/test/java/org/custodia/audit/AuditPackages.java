package org.custodia.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.custodia.support.KeyFiles;

/**
 * Writes the audit section of an export package ({@code audit/checkpoint}, {@code entries/}, {@code
 * proofs/}, {@code previous-checkpoint}, {@code consistency.txt} and the checkpoint key) in the
 * service's format, from entries and an Ed25519 key made at test time, with the service's own tree
 * arithmetic and note signing. For verifier tests that need no database.
 */
public final class AuditPackages {
  private AuditPackages() {}

  public static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The signed note of the tree of the first {@code size} entries. */
  public static String note(KeyPair key, String origin, List<byte[]> entries, int size) {
    return SignedCheckpoint.sign(
            origin,
            size,
            Merkle.root(size, nodes(entries.subList(0, size))),
            Instant.now(),
            key.getPrivate(),
            key.getPublic())
        .note();
  }

  public static String publicKeyPem(KeyPair key) {
    return KeyFiles.pem("PUBLIC KEY", key.getPublic().getEncoded());
  }

  /**
   * Writes under {@code data} (a bag's payload directory): every entry with its proof to a
   * checkpoint of all entries, and, when {@code previousSize} is given, the checkpoint of the first
   * {@code previousSize} entries with the consistency proof from it.
   */
  public static void write(
      Path data, KeyPair key, String origin, List<byte[]> entries, Integer previousSize)
      throws java.io.IOException {
    Map<Merkle.Node, byte[]> nodes = nodes(entries);
    int size = entries.size();
    String note = note(key, origin, entries, size);
    Path audit = Files.createDirectories(data.resolve("audit"));
    Files.createDirectories(audit.resolve("entries"));
    Files.createDirectories(audit.resolve("proofs"));
    Files.createDirectories(data.resolve("certs"));
    Files.writeString(data.resolve("certs/audit-checkpoint-ed25519.pem"), publicKeyPem(key));
    Files.writeString(audit.resolve("checkpoint"), note, StandardCharsets.UTF_8);
    Base64.Encoder b64 = Base64.getEncoder();
    for (int i = 0; i < size; i++) {
      Files.write(audit.resolve("entries/" + i + ".json"), entries.get(i));
      StringBuilder proof = new StringBuilder("c2sp.org/tlog-proof@v1\nindex " + i + "\n");
      for (byte[] h : Merkle.hashes(Merkle.inclusionPath(i, size), nodes)) {
        proof.append(b64.encodeToString(h)).append('\n');
      }
      proof.append('\n').append(note);
      Files.writeString(audit.resolve("proofs/" + i + ".proof"), proof, StandardCharsets.UTF_8);
    }
    if (previousSize != null) {
      Files.writeString(
          audit.resolve("previous-checkpoint"), note(key, origin, entries, previousSize));
      StringBuilder c = new StringBuilder("from " + previousSize + "\nto " + size + "\n");
      for (byte[] h : Merkle.hashes(Merkle.consistencyPath(previousSize, size), nodes)) {
        c.append(b64.encodeToString(h)).append('\n');
      }
      Files.writeString(audit.resolve("consistency.txt"), c);
    }
  }

  /** Re-signs a note's body with another key (named as the origin), as a forger would. */
  public static String resign(String note, KeyPair key) {
    SignedCheckpoint cp = SignedCheckpoint.parse(note);
    return SignedCheckpoint.sign(
            cp.origin(),
            cp.treeSize(),
            cp.rootHash(),
            cp.timestamp(),
            key.getPrivate(),
            key.getPublic())
        .note();
  }

  private static Map<Merkle.Node, byte[]> nodes(List<byte[]> entries) {
    List<byte[]> leaves = new ArrayList<>();
    for (byte[] e : entries) {
      leaves.add(Merkle.leafHash(e));
    }
    Map<Merkle.Node, byte[]> out = new HashMap<>();
    for (Merkle.NodeHash n : Merkle.extend(0, Map.of(), leaves).nodes()) {
      out.put(new Merkle.Node(n.level(), n.index()), n.hash());
    }
    return out;
  }
}
