package org.custodia.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.scheduler.Scheduled;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Quarkus' scheduler runs nothing more often than once a second: a shorter {@code every} is
 * silently stretched to one second (it only logs a warning). Work that needs a shorter cadence (the
 * audit integrator) runs on a timer of its own.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScheduledCadenceTest {
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

  @Test
  void every_scheduled_job_runs_at_a_cadence_the_scheduler_honours() throws IOException {
    Properties props = new Properties();
    try (InputStream in =
        ScheduledCadenceTest.class.getResourceAsStream("/application.properties")) {
      props.load(in);
    }
    List<String> jobs = new ArrayList<>();
    List<String> tooFast = new ArrayList<>();
    for (var c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ArchitectureTest.ROOT)) {
      for (JavaMethod m : c.getMethods()) {
        if (!m.isAnnotatedWith(Scheduled.class)) {
          continue;
        }
        String every = m.getAnnotationOfType(Scheduled.class).every();
        for (String profile : List.of("", "%test.", "%dev.")) {
          Duration d = parse(resolve(every, props, profile));
          jobs.add(m.getFullName() + " " + profile + d);
          if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            tooFast.add(m.getFullName() + " every " + d + " (" + profile + "profile)");
          }
        }
      }
    }
    assertThat(jobs).isNotEmpty();
    assertThat(tooFast).isEmpty();
  }

  private static String resolve(String value, Properties props, String profile) {
    Matcher m = EXPRESSION.matcher(value);
    if (!m.matches()) {
      return value;
    }
    String key = m.group(1);
    return props.getProperty(profile + key, props.getProperty(key, m.group(2)));
  }

  /** The scheduler's syntax: ISO-8601, or a number with s, m, h or d (and ms). */
  private static Duration parse(String value) {
    String v = value.trim();
    if (v.startsWith("P") || v.startsWith("p")) {
      return Duration.parse(v);
    }
    Matcher m = Pattern.compile("([0-9.]+)(ms|s|m|h|d)").matcher(v);
    assertThat(m.matches()).as("cadence %s", v).isTrue();
    double n = Double.parseDouble(m.group(1));
    long millis =
        switch (m.group(2)) {
          case "ms" -> (long) n;
          case "s" -> (long) (n * 1_000);
          case "m" -> (long) (n * 60_000);
          case "h" -> (long) (n * 3_600_000);
          default -> (long) (n * 86_400_000);
        };
    return Duration.ofMillis(millis);
  }
}
