package org.custodia.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Checks the audit log as stored in the database against itself and against its signed checkpoints:
 * every entry's leaf hash is recomputed from its bytes, the leaf indexes must run gaplessly from 0
 * to the tree size, the tree is rebuilt and every stored node compared, the tree head's root and
 * every checkpoint's root are recomputed, and every checkpoint's signature is verified with the
 * given public key. Reads one consistent snapshot (repeatable read).
 *
 * <p>Run by {@code scripts/audit-verify}; the core ({@link #verify}) is callable from tests. Holds
 * the leaf and node hashes in memory: 64 bytes per entry.
 */
public final class AuditVerifier {
  private static final int H = Merkle.HASH_SIZE;

  private AuditVerifier() {}

  /**
   * One divergence.
   *
   * @param index the first leaf index the divergence concerns; null when it names no leaf
   * @param exact whether {@code index} is the divergent entry itself, rather than the start of a
   *     range known to hold it (a checkpoint root only says that the tree diverged after the last
   *     matching checkpoint)
   */
  public record Finding(String kind, Long index, String message, boolean exact) {
    Finding(String kind, Long index, String message) {
      this(kind, index, message, true);
    }
  }

  public record Report(
      long treeSize, long entries, long nodes, int checkpoints, List<Finding> findings) {
    public boolean ok() {
      return findings.isEmpty();
    }

    /**
     * The lowest leaf index an exact finding names or, when no finding is exact, the start of the
     * earliest range known to diverge.
     */
    public OptionalLong firstDivergentIndex() {
      OptionalLong exact = lowest(true);
      return exact.isPresent() ? exact : lowest(false);
    }

    private OptionalLong lowest(boolean exact) {
      return findings.stream()
          .filter(f -> f.exact() == exact && f.index() != null)
          .mapToLong(Finding::index)
          .min();
    }
  }

  /** Verifies the log reachable through {@code c} (which is left rolled back). */
  public static Report verify(Connection c, PublicKey publicKey) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    int isolation = c.getTransactionIsolation();
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try {
      return new Run(c, publicKey).run();
    } finally {
      c.rollback();
      c.setTransactionIsolation(isolation);
      c.setAutoCommit(autoCommit);
    }
  }

  private static final class Run {
    private final Connection c;
    private final PublicKey publicKey;
    private final List<Finding> findings = new ArrayList<>();
    private long size;
    private long entries;
    private long nodesChecked;
    private boolean treeUsable = true;

    /** levels[L] holds the hashes of the complete nodes at level L, 32 bytes each. */
    private byte[][] levels;

    Run(Connection c, PublicKey publicKey) {
      this.c = c;
      this.publicKey = publicKey;
    }

    Report run() throws SQLException {
      TreeStorage.Head head = TreeStorage.head(c, false);
      size = head.size();
      if (size > Integer.MAX_VALUE / H) {
        throw new IllegalStateException("tree too large for the in-memory verifier: " + size);
      }
      checkEntries();
      buildLevels();
      checkNodes();
      byte[] root = treeUsable ? root(size) : null;
      if (root != null && !MessageDigest.isEqual(root, head.root())) {
        findings.add(
            new Finding("tree-head", null, "the tree head's root differs from the rebuilt tree"));
      }
      int checkpoints = checkCheckpoints();
      findings.sort(
          Comparator.comparing((Finding f) -> f.index() == null ? Long.MAX_VALUE : f.index()));
      return new Report(size, entries, nodesChecked, checkpoints, List.copyOf(findings));
    }

    private void checkEntries() throws SQLException {
      levels = new byte[64][];
      levels[0] = new byte[(int) size * H];
      long expected = 0;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT leaf_index, entry, leaf_hash FROM audit_entry"
                  + " WHERE leaf_index IS NOT NULL ORDER BY leaf_index")) {
        ps.setFetchSize(10_000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long index = rs.getLong(1);
            byte[] entry = rs.getBytes(2);
            byte[] stored = rs.getBytes(3);
            entries++;
            if (index >= size) {
              findings.add(
                  new Finding(
                      "beyond-head", index, "entry " + index + " lies beyond tree size " + size));
              continue;
            }
            if (index != expected) {
              findings.add(
                  new Finding(
                      "gap",
                      expected,
                      "entries " + expected + " to " + (index - 1) + " are missing"));
              treeUsable = false;
              expected = index;
            }
            byte[] leaf = Merkle.leafHash(entry);
            if (!MessageDigest.isEqual(leaf, stored)) {
              findings.add(
                  new Finding(
                      "leaf-hash",
                      index,
                      "entry " + index + " does not hash to its stored leaf hash"));
            }
            if (!canonical(entry)) {
              findings.add(
                  new Finding("not-canonical", index, "entry " + index + " is not canonical JSON"));
            }
            System.arraycopy(leaf, 0, levels[0], (int) index * H, H);
            expected = index + 1;
          }
        }
      }
      if (expected < size) {
        findings.add(
            new Finding(
                "gap", expected, "entries " + expected + " to " + (size - 1) + " are missing"));
        treeUsable = false;
      }
    }

    private static boolean canonical(byte[] entry) {
      try {
        return Arrays.equals(entry, CanonicalJson.bytes(CanonicalJson.parse(entry)));
      } catch (RuntimeException e) {
        return false;
      }
    }

    private void buildLevels() {
      for (int level = 1; level < 63 && (size >> level) > 0; level++) {
        byte[] below = levels[level - 1];
        int count = (int) (size >> level);
        byte[] cur = new byte[count * H];
        byte[] left = new byte[H];
        byte[] right = new byte[H];
        for (int i = 0; i < count; i++) {
          System.arraycopy(below, 2 * i * H, left, 0, H);
          System.arraycopy(below, (2 * i + 1) * H, right, 0, H);
          System.arraycopy(Merkle.nodeHash(left, right), 0, cur, i * H, H);
        }
        levels[level] = cur;
      }
    }

    private byte[] hash(Merkle.Node node) {
      byte[] level = levels[node.level()];
      if (level == null || (node.index() + 1) * H > level.length) {
        return null;
      }
      return Arrays.copyOfRange(level, (int) node.index() * H, (int) (node.index() + 1) * H);
    }

    private byte[] root(long treeSize) {
      return treeSize == 0 ? Merkle.emptyRoot() : Merkle.rangeHash(0, treeSize, this::hash);
    }

    private void checkNodes() throws SQLException {
      int currentLevel = -1;
      long nextExpected = 0;
      try (PreparedStatement ps =
          c.prepareStatement("SELECT level, idx, hash FROM audit_node ORDER BY level, idx")) {
        ps.setFetchSize(10_000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            int level = rs.getInt(1);
            long idx = rs.getLong(2);
            byte[] stored = rs.getBytes(3);
            if (level != currentLevel) {
              missingNodes(currentLevel, nextExpected);
              for (int l = currentLevel + 1; l < level; l++) {
                missingNodes(l, 0);
              }
              currentLevel = level;
              nextExpected = 0;
            }
            Merkle.Node node = new Merkle.Node(level, idx);
            if (idx > nextExpected) {
              addMissing(level, nextExpected, idx);
            }
            nextExpected = idx + 1;
            nodesChecked++;
            if (node.end() > size) {
              findings.add(
                  new Finding(
                      "node-beyond-head",
                      node.start(),
                      "node " + level + "/" + idx + " lies beyond tree size " + size));
              continue;
            }
            if (!treeUsable) {
              continue;
            }
            if (!MessageDigest.isEqual(stored, hash(node))) {
              findings.add(
                  new Finding(
                      level == 0 ? "leaf-node" : "node",
                      node.start(),
                      level == 0
                          ? "entry " + idx + " is not the leaf the tree holds at its index"
                          : "node "
                              + level
                              + "/"
                              + idx
                              + " covering entries ["
                              + node.start()
                              + ", "
                              + node.end()
                              + ") differs from the rebuilt tree",
                      level == 0));
            }
          }
        }
      }
      missingNodes(currentLevel, nextExpected);
      for (int l = currentLevel + 1; l < 63 && (size >> l) > 0; l++) {
        missingNodes(l, 0);
      }
    }

    private void missingNodes(int level, long from) {
      if (level >= 0) {
        addMissing(level, from, size >> level);
      }
    }

    private void addMissing(int level, long from, long to) {
      if (from < to) {
        findings.add(
            new Finding(
                "missing-node",
                from << level,
                "nodes " + level + "/" + from + " to " + level + "/" + (to - 1) + " are missing"));
      }
    }

    private int checkCheckpoints() throws SQLException {
      List<AuditLog.StoredCheckpoint> checkpoints = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + AuditLog.CHECKPOINT_COLUMNS
                      + ", note FROM audit_checkpoint ORDER BY tree_size, id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          checkpoints.add(AuditLog.checkpoint(rs));
          notes.add(rs.getString(8));
        }
      }
      long lastGood = 0;
      for (int i = 0; i < checkpoints.size(); i++) {
        AuditLog.StoredCheckpoint stored = checkpoints.get(i);
        SignedCheckpoint cp = stored.checkpoint();
        String id = "checkpoint " + stored.id() + " (size " + cp.treeSize() + ")";
        if (!cp.verifies(publicKey)) {
          findings.add(new Finding("checkpoint-signature", null, id + ": signature invalid"));
        }
        if (!cp.note().equals(notes.get(i))) {
          findings.add(
              new Finding("checkpoint-note", null, id + ": stored note differs from its fields"));
        }
        if (cp.treeSize() > size) {
          findings.add(
              new Finding(
                  "checkpoint-beyond-head", size, id + ": larger than the tree (" + size + ")"));
          continue;
        }
        if (!treeUsable) {
          continue;
        }
        if (MessageDigest.isEqual(root(cp.treeSize()), cp.rootHash())) {
          lastGood = Math.max(lastGood, cp.treeSize());
        } else {
          findings.add(
              new Finding(
                  "checkpoint-root",
                  lastGood,
                  id
                      + ": root differs from the rebuilt tree; the divergence lies in entries ["
                      + lastGood
                      + ", "
                      + cp.treeSize()
                      + ")",
                  false));
        }
      }
      return checkpoints.size();
    }
  }

  /** Reads the {@code PUBLIC KEY} PEM block of {@code file} (a key file or a public-key PEM). */
  public static PublicKey readPublicKey(Path file) throws IOException {
    String text = Files.readString(file);
    String begin = "-----BEGIN PUBLIC KEY-----";
    int from = text.indexOf(begin);
    int to = text.indexOf("-----END PUBLIC KEY-----");
    if (from < 0 || to < from) {
      throw new IOException("no PUBLIC KEY block in " + file);
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("not an Ed25519 public key: " + file, e);
    }
  }

  /**
   * {@code AuditVerifier [--url jdbc:postgresql://…] [--user u] [--password p] [--public-key file |
   * --data-dir dir]}; defaults from {@code QUARKUS_DATASOURCE_JDBC_URL}, {@code
   * QUARKUS_DATASOURCE_USERNAME}, {@code QUARKUS_DATASOURCE_PASSWORD} and {@code
   * CUSTODIA_DATA_DIR}. Exit 0: log intact; 1: divergence found; 2: could not check.
   */
  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    String url = env.get("QUARKUS_DATASOURCE_JDBC_URL");
    String user = env.get("QUARKUS_DATASOURCE_USERNAME");
    String password = env.get("QUARKUS_DATASOURCE_PASSWORD");
    String dataDir = env.getOrDefault("CUSTODIA_DATA_DIR", "./data");
    String keyFile = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--url" -> url = value;
        case "--user" -> user = value;
        case "--password" -> password = value;
        case "--public-key" -> keyFile = value;
        case "--data-dir" -> dataDir = value;
        default -> {
          System.err.println("unknown argument " + args[i]);
          System.exit(2);
        }
      }
      i++;
    }
    if (url == null) {
      System.err.println("no database: pass --url or set QUARKUS_DATASOURCE_JDBC_URL");
      System.exit(2);
    }
    Path key = keyFile != null ? Path.of(keyFile) : Path.of(dataDir).resolve(defaultKeyFile());
    int exit;
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      PublicKey publicKey = readPublicKey(key);
      long t0 = System.nanoTime();
      Report report = verify(c, publicKey);
      System.out.printf(
          "tree size %d, entries %d, nodes %d, checkpoints %d, key %s, %d ms%n",
          report.treeSize(),
          report.entries(),
          report.nodes(),
          report.checkpoints(),
          HexFormat.of().formatHex(SignedCheckpoint.rawEd25519(publicKey)).substring(0, 16),
          (System.nanoTime() - t0) / 1_000_000);
      if (report.ok()) {
        System.out.println("OK: the audit log is intact");
        exit = 0;
      } else {
        report
            .firstDivergentIndex()
            .ifPresent(i -> System.out.println("FIRST DIVERGENT ENTRY: " + i));
        for (Finding f : report.findings()) {
          System.out.println("  " + f.kind() + ": " + f.message());
        }
        exit = 1;
      }
    } catch (SQLException | IOException | RuntimeException e) {
      System.err.println("cannot verify: " + e.getMessage());
      exit = 2;
    }
    System.exit(exit);
  }

  private static String defaultKeyFile() {
    return "keys/audit-checkpoint.pem";
  }
}
