package org.custodia.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.custodia.config.ConfigFile;
import org.custodia.config.CustodiaConfig;

/**
 * The review criteria: configuration, not code ({@code storage-config/review-criteria.json}).
 * Loaded once at start through {@link ConfigFile}: {@link GradingConfig#criteriaFile()}, else the
 * override directory, else the bundled default; a file that breaks the rules below stops the
 * service from starting, so a typo is seen at once and not in the middle of a review.
 */
@ApplicationScoped
@Startup
public class Criteria {
  static final String FILE = "review-criteria.json";
  static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  static final List<String> LANGUAGES = List.of("zh-CN", "en");

  /** One criterion: a stable key (reviews name it) and its labels per language. */
  public record Criterion(String key, Map<String, String> label, Map<String, String> description) {}

  /** A versioned set of criteria; every review records the version it was made against. */
  public record CriteriaSet(String version, Map<String, String> title, List<Criterion> criteria) {
    /** Whether {@code key} names a criterion of the set. */
    public boolean has(String key) {
      return criteria.stream().anyMatch(c -> c.key().equals(key));
    }
  }

  private final CriteriaSet current;

  Criteria(GradingConfig config, CustodiaConfig custodia, ObjectMapper json) {
    this.current =
        load(ConfigFile.locate(FILE, config.criteriaFile(), custodia.storage().configDir()), json);
  }

  /** The criteria in force. */
  public CriteriaSet current() {
    return current;
  }

  static CriteriaSet load(ConfigFile file, ObjectMapper json) {
    return file.load(json, (root, f) -> check(f.bind(json, root, CriteriaSet.class), f));
  }

  static CriteriaSet check(CriteriaSet set, ConfigFile f) {
    if (set.version() == null || set.version().isBlank() || set.version().length() > 64) {
      throw f.invalid("version", "must be 1 to 64 characters");
    }
    if (set.criteria() == null || set.criteria().isEmpty()) {
      throw f.invalid("criteria", "no criteria");
    }
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < set.criteria().size(); i++) {
      Criterion c = set.criteria().get(i);
      String at = "criteria[" + i + "]";
      if (c.key() == null || !KEY.matcher(c.key()).matches()) {
        throw f.invalid(at + ".key", "key " + c.key() + " is not of the form " + KEY);
      }
      if (!keys.add(c.key())) {
        throw f.invalid(at + ".key", "key " + c.key() + " is listed twice");
      }
      for (String language : LANGUAGES) {
        if (c.label() == null
            || c.label().get(language) == null
            || c.label().get(language).isBlank()) {
          throw f.invalid(at + ".label." + language, c.key() + " has no " + language + " label");
        }
      }
    }
    return new CriteriaSet(
        set.version(),
        set.title() == null ? Map.of() : Map.copyOf(set.title()),
        List.copyOf(set.criteria()));
  }
}
