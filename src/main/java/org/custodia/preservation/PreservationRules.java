package org.custodia.preservation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.custodia.config.ConfigFile;
import org.custodia.config.CustodiaConfig;
import org.custodia.dossier.EvidenceKind;

/**
 * The allowed archival formats per record kind: configuration, not code ({@code
 * storage-config/preservation.json}). Loaded once at start from {@link
 * PreservationConfig#formatsFile()} or the bundled default; a file that breaks the rules below
 * stops the service from starting.
 */
@ApplicationScoped
@Startup
public class PreservationRules {
  static final String FILE = "preservation.json";

  /** The file, checked: its version and the allowed MIME types (lower case) of each kind. */
  public record Formats(String version, Map<EvidenceKind, Set<String>> allowed) {
    /** Whether a record of {@code kind} may be archived as {@code contentType}. */
    public boolean allows(EvidenceKind kind, String contentType) {
      if (contentType == null) {
        return false;
      }
      String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      return allowed.getOrDefault(kind, Set.of()).contains(type);
    }
  }

  private final Formats formats;

  PreservationRules(PreservationConfig config, CustodiaConfig custodia, ObjectMapper json) {
    this.formats =
        load(ConfigFile.locate(FILE, config.formatsFile(), custodia.storage().configDir()), json);
  }

  public Formats current() {
    return formats;
  }

  static Formats load(ConfigFile file, ObjectMapper json) {
    return file.load(json, (root, f) -> check(root, f.source()));
  }

  static Formats check(JsonNode root, String source) {
    String at = "allowed formats " + source + ": ";
    String version = root.path("version").asText("");
    if (version.isBlank() || version.length() > 64) {
      throw new IllegalStateException(at + "version must be 1 to 64 characters");
    }
    Map<EvidenceKind, Set<String>> allowed = new EnumMap<>(EvidenceKind.class);
    for (EvidenceKind k : EvidenceKind.values()) {
      JsonNode list = root.path("formats").path(k.name());
      if (!list.isArray() || list.isEmpty()) {
        throw new IllegalStateException(at + "formats." + k + " must be a non-empty list");
      }
      Set<String> types = new LinkedHashSet<>();
      for (JsonNode t : list) {
        String type = t.asText("");
        if (!type.matches("[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*")) {
          throw new IllegalStateException(
              at + "formats." + k + ": \"" + type + "\" is not a lower-case MIME type");
        }
        types.add(type);
      }
      allowed.put(k, Set.copyOf(types));
    }
    return new Formats(version, Map.copyOf(allowed));
  }
}
