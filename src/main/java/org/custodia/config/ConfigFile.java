package org.custodia.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One JSON file of {@code storage-config/} (retention classes, review criteria, …), found in this
 * order: the file a feature's own setting names; else {@code <custodia.storage.config-dir>/<name>}
 * when that file exists; else the default bundled in the application. Read once at start and
 * checked by the feature: every error names the file and the field, and stops the service from
 * starting. A feature loads its file with
 *
 * <pre>{@code
 * ConfigFile.locate("preservation.json", config.preservationFile(), custodia.storage().configDir())
 *     .load(json, (root, file) -> check(root, file));
 * }</pre>
 *
 * and refuses a bad field with {@code throw file.invalid("classes.NON_EVIDENCE.minimum", "…")}.
 */
public final class ConfigFile {
  static final String BUNDLED = "/storage-config/";

  private final String name;
  private final Path path;

  private ConfigFile(String name, Path path) {
    this.name = name;
    this.path = path;
  }

  /**
   * @param name the file's name in {@code storage-config/} (a plain name, no directory)
   * @param file the file the feature's own setting names, if any (wins over the directory)
   * @param configDir {@code custodia.storage.config-dir}, if set
   */
  public static ConfigFile locate(String name, Optional<String> file, Optional<String> configDir) {
    if (name.isBlank() || name.contains("/") || name.contains("\\")) {
      throw new IllegalArgumentException("not a plain file name: " + name);
    }
    if (file.isPresent()) {
      return new ConfigFile(name, Path.of(file.get()));
    }
    if (configDir.isPresent()) {
      Path p = Path.of(configDir.get(), name);
      if (Files.exists(p)) {
        return new ConfigFile(name, p);
      }
    }
    return new ConfigFile(name, null);
  }

  /** What error messages call the file: its path, or {@code (bundled) storage-config/<name>}. */
  public String source() {
    return path == null ? "(bundled) storage-config/" + name : path.toString();
  }

  /** A check of the file: the feature's object from the parsed tree, or {@link #invalid}. */
  public interface Check<T> {
    T check(JsonNode root, ConfigFile file);
  }

  /** Reads, parses and checks the file. */
  public <T> T load(ObjectMapper json, Check<T> check) {
    JsonNode root;
    try (InputStream in =
        path != null
            ? Files.newInputStream(path)
            : ConfigFile.class.getResourceAsStream(BUNDLED + name)) {
      if (in == null) {
        throw new IllegalStateException("configuration file " + source() + " not found");
      }
      root = json.readTree(in);
    } catch (JsonProcessingException e) {
      throw invalid(field(e), e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the configuration file " + source(), e);
    }
    if (root == null || !root.isObject()) {
      throw invalid("(root)", "must be a JSON object");
    }
    return check.check(root, this);
  }

  /** Binds (part of) the file to a record; a mismatch names the field. */
  public <T> T bind(ObjectMapper json, JsonNode node, Class<T> type) {
    try {
      return json.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw invalid(field(e), e.getOriginalMessage());
    }
  }

  /** The error for a field that breaks the rules: names the file and the field. */
  public Invalid invalid(String field, String problem) {
    return new Invalid(source() + ": " + field + ": " + problem);
  }

  /** A configuration file that breaks its rules. */
  public static final class Invalid extends IllegalStateException {
    Invalid(String message) {
      super(message);
    }
  }

  private static String field(JsonProcessingException e) {
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      return m.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining("."))
          .replace(".[", "[");
    }
    return e.getLocation() == null
        ? "(syntax)"
        : "(syntax, line " + e.getLocation().getLineNr() + ")";
  }
}
