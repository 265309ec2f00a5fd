package org.custodia.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CriteriaTest {
  final ObjectMapper json = new ObjectMapper();

  @Test
  void the_bundled_set_has_the_five_criteria_in_both_languages() {
    Criteria.CriteriaSet set = Criteria.load(file(Optional.empty()), json);
    assertThat(set.version()).isEqualTo("2026.1");
    assertThat(set.criteria())
        .extracting(Criteria.Criterion::key)
        .containsExactly(
            "legal-basis", "evidence", "procedure", "documents", "recording-completeness");
    assertThat(set.criteria().get(4).label()).containsEntry("zh-CN", "全过程记录");
    assertThat(set.has("evidence")).isTrue();
    assertThat(set.has("vibes")).isFalse();
  }

  @Test
  void a_file_replaces_the_bundled_set_and_a_broken_one_is_refused(@TempDir Path dir)
      throws Exception {
    Path good = dir.resolve("good.json");
    Files.writeString(
        good,
        "{\"version\":\"local-1\",\"criteria\":[{\"key\":\"safety\",\"label\":{\"zh-CN\":\"安全\","
            + "\"en\":\"Safety\"}}]}");
    assertThat(Criteria.load(file(Optional.of(good.toString())), json).version())
        .isEqualTo("local-1");

    Path twice = dir.resolve("twice.json");
    Files.writeString(
        twice,
        "{\"version\":\"v\",\"criteria\":[{\"key\":\"a\",\"label\":{\"zh-CN\":\"甲\",\"en\":\"A\"}},"
            + "{\"key\":\"a\",\"label\":{\"zh-CN\":\"甲\",\"en\":\"A\"}}]}");
    assertThatThrownBy(() -> Criteria.load(file(Optional.of(twice.toString())), json))
        .hasMessageContaining(twice.toString())
        .hasMessageContaining("criteria[1].key")
        .hasMessageContaining("listed twice");
    Path english = dir.resolve("english.json");
    Files.writeString(
        english, "{\"version\":\"v\",\"criteria\":[{\"key\":\"a\",\"label\":{\"en\":\"A\"}}]}");
    assertThatThrownBy(() -> Criteria.load(file(Optional.of(english.toString())), json))
        .hasMessageContaining("criteria[0].label.zh-CN")
        .hasMessageContaining("no zh-CN label");
    Path noVersion = dir.resolve("nov.json");
    Files.writeString(
        noVersion, "{\"criteria\":[{\"key\":\"a\",\"label\":{\"zh-CN\":\"甲\",\"en\":\"A\"}}]}");
    assertThatThrownBy(() -> Criteria.load(file(Optional.of(noVersion.toString())), json))
        .hasMessageContaining("version");
    assertThatThrownBy(
            () -> Criteria.load(file(Optional.of(dir.resolve("none.json").toString())), json))
        .hasMessageContaining("cannot read");
  }

  private static org.custodia.config.ConfigFile file(Optional<String> path) {
    return org.custodia.config.ConfigFile.locate(Criteria.FILE, path, Optional.empty());
  }
}
