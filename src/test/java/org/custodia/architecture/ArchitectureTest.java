package org.custodia.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The house rules of the code: feature packages depend one way (each only on the packages below it
 * in {@link #LAYERS}), resources go through services, a feature reaches another only through its
 * services, and each table is read and written only by the package that owns it. See the README's
 * architecture table.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ArchitectureTest {
  static final String ROOT = "org.custodia";

  /** Bottom to top: a package may use the packages before it, never one after it. */
  static final List<String> LAYERS =
      List.of(
          "error",
          "support",
          "config",
          "keys",
          "digest",
          "storage",
          "audit",
          "security",
          "calendar",
          "dossier",
          "ingest",
          "integrity",
          "verify",
          "media",
          "disclosure",
          "retention",
          "fixity",
          "preservation",
          "review",
          "compliance",
          "grading",
          "statistics",
          "export",
          "trail",
          "web");

  /** Which package owns each table: only it may name the table in SQL. */
  static final Map<String, String> TABLE_OWNERS = new LinkedHashMap<>();

  static {
    owns("storage", "object_protection");
    owns("calendar", "calendar_year", "calendar_day");
    owns("disclosure", "case_disclosure");
    owns(
        "security",
        "unit",
        "app_user",
        "station",
        "bootstrap",
        "browser_session",
        "login_throttle");
    owns(
        "audit",
        "audit_entry",
        "audit_node",
        "audit_tree_head",
        "audit_checkpoint",
        "viewing_session");
    owns(
        "dossier",
        "officer",
        "officer_certificate_event",
        "device",
        "device_custody",
        "subject",
        "enforcement_case",
        "case_subject",
        "case_officer",
        "case_action",
        "case_action_officer",
        "case_action_revision",
        "case_status_event",
        "evidence",
        "evidence_link");
    owns("ingest", "upload_session", "orphan_object");
    owns("integrity", "signing_certificate", "evidence_receipt");
    owns("media", "media_job", "evidence_media", "evidence_derived");
    owns("fixity", "fixity_run", "fixity_item", "fixity_object");
    owns("preservation", "four_property_check");
    owns("grading", "case_review", "review_note", "spot_check", "spot_check_case");
    owns("export", "export_request");
    owns(
        "compliance",
        "compliance_finding",
        "compliance_case",
        "compliance_pending",
        "compliance_acknowledgement");
    owns("retention", "retention_item", "legal_hold", "disposal", "disposal_item");
  }

  /**
   * The integrity and audit classes the offline verifier reuses (and custodia-verify.jar carries).
   */
  static final DescribedPredicate<JavaClass> OFFLINE_RECEIPT_CHECKS =
      DescribedPredicate.describe(
          "the offline receipt checks",
          c -> {
            String name = c.getBaseComponentType().getName();
            return name.startsWith(ROOT + ".integrity.ReceiptVerifier")
                || name.startsWith(ROOT + ".integrity.Certs")
                || name.equals(ROOT + ".integrity.Bc")
                || name.startsWith(ROOT + ".audit.Merkle")
                || name.startsWith(ROOT + ".audit.SignedCheckpoint")
                // SM3 at about 1.4x Bouncy Castle's speed: the verifier's slowest manifest
                || name.equals(ROOT + ".digest.Sm3");
          });

  static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void feature_packages_have_no_cycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void every_feature_package_has_its_place_in_the_layers() {
    TreeSet<String> packages = new TreeSet<>();
    for (JavaClass c : main) {
      String rest = c.getPackageName().substring(ROOT.length());
      if (rest.startsWith(".")) {
        packages.add(rest.substring(1).split("\\.")[0]);
      }
    }
    assertThat(LAYERS).containsAll(packages);
  }

  @Test
  void packages_depend_only_on_packages_below_them() {
    for (int i = 0; i < LAYERS.size() - 1; i++) {
      String[] above =
          LAYERS.subList(i + 1, LAYERS.size()).stream()
              .map(p -> ROOT + "." + p + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage(ROOT + "." + LAYERS.get(i) + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(above)
          .because(
              LAYERS.get(i)
                  + " is below "
                  + String.join(", ", LAYERS.subList(i + 1, LAYERS.size())))
          .check(main);
    }
  }

  @Test
  void resources_touch_no_database_and_no_repository() {
    ArchRule rule =
        noClasses()
            .that()
            .haveSimpleNameEndingWith("Resource")
            .or()
            .haveSimpleNameEndingWith("Page")
            .should()
            .dependOnClassesThat(repositoryOrDatabase())
            .because("a resource maps HTTP and calls services; the service owns the transaction");
    rule.check(main);
  }

  @Test
  void a_feature_uses_another_only_through_its_services() {
    for (String feature : LAYERS) {
      String pkg = ROOT + "." + feature;
      noClasses()
          .that()
          .resideOutsideOfPackage(pkg + "..")
          .should()
          .dependOnClassesThat(repositoryOf(pkg))
          .because(feature + "'s repositories are its own")
          .check(main);
    }
  }

  @Test
  void services_and_repositories_know_nothing_of_http() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("Service")
        .or()
        .haveSimpleNameEndingWith("Repository")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta.ws.rs..", "io.vertx.ext.web..", "org.jboss.resteasy..")
        .because("domain code names what went wrong (ProblemType); HTTP is the resources' business")
        .check(main);
  }

  @Test
  void nothing_depends_on_a_resource() {
    classes()
        .that()
        .haveSimpleNameEndingWith("Resource")
        .should()
        .onlyHaveDependentClassesThat()
        .haveSimpleNameEndingWith("Resource")
        .orShould()
        .onlyHaveDependentClassesThat()
        .haveNameMatching(".*Resource\\$.*")
        .check(main);
  }

  @Test
  void the_offline_verifier_needs_only_the_jdk_and_bouncy_castle() {
    classes()
        .that()
        .resideInAPackage(ROOT + ".verify..")
        .should()
        .onlyDependOnClassesThat(
            JavaClass.Predicates.resideInAnyPackage(
                    ROOT + ".verify..", "java..", "javax.security..", "org.bouncycastle..")
                .or(OFFLINE_RECEIPT_CHECKS))
        .because("custodia-verify.jar runs with a bare JDK: no Quarkus, CDI, JAX-RS or database")
        .check(main);
    classes()
        .that(OFFLINE_RECEIPT_CHECKS)
        .should()
        .onlyDependOnClassesThat(
            JavaClass.Predicates.resideInAnyPackage(
                    "java..", "javax.security..", "org.bouncycastle..")
                .or(OFFLINE_RECEIPT_CHECKS))
        .because("custodia-verify.jar carries these integrity classes (see the shade filter)")
        .check(main);
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".verify..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "javax.sql..", "java.net.http..")
        .because("the offline verifier uses no database and no network")
        .check(main);
  }

  @Test
  void each_table_is_named_in_sql_only_by_the_package_that_owns_it() throws IOException {
    Pattern sql = Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+([a-z_]+)\\b");
    Path sources = Path.of("src/main/java/org/custodia");
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String feature = sources.relativize(file).getName(0).toString();
        Matcher m = sql.matcher(Files.readString(file));
        while (m.find()) {
          String owner = TABLE_OWNERS.get(m.group(1));
          if (owner != null && !owner.equals(feature)) {
            violations.add(file + " names " + m.group(1) + ", a table of " + owner);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void every_table_of_the_schema_has_an_owner() throws IOException {
    Pattern create = Pattern.compile("CREATE TABLE\\s+([a-z_]+)");
    TreeSet<String> tables = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      for (Path file : files.toList()) {
        Matcher m = create.matcher(Files.readString(file));
        while (m.find()) {
          tables.add(m.group(1));
        }
      }
    }
    assertThat(tables).isNotEmpty();
    assertThat(TABLE_OWNERS.keySet()).containsAll(tables);
  }

  private static void owns(String feature, String... tables) {
    for (String t : tables) {
      TABLE_OWNERS.put(t, feature);
    }
  }

  private static DescribedPredicate<JavaClass> repositoryOf(String pkg) {
    return DescribedPredicate.describe(
        "repositories of " + pkg, c -> c.getPackageName().startsWith(pkg) && isRepository(c));
  }

  private static DescribedPredicate<JavaClass> repositoryOrDatabase() {
    return DescribedPredicate.describe(
        "repositories, JDBC or the DataSource",
        c ->
            isRepository(c)
                || c.getPackageName().equals("java.sql")
                || c.getPackageName().startsWith("javax.sql")
                || c.getPackageName().startsWith("io.agroal")
                || c.getFullName().equals(ROOT + ".support.Jdbc"));
  }

  /** A repository class itself (its nested records are data and may travel). */
  private static boolean isRepository(JavaClass c) {
    return c.getFullName().startsWith(ROOT + ".")
        && (c.getName().endsWith("Repository") || c.getSimpleName().equals("JobQueue"));
  }
}
