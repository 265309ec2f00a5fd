package org.custodia.retention;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Period;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custodia.dossier.CaseType;
import org.custodia.support.ConfigFiles;

/**
 * The retention classes: configuration, not code ({@code storage-config/retention.json}). Loaded
 * once at start from {@link RetentionConfig#classesFile()} or the bundled default; a file that
 * breaks the rules below stops the service from starting.
 */
@ApplicationScoped
@Startup
public class RetentionRules {
  static final String BUNDLED = "/storage-config/retention.json";
  static final List<String> LANGUAGES = List.of("zh-CN", "en");

  /** A case type's file retention; {@code isDefault}: to be confirmed by the records office. */
  public record CasePeriod(Period period, boolean isDefault) {}

  /** One class as configured: its minimum (NON_EVIDENCE) and its legal basis per language. */
  public record ClassRule(Period minimum, boolean isDefault, Map<String, String> basis) {}

  /** The whole file, checked. */
  public record Rules(
      String version,
      ZoneId zone,
      Period indefiniteHorizon,
      Map<RetentionClass, ClassRule> classes,
      Map<CaseType, CasePeriod> caseTypes,
      Map<String, RetentionClass> flags) {}

  private final Rules rules;

  RetentionRules(RetentionConfig config, ObjectMapper json) {
    this.rules = load(config.classesFile(), json);
  }

  public Rules current() {
    return rules;
  }

  static Rules load(Optional<String> file, ObjectMapper json) {
    ConfigFiles.Read read = ConfigFiles.read(file, BUNDLED, "retention classes", json);
    return check(read.root(), read.source());
  }

  static Rules check(com.fasterxml.jackson.databind.JsonNode root, String source) {
    String at = "retention classes " + source + ": ";
    try {
      String version = root.path("version").asText("");
      if (version.isBlank() || version.length() > 64) {
        throw new IllegalStateException(at + "version must be 1 to 64 characters");
      }
      ZoneId zone = ZoneId.of(root.path("zone").asText("Asia/Shanghai"));
      Period horizon = Period.parse(root.path("indefiniteHorizon").asText("P1Y"));
      Map<RetentionClass, ClassRule> classes = new EnumMap<>(RetentionClass.class);
      for (RetentionClass c : RetentionClass.values()) {
        var node = root.path("classes").path(c.name());
        if (node.isMissingNode()) {
          throw new IllegalStateException(at + "class " + c + " is missing");
        }
        Map<String, String> basis = new java.util.LinkedHashMap<>();
        for (String language : LANGUAGES) {
          String text = node.path("basis").path(language).asText("");
          if (text.isBlank()) {
            throw new IllegalStateException(at + c + " has no " + language + " legal basis");
          }
          basis.put(language, text);
        }
        Period minimum =
            node.hasNonNull("minimum") ? Period.parse(node.get("minimum").asText()) : null;
        if (c == RetentionClass.NON_EVIDENCE && (minimum == null || minimum.isNegative())) {
          throw new IllegalStateException(at + "NON_EVIDENCE needs a minimum period");
        }
        classes.put(c, new ClassRule(minimum, node.path("default").asBoolean(false), basis));
      }
      Map<CaseType, CasePeriod> caseTypes = new EnumMap<>(CaseType.class);
      for (CaseType t : CaseType.values()) {
        var node = root.path("classes").path("WITH_CASE").path("caseTypes").path(t.name());
        if (!node.hasNonNull("period")) {
          throw new IllegalStateException(at + "WITH_CASE has no period for case type " + t);
        }
        Period p = Period.parse(node.get("period").asText());
        if (p.isNegative() || p.isZero()) {
          throw new IllegalStateException(at + "the period of " + t + " must be positive");
        }
        caseTypes.put(t, new CasePeriod(p, node.path("default").asBoolean(false)));
      }
      Map<String, RetentionClass> flags = new java.util.LinkedHashMap<>();
      for (String flag : List.of("usedAsEvidence", "obstruction", "majorIncident")) {
        flags.put(flag, RetentionClass.valueOf(root.path("flags").path(flag).asText("WITH_CASE")));
      }
      return new Rules(
          version, zone, horizon, Map.copyOf(classes), Map.copyOf(caseTypes), Map.copyOf(flags));
    } catch (java.time.DateTimeException | IllegalArgumentException e) {
      throw new IllegalStateException(at + e.getMessage(), e);
    }
  }
}
