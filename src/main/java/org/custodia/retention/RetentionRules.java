package org.custodia.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Period;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.custodia.config.ConfigFile;
import org.custodia.config.CustodiaConfig;
import org.custodia.dossier.CaseType;

/**
 * The retention classes: configuration, not code ({@code storage-config/retention.json}). Loaded
 * once at start through {@link ConfigFile}: {@link RetentionConfig#classesFile()}, else the
 * override directory, else the bundled default; a file that breaks the rules below stops the
 * service from starting, the error naming the file and the field.
 */
@ApplicationScoped
@Startup
public class RetentionRules {
  static final String FILE = "retention.json";
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

  RetentionRules(RetentionConfig config, CustodiaConfig custodia, ObjectMapper json) {
    this.rules =
        load(ConfigFile.locate(FILE, config.classesFile(), custodia.storage().configDir()), json);
  }

  public Rules current() {
    return rules;
  }

  static Rules load(ConfigFile file, ObjectMapper json) {
    return file.load(json, RetentionRules::check);
  }

  static Rules check(JsonNode root, ConfigFile f) {
    String version = root.path("version").asText("");
    if (version.isBlank() || version.length() > 64) {
      throw f.invalid("version", "must be 1 to 64 characters");
    }
    ZoneId zone = parse(f, "zone", root.path("zone").asText("Asia/Shanghai"), ZoneId::of);
    Period horizon =
        parse(f, "indefiniteHorizon", root.path("indefiniteHorizon").asText("P1Y"), Period::parse);
    Map<RetentionClass, ClassRule> classes = new EnumMap<>(RetentionClass.class);
    for (RetentionClass c : RetentionClass.values()) {
      String at = "classes." + c.name();
      JsonNode node = root.path("classes").path(c.name());
      if (node.isMissingNode()) {
        throw f.invalid(at, "the class is missing");
      }
      Map<String, String> basis = new java.util.LinkedHashMap<>();
      for (String language : LANGUAGES) {
        String text = node.path("basis").path(language).asText("");
        if (text.isBlank()) {
          throw f.invalid(at + ".basis." + language, "no legal basis");
        }
        basis.put(language, text);
      }
      Period minimum =
          node.hasNonNull("minimum")
              ? parse(f, at + ".minimum", node.get("minimum").asText(), Period::parse)
              : null;
      if (c == RetentionClass.NON_EVIDENCE && (minimum == null || minimum.isNegative())) {
        throw f.invalid(at + ".minimum", "NON_EVIDENCE needs a minimum period");
      }
      classes.put(c, new ClassRule(minimum, node.path("default").asBoolean(false), basis));
    }
    Map<CaseType, CasePeriod> caseTypes = new EnumMap<>(CaseType.class);
    for (CaseType t : CaseType.values()) {
      String at = "classes.WITH_CASE.caseTypes." + t.name() + ".period";
      JsonNode node = root.path("classes").path("WITH_CASE").path("caseTypes").path(t.name());
      if (!node.hasNonNull("period")) {
        throw f.invalid(at, "WITH_CASE has no period for case type " + t);
      }
      Period p = parse(f, at, node.get("period").asText(), Period::parse);
      if (p.isNegative() || p.isZero()) {
        throw f.invalid(at, "must be positive");
      }
      caseTypes.put(t, new CasePeriod(p, node.path("default").asBoolean(false)));
    }
    Map<String, RetentionClass> flags = new java.util.LinkedHashMap<>();
    for (String flag : List.of("usedAsEvidence", "obstruction", "majorIncident")) {
      flags.put(
          flag,
          parse(
              f,
              "flags." + flag,
              root.path("flags").path(flag).asText("WITH_CASE"),
              RetentionClass::valueOf));
    }
    return new Rules(
        version, zone, horizon, Map.copyOf(classes), Map.copyOf(caseTypes), Map.copyOf(flags));
  }

  private static <T> T parse(ConfigFile f, String field, String text, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (DateTimeException | IllegalArgumentException e) {
      throw f.invalid(field, "\"" + text + "\" is not valid (" + e.getMessage() + ")");
    }
  }
}
