package org.custodia.bench;

import static org.custodia.testing.Api.as;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.config.embedded.EmbeddedServices;
import org.custodia.testing.Api;
import org.custodia.testing.PackagedApp;
import org.custodia.testing.UnitFixture;

/**
 * The yearly statistics of the district over {@code N} dossiers seeded with bulk SQL (the seed of
 * {@link ComplianceBench}: one action and two probed recordings each, every tenth one), every
 * second one decided, half of those disclosed, one compliance finding per ten: {@code GET
 * /api/v1/statistics/{year}} through the packaged service, against the same run's baseline of one
 * full scan of the evidence table. {@code scripts/bench statistics [dossiers]}.
 */
public final class StatisticsBench {
  private static final String PASSWORD = "bench-" + UUID.randomUUID();

  private StatisticsBench() {}

  public static void main(String[] args) throws Exception {
    int dossiers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "statistics-bench-");
    try (EmbeddedServices services = new EmbeddedServices(dir.resolve("backing"))) {
      Map<String, String> settings = new HashMap<>(services.startPostgres());
      settings.putAll(services.startS3());
      Process app =
          PackagedApp.start(
              settings,
              dir.resolve("app"),
              PackagedApp.freePort(),
              PASSWORD,
              System.getProperty("bench.heap", "512m"),
              List.of(),
              Map.of());
      try (Connection c =
          DriverManager.getConnection(
              settings.get("quarkus.datasource.jdbc.url"),
              settings.get("quarkus.datasource.username"),
              settings.get("quarkus.datasource.password"))) {
        run(c, dossiers);
      } finally {
        app.destroy();
        app.waitFor();
      }
    } finally {
      BenchHttp.deleteTree(dir);
    }
  }

  private static void run(Connection c, int dossiers) throws Exception {
    UnitFixture f = new UnitFixture(PASSWORD);
    UUID second = Api.officer(f.admin, f.unit, "执法员李四", "GREEN");
    try (Statement s = c.createStatement()) {
      s.execute("SET synchronous_commit = off");
    }
    long t = System.nanoTime();
    ComplianceBench.seedCases(c, f.unit, null, dossiers, 1, f.officer, second);
    ComplianceBench.seedRecordings(c, f.unit, f.device, null, 1, 2, f.officer, second, dossiers);
    ComplianceBench.exec(
        c,
        "UPDATE enforcement_case SET status = 'DECIDED', decision_date = DATE '2026-01-05'"
            + " + (abs(hashtext(id::text)) % 200) WHERE abs(hashtext(id::text)) % 2 = 0");
    ComplianceBench.exec(
        c,
        "INSERT INTO case_disclosure (case_id, unit_id, disclosed_on) SELECT id, unit_id,"
            + " decision_date + (abs(hashtext(id::text)) % 15) FROM enforcement_case"
            + " WHERE decision_date IS NOT NULL AND abs(hashtext(id::text)) % 4 = 0");
    ComplianceBench.exec(
        c,
        "INSERT INTO compliance_finding (id, case_id, unit_id, fingerprint, rule_code,"
            + " rule_version, severity, clause, evidence_ids, span_from, span_to, detail,"
            + " first_seen_at) SELECT gen_random_uuid(), id, unit_id, 'bench-'||id, 'coverage-gap',"
            + " 1, 'VIOLATION', '一(二)', '', now(), now(), 'bench', now() FROM enforcement_case"
            + " WHERE abs(hashtext(id::text)) % 10 = 1");
    try (Statement s = c.createStatement()) {
      s.execute("ANALYZE");
    }
    System.out.printf(
        "seeded %,d dossiers with bulk SQL in %.1f s%n", dossiers, (System.nanoTime() - t) / 1e9);
    int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
    int runs = 10;
    long[] ms = new long[runs];
    long[] scan = new long[runs];
    for (int i = 0; i < runs + 2; i++) {
      long s0 = System.nanoTime();
      as(f.admin).get("/api/v1/statistics/" + year).then().statusCode(200);
      long s1 = System.nanoTime();
      count(c, "SELECT count(*) + sum(size) FROM evidence");
      long s2 = System.nanoTime();
      if (i >= 2) {
        ms[i - 2] = (s1 - s0) / 1_000_000;
        scan[i - 2] = (s2 - s1) / 1_000_000;
      }
    }
    Arrays.sort(ms);
    Arrays.sort(scan);
    long evidence = count(c, "SELECT count(*) FROM evidence");
    System.out.printf("%-60s %10s%n", "figure", "value");
    System.out.printf("%-60s %,10d%n", "dossiers", dossiers);
    System.out.printf("%-60s %,10d%n", "evidence rows", evidence);
    System.out.printf("%-60s %10d%n", "GET /statistics/{year}, district, p50 (ms)", ms[runs / 2]);
    System.out.printf("%-60s %10d%n", "GET /statistics/{year}, district, max (ms)", ms[runs - 1]);
    System.out.printf(
        "%-60s %10d%n", "baseline: one full scan of evidence, p50 (ms)", scan[runs / 2]);
    BenchHttp.ratio("statistics-district/evidence-scan", (double) ms[runs / 2] / scan[runs / 2]);
  }

  private static long count(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
