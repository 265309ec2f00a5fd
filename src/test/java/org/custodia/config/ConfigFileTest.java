package org.custodia.config;

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

/** Where a storage-config file comes from, and errors that name the file and the field. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConfigFileTest {
  final ObjectMapper json = new ObjectMapper();

  record Named(String version, int count) {}

  private String version(ConfigFile f) {
    return f.load(json, (root, file) -> root.path("version").asText());
  }

  @Test
  void the_setting_wins_then_the_override_directory_then_the_bundled_default(@TempDir Path dir)
      throws Exception {
    // bundled: the file the build copies from storage-config/
    ConfigFile bundled = ConfigFile.locate("retention.json", Optional.empty(), Optional.empty());
    assertThat(bundled.source()).isEqualTo("(bundled) storage-config/retention.json");
    String shipped =
        json.readTree(Path.of("storage-config/retention.json").toFile()).path("version").asText();
    assertThat(version(bundled)).isEqualTo(shipped);
    // a directory without the file: the bundled one
    assertThat(
            ConfigFile.locate("retention.json", Optional.empty(), Optional.of(dir.toString()))
                .source())
        .startsWith("(bundled)");
    Files.writeString(dir.resolve("retention.json"), "{\"version\":\"from-dir\"}");
    ConfigFile inDir =
        ConfigFile.locate("retention.json", Optional.empty(), Optional.of(dir.toString()));
    assertThat(inDir.source()).isEqualTo(dir.resolve("retention.json").toString());
    assertThat(version(inDir)).isEqualTo("from-dir");
    Path named = dir.resolve("other.json");
    Files.writeString(named, "{\"version\":\"from-setting\"}");
    assertThat(
            version(
                ConfigFile.locate(
                    "retention.json", Optional.of(named.toString()), Optional.of(dir.toString()))))
        .isEqualTo("from-setting");
    assertThatThrownBy(() -> ConfigFile.locate("../x.json", Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_broken_file_is_refused_naming_the_file_and_the_field(@TempDir Path dir) throws Exception {
    Path syntax = dir.resolve("syntax.json");
    Files.writeString(syntax, "{\n\"version\": \"1\",\n\"count\": }");
    ConfigFile s = ConfigFile.locate("x.json", Optional.of(syntax.toString()), Optional.empty());
    assertThatThrownBy(() -> version(s))
        .isInstanceOf(ConfigFile.Invalid.class)
        .hasMessageStartingWith(syntax + ": (syntax, line 3)");

    Path wrongType = dir.resolve("type.json");
    Files.writeString(wrongType, "{\"version\": \"1\", \"count\": \"many\"}");
    ConfigFile t = ConfigFile.locate("x.json", Optional.of(wrongType.toString()), Optional.empty());
    assertThatThrownBy(() -> t.load(json, (root, f) -> f.bind(json, root, Named.class)))
        .isInstanceOf(ConfigFile.Invalid.class)
        .hasMessageStartingWith(wrongType + ": count: ");

    Path array = dir.resolve("array.json");
    Files.writeString(array, "[]");
    ConfigFile a = ConfigFile.locate("x.json", Optional.of(array.toString()), Optional.empty());
    assertThatThrownBy(() -> version(a)).hasMessage(array + ": (root): must be a JSON object");

    ConfigFile missing =
        ConfigFile.locate(
            "x.json", Optional.of(dir.resolve("none.json").toString()), Optional.empty());
    assertThatThrownBy(() -> version(missing)).hasMessageContaining("cannot read");
    assertThatThrownBy(
            () -> version(ConfigFile.locate("absent.json", Optional.empty(), Optional.empty())))
        .hasMessageContaining("(bundled) storage-config/absent.json not found");
  }
}
