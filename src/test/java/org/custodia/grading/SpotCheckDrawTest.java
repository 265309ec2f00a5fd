package org.custodia.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SpotCheckDrawTest {

  @Test
  void the_key_is_what_sha256sum_says_of_seed_and_case_id() throws Exception {
    UUID id = UUID.fromString("0190f1a2-3b4c-7d5e-8f60-718293a4b5c6");
    String seed = "2026上半年";
    Process p = new ProcessBuilder("sha256sum").start();
    p.getOutputStream().write((seed + id).getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(p.waitFor()).isZero();
    assertThat(SpotCheckDraw.key(seed, id)).isEqualTo(out.substring(0, 64));
    assertThat(SpotCheckDraw.key(seed, id)).isEqualTo(GradingCheck.sha256Hex(seed + id));
  }

  @Test
  void the_draw_takes_the_smallest_keys_and_depends_only_on_seed_and_candidates() {
    List<UUID> candidates = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      candidates.add(UUID.nameUUIDFromBytes(("case-" + i).getBytes(StandardCharsets.UTF_8)));
    }
    List<SpotCheckDraw.Drawn> drawn = SpotCheckDraw.draw("seed-1", candidates, 7);
    List<UUID> expected =
        candidates.stream()
            .sorted(Comparator.comparing(c -> GradingCheck.sha256Hex("seed-1" + c)))
            .limit(7)
            .toList();
    assertThat(drawn).extracting(SpotCheckDraw.Drawn::caseId).containsExactlyElementsOf(expected);
    List<UUID> reversed = new ArrayList<>(candidates);
    java.util.Collections.reverse(reversed);
    assertThat(SpotCheckDraw.draw("seed-1", reversed, 7)).isEqualTo(drawn);
    assertThat(SpotCheckDraw.draw("seed-2", candidates, 7)).isNotEqualTo(drawn);
    assertThat(SpotCheckDraw.draw("seed-1", candidates.subList(0, 3), 7)).hasSize(3);
    assertThat(SpotCheckDraw.newSeed())
        .matches("[0-9a-f]{32}")
        .isNotEqualTo(SpotCheckDraw.newSeed());
  }
}
