package org.custodia.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.custodia.config.ConfigFile;
import org.custodia.config.CustodiaConfig;
import org.custodia.dossier.OfficerService;

/**
 * The compliance rules in force: configuration, not code. Loaded once at start from {@link
 * ComplianceConfig#rulesFile()} or the bundled default; a rule set that breaks the rules below (or
 * that {@link RuleEngine} cannot apply) stops the service from starting, naming what is wrong.
 */
@ApplicationScoped
@Startup
public class ComplianceRules {
  static final String FILE = "compliance-rules.json";
  static final String BUNDLED = "/storage-config/" + FILE;
  static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,63}");

  private final RuleEngine engine;

  ComplianceRules(
      ComplianceConfig config,
      CustodiaConfig custodia,
      ObjectMapper json,
      OfficerService officers) {
    this.engine =
        load(
            ConfigFile.locate(FILE, config.rulesFile(), custodia.storage().configDir()),
            json,
            officers.zone());
  }

  /** The engine of the rules in force. */
  public RuleEngine engine() {
    return engine;
  }

  static RuleEngine load(ConfigFile file, ObjectMapper json, ZoneId zone) {
    return file.load(json, (root, f) -> check(f.bind(json, root, RuleSet.class), f.source(), zone));
  }

  static RuleEngine check(RuleSet set, String source, ZoneId zone) {
    String at = "compliance rules " + source + ": ";
    if (set.version() == null || set.version().isBlank() || set.version().length() > 64) {
      throw new IllegalStateException(at + "version must be 1 to 64 characters");
    }
    if (set.rules() == null || set.rules().isEmpty()) {
      throw new IllegalStateException(at + "no rules");
    }
    Set<String> codes = new HashSet<>();
    for (RuleSet.Rule r : set.rules()) {
      if (r.code() == null || !CODE.matcher(r.code()).matches()) {
        throw new IllegalStateException(at + "code " + r.code() + " is not of the form " + CODE);
      }
      if (!codes.add(r.code())) {
        throw new IllegalStateException(at + "rule " + r.code() + " is listed twice");
      }
      if (r.version() < 1) {
        throw new IllegalStateException(at + "rule " + r.code() + ": version must be 1 or more");
      }
      if (r.severity() == null) {
        throw new IllegalStateException(
            at + "rule " + r.code() + ": severity must be VIOLATION or WARNING");
      }
      if (r.clause() == null || r.clause().isBlank()) {
        throw new IllegalStateException(
            at + "rule " + r.code() + ": clause must cite the regulation it implements");
      }
    }
    try {
      return new RuleEngine(
          new RuleSet(set.version(), set.source(), List.copyOf(set.rules())), zone);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(at + e.getMessage(), e);
    }
  }
}
