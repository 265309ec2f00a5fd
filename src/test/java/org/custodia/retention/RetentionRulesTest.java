package org.custodia.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.Optional;
import org.custodia.config.ConfigFile;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention classes file: bundled, overridden from the directory, refused naming the field. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RetentionRulesTest {
  final ObjectMapper json = new ObjectMapper();

  @Test
  void the_bundled_classes_load_and_the_override_directory_replaces_them(@TempDir Path dir)
      throws Exception {
    RetentionRules.Rules bundled =
        RetentionRules.load(
            ConfigFile.locate(RetentionRules.FILE, Optional.empty(), Optional.empty()), json);
    assertThat(bundled.classes().get(RetentionClass.NON_EVIDENCE).minimum())
        .isEqualTo(Period.ofMonths(6));
    ObjectNode root = (ObjectNode) json.readTree(Path.of("storage-config/retention.json").toFile());
    root.put("version", "local-2");
    Files.writeString(dir.resolve("retention.json"), root.toString());
    assertThat(
            RetentionRules.load(
                    ConfigFile.locate(
                        RetentionRules.FILE, Optional.empty(), Optional.of(dir.toString())),
                    json)
                .version())
        .isEqualTo("local-2");

    ((ObjectNode) root.path("classes").path("WITH_CASE").path("caseTypes").path("PENALTY"))
        .put("period", "thirty years");
    Files.writeString(dir.resolve("retention.json"), root.toString());
    assertThatThrownBy(
            () ->
                RetentionRules.load(
                    ConfigFile.locate(
                        RetentionRules.FILE, Optional.empty(), Optional.of(dir.toString())),
                    json))
        .isInstanceOf(ConfigFile.Invalid.class)
        .hasMessageStartingWith(
            dir.resolve("retention.json")
                + ": classes.WITH_CASE.caseTypes.PENALTY.period: \"thirty years\" is not valid");
  }
}
