package org.custodia.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custodia.calendar.WorkingCalendar;
import org.custodia.config.ConfigFile;
import org.custodia.config.CustodiaConfig;

/**
 * The disclosure rules: configuration, not code ({@code storage-config/disclosure.json}), each with
 * the clause it implements. Loaded once at start from {@link DisclosureConfig#rulesFile()} or the
 * bundled default; a file that breaks the rules below stops the service from starting.
 */
@ApplicationScoped
@Startup
public class DisclosureRules {
  static final String FILE = "disclosure.json";
  static final List<String> LANGUAGES = List.of("zh-CN", "en");

  /** One kind's deadline: working days after the decision (or revocation), and its clause. */
  public record Rule(int workingDays, Map<String, String> clause) {}

  /** The whole file, checked. */
  public record Rules(
      String version,
      ZoneId zone,
      int dueSoonWorkingDays,
      int windowDays,
      Map<DecisionKind, Rule> rules) {}

  private final Rules rules;

  DisclosureRules(DisclosureConfig config, CustodiaConfig custodia, ObjectMapper json) {
    this.rules =
        load(ConfigFile.locate(FILE, config.rulesFile(), custodia.storage().configDir()), json);
  }

  public Rules current() {
    return rules;
  }

  static Rules load(ConfigFile file, ObjectMapper json) {
    return file.load(json, (root, f) -> check(root, "disclosure rules " + f.source() + ": "));
  }

  static Rules check(JsonNode root, String at) {
    String version = root.path("version").asText("");
    if (version.isBlank() || version.length() > 64) {
      throw new IllegalStateException(at + "version must be 1 to 64 characters");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(root.path("zone").asText("Asia/Shanghai"));
    } catch (DateTimeException e) {
      throw new IllegalStateException(at + e.getMessage(), e);
    }
    int soon = root.path("dueSoonWorkingDays").asInt(-1);
    if (soon < 0 || soon > 20) {
      throw new IllegalStateException(at + "dueSoonWorkingDays must be 0 to 20");
    }
    int window = root.path("windowDays").asInt(366);
    if (window < 1 || window > 3660) {
      throw new IllegalStateException(at + "windowDays must be 1 to 3660");
    }
    Map<DecisionKind, Rule> rules = new EnumMap<>(DecisionKind.class);
    for (DecisionKind kind : DecisionKind.values()) {
      JsonNode node = root.path("rules").path(kind.name());
      int days = node.path("workingDays").asInt(0);
      if (days < 1 || days > WorkingCalendar.MAX_ADD) {
        throw new IllegalStateException(
            at + kind + ".workingDays must be 1 to " + WorkingCalendar.MAX_ADD);
      }
      Map<String, String> clause = new LinkedHashMap<>();
      for (String language : LANGUAGES) {
        String text = node.path("clause").path(language).asText("");
        if (text.isBlank()) {
          throw new IllegalStateException(at + kind + " has no " + language + " clause");
        }
        clause.put(language, text);
      }
      rules.put(kind, new Rule(days, Map.copyOf(clause)));
    }
    return new Rules(version, zone, soon, window, Map.copyOf(rules));
  }
}
