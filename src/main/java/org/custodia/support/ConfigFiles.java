package org.custodia.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Configuration data read once at start ({@code storage-config/*.json}): the file an operator
 * named, else the copy bundled in the application.
 */
public final class ConfigFiles {
  private ConfigFiles() {}

  /** What was read, and where from (for messages: the path, or "(bundled) …"). */
  public record Read(JsonNode root, String source) {}

  /**
   * Reads {@code file} when present, else the class-path resource {@code bundled}; {@code what}
   * names the data in errors ("retention classes").
   */
  public static Read read(Optional<String> file, String bundled, String what, ObjectMapper json) {
    String source = file.orElse("(bundled) " + bundled);
    try (InputStream in =
        file.isPresent()
            ? Files.newInputStream(Path.of(file.get()))
            : ConfigFiles.class.getResourceAsStream(bundled)) {
      if (in == null) {
        throw new IllegalStateException(what + " not found: " + source);
      }
      return new Read(json.readTree(in), source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + what + " " + source, e);
    }
  }
}
