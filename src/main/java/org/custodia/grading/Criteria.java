package org.custodia.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The review criteria: configuration, not code. Loaded once at start from {@link
 * GradingConfig#criteriaFile()} or the bundled default; a file that breaks the rules below stops
 * the service from starting, so a typo is seen at once and not in the middle of a review.
 */
@ApplicationScoped
@Startup
public class Criteria {
  static final String BUNDLED = "/storage-config/review-criteria.json";
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

  Criteria(GradingConfig config, ObjectMapper json) {
    this.current = load(config.criteriaFile(), json);
  }

  /** The criteria in force. */
  public CriteriaSet current() {
    return current;
  }

  static CriteriaSet load(Optional<String> file, ObjectMapper json) {
    String source = file.orElse("(bundled) " + BUNDLED);
    try (InputStream in =
        file.isPresent()
            ? Files.newInputStream(Path.of(file.get()))
            : Criteria.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("review criteria not found: " + source);
      }
      return check(json.readValue(in, CriteriaSet.class), source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the review criteria " + source, e);
    }
  }

  static CriteriaSet check(CriteriaSet set, String source) {
    String at = "review criteria " + source + ": ";
    if (set.version() == null || set.version().isBlank() || set.version().length() > 64) {
      throw new IllegalStateException(at + "version must be 1 to 64 characters");
    }
    if (set.criteria() == null || set.criteria().isEmpty()) {
      throw new IllegalStateException(at + "no criteria");
    }
    Set<String> keys = new HashSet<>();
    for (Criterion c : set.criteria()) {
      if (c.key() == null || !KEY.matcher(c.key()).matches()) {
        throw new IllegalStateException(at + "key " + c.key() + " is not of the form " + KEY);
      }
      if (!keys.add(c.key())) {
        throw new IllegalStateException(at + "key " + c.key() + " is listed twice");
      }
      for (String language : LANGUAGES) {
        if (c.label() == null
            || c.label().get(language) == null
            || c.label().get(language).isBlank()) {
          throw new IllegalStateException(at + c.key() + " has no " + language + " label");
        }
      }
    }
    return new CriteriaSet(
        set.version(),
        set.title() == null ? Map.of() : Map.copyOf(set.title()),
        List.copyOf(set.criteria()));
  }
}
