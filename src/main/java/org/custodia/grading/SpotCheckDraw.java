package org.custodia.grading;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The reproducible draw of a spot check (docs/reviews.md). Each candidate case gets the key
 * SHA-256(UTF-8(seed) ‖ UTF-8(case id in canonical lowercase form, 36 characters)), written in
 * lowercase hex; the candidates are ordered by key (then by id, should two keys ever be equal) and
 * the first N are drawn. Anyone with the seed and the candidate list can redo it, e.g. {@code
 * printf '%s%s' "$seed" "$caseId" | sha256sum}.
 */
public final class SpotCheckDraw {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SpotCheckDraw() {}

  /** One drawn case with its key. */
  public record Drawn(UUID caseId, String key) {}

  /** The key of a candidate under a seed. */
  public static String key(String seed, UUID caseId) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(seed.getBytes(StandardCharsets.UTF_8));
      sha.update(caseId.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** The first {@code n} candidates by key; all of them when there are fewer. */
  public static List<Drawn> draw(String seed, Collection<UUID> candidates, int n) {
    return candidates.stream()
        .distinct()
        .map(id -> new Drawn(id, key(seed, id)))
        .sorted(Comparator.comparing(Drawn::key).thenComparing(Drawn::caseId))
        .limit(n)
        .toList();
  }

  /** A fresh seed: 128 random bits in lowercase hex. */
  public static String newSeed() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
