package org.custodia.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The tree arithmetic at hash level, against the independent RFC reference in {@link Rfc6962}: the
 * nodes are produced by the integrator's incremental algorithm ({@link Merkle#extend}) in random
 * batches, exactly as the integrator stores them, and proofs are built from those nodes only.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MerkleTreeTest {
  static final int MAX = 300;
  static final long SEED = System.nanoTime();
  static final List<byte[]> entries = new ArrayList<>();
  static final Map<Merkle.Node, byte[]> nodes = new HashMap<>();
  static final Map<Long, byte[]> rootsAfterBatches = new HashMap<>();

  @BeforeAll
  static void build_tree_in_random_batches() {
    Random random = new Random(SEED);
    for (int i = 0; i < MAX; i++) {
      byte[] entry = new byte[random.nextInt(40)];
      random.nextBytes(entry);
      entries.add(entry);
    }
    long size = 0;
    while (size < MAX) {
      int batch = (int) Math.min(MAX - size, 1 + random.nextInt(size < 20 ? 3 : 40));
      List<byte[]> leaves = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        leaves.add(Merkle.leafHash(entries.get((int) size + i)));
      }
      Map<Merkle.Node, byte[]> frontier = new HashMap<>();
      for (Merkle.Node n : Merkle.rootNodes(size)) {
        frontier.put(n, nodes.get(n));
      }
      Merkle.Extension ext = Merkle.extend(size, frontier, leaves);
      for (Merkle.NodeHash n : ext.nodes()) {
        assertThat(nodes.put(new Merkle.Node(n.level(), n.index()), n.hash()))
            .as("node %d/%d written once", n.level(), n.index())
            .isNull();
      }
      size = ext.newSize();
      rootsAfterBatches.put(size, ext.root());
    }
  }

  @Test
  void integrator_roots_match_the_rfc_6962_mth_after_every_batch() {
    assertThat(rootsAfterBatches).isNotEmpty();
    rootsAfterBatches.forEach(
        (size, root) ->
            assertThat(root)
                .as("root of %d (seed %d)", size, SEED)
                .isEqualTo(Rfc6962.mth(entries.subList(0, size.intValue()))));
  }

  @Test
  void only_complete_subtrees_are_stored() {
    long expected = 0;
    for (int level = 0; (MAX >> level) > 0; level++) {
      expected += MAX >> level;
    }
    assertThat(nodes).hasSize((int) expected);
  }

  @Test
  void roots_from_stored_nodes_match_the_mth_for_every_size_from_1_to_300() {
    for (int n = 1; n <= MAX; n++) {
      assertThat(Merkle.root(n, nodes)).isEqualTo(Rfc6962.mth(entries.subList(0, n)));
    }
    assertThat(Merkle.root(0, nodes)).isEqualTo(Rfc6962.mth(List.of()));
  }

  @Test
  void every_inclusion_proof_verifies_for_every_size_from_1_to_300() {
    for (int n = 1; n <= MAX; n++) {
      byte[] root = Rfc6962.mth(entries.subList(0, n));
      for (int i = 0; i < n; i++) {
        List<byte[]> proof = Merkle.hashes(Merkle.inclusionPath(i, n), nodes);
        assertThat(Rfc6962.verifyInclusion(i, n, Rfc6962.leaf(entries.get(i)), proof, root))
            .as("leaf %d in tree %d", i, n)
            .isTrue();
        assertThat(Merkle.nodesOf(Merkle.inclusionPath(i, n)).size())
            .isLessThanOrEqualTo(2 * (64 - Long.numberOfLeadingZeros(n)));
      }
    }
  }

  @Test
  void every_consistency_proof_verifies_for_all_pairs_up_to_300() {
    byte[][] roots = new byte[MAX + 1][];
    for (int n = 1; n <= MAX; n++) {
      roots[n] = Rfc6962.mth(entries.subList(0, n));
    }
    for (int n = 1; n <= MAX; n++) {
      for (int m = 1; m <= n; m++) {
        List<byte[]> proof = Merkle.hashes(Merkle.consistencyPath(m, n), nodes);
        assertThat(Rfc6962.verifyConsistency(m, n, proof, roots[m], roots[n]))
            .as("consistency %d -> %d", m, n)
            .isTrue();
        assertThat(Merkle.verifyConsistency(m, n, roots[m], roots[n], proof))
            .as("Merkle.verifyConsistency %d -> %d", m, n)
            .isTrue();
      }
    }
  }

  @Test
  void tampered_proofs_and_wrong_leaves_do_not_verify() {
    Random random = new Random(SEED + 1);
    for (int k = 0; k < 500; k++) {
      int n = 2 + random.nextInt(MAX - 1);
      int i = random.nextInt(n);
      byte[] root = Rfc6962.mth(entries.subList(0, n));
      List<byte[]> proof = new ArrayList<>(Merkle.hashes(Merkle.inclusionPath(i, n), nodes));
      byte[] wrongLeaf = Rfc6962.leaf("other".getBytes(StandardCharsets.UTF_8));
      assertThat(Rfc6962.verifyInclusion(i, n, wrongLeaf, proof, root)).isFalse();
      int j = random.nextInt(proof.size());
      byte[] flipped = proof.get(j).clone();
      flipped[random.nextInt(32)] ^= 1;
      proof.set(j, flipped);
      assertThat(Rfc6962.verifyInclusion(i, n, Rfc6962.leaf(entries.get(i)), proof, root))
          .isFalse();
      int m = 1 + random.nextInt(n - 1);
      List<byte[]> cproof = Merkle.hashes(Merkle.consistencyPath(m, n), nodes);
      byte[] wrongFirst = Rfc6962.mth(entries.subList(0, m)).clone();
      wrongFirst[random.nextInt(32)] ^= 1;
      assertThat(Rfc6962.verifyConsistency(m, n, cproof, wrongFirst, root)).isFalse();
      assertThat(Merkle.verifyConsistency(m, n, wrongFirst, root, cproof)).isFalse();
      byte[] rightFirst = Rfc6962.mth(entries.subList(0, m));
      if (!cproof.isEmpty()) {
        List<byte[]> bent = new ArrayList<>(cproof);
        byte[] h = bent.get(0).clone();
        h[0] ^= 1;
        bent.set(0, h);
        assertThat(Merkle.verifyConsistency(m, n, rightFirst, root, bent)).isFalse();
      }
      assertThat(Merkle.verifyConsistency(m, n, rightFirst, root, cproof)).isTrue();
      // a size the proof was not made for: the same answer as the reference implementation
      assertThat(Merkle.verifyConsistency(m, n + 1, rightFirst, root, cproof))
          .isEqualTo(Rfc6962.verifyConsistency(m, n + 1, cproof, rightFirst, root));
    }
  }
}
