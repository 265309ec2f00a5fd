package org.custodia.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.custodia.config.embedded.EmbeddedServices;
import org.custodia.dossier.EvidenceQuery;
import org.custodia.dossier.SqlQuery;
import org.custodia.support.Jdbc;
import org.flywaydb.core.Flyway;

/**
 * Evidence search at scale: seeds 1 M evidence rows over 50 k subjects and 200 k cases (Chinese
 * names and titles, INSERT … SELECT generate_series), then times the repository's own SQL ({@link
 * EvidenceQuery}) for the four everyday searches, with a primary-key lookup as same-run baseline.
 *
 * <p>{@code scripts/bench search [evidenceRows] [iterations]}
 */
public final class SearchBench {
  static final int UNITS = 20;
  static final int OFFICERS = 5_000;
  static final int SUBJECTS = 50_000;
  static final int CASES = 200_000;
  static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
  static final int SPREAD_SECONDS = 31;

  static final String SURNAMES = "{张,王,李,赵,刘,陈,杨,黄,周,吴,徐,孙,马,朱,胡,郭,何,林,罗,高}";
  static final String GIVEN = "{伟,芳,娜,敏,静,丽,强,磊,军,洋,勇,艳,杰,娟,涛,明,超,秀英,霞,平,刚,桂英,建国,志强,海燕}";
  static final String ACTIONS = "{强制拆除现场,查封扣押财产,现场检查,调查取证,听证会,留置送达,公告送达,违法建设巡查}";

  private SearchBench() {}

  public static void main(String[] args) throws Exception {
    int evidenceRows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    // -Dbench.dir=<dir> reuses a database seeded by an earlier run (its directory is printed)
    String reuse = System.getProperty("bench.dir");
    Path dir =
        reuse != null
            ? Path.of(reuse)
            : Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-search-");
    System.out.println("database under " + dir);
    try (EmbeddedServices services = new EmbeddedServices(dir)) {
      Map<String, String> pg = services.startPostgres();
      String url = pg.get("quarkus.datasource.jdbc.url");
      String user = pg.get("quarkus.datasource.username");
      String password = pg.get("quarkus.datasource.password");
      Flyway.configure()
          .dataSource(url, user, password)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      try (Connection c = DriverManager.getConnection(url, user, password)) {
        long t = System.nanoTime();
        if (reuse == null) {
          seed(c, evidenceRows);
        }
        System.out.printf(
            "seeded %,d evidence rows, %,d subjects, %,d cases in %.1f s%n",
            evidenceRows, SUBJECTS, CASES, (System.nanoTime() - t) / 1e9);
        run(c, evidenceRows, iterations);
      }
    }
  }

  static void seed(Connection c, int evidenceRows) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET maintenance_work_mem = '512MB'");
      s.execute("SET max_parallel_maintenance_workers = 2");
      s.execute("SET synchronous_commit = off");
      exec(
          s,
          "INSERT INTO unit (id, code, name) SELECT md5('u'||u)::uuid, 'U'||u, '第'||u||'执法大队'"
              + " FROM generate_series(0, ?) u",
          UNITS - 1);
      exec(
          s,
          "INSERT INTO officer (id, unit_id, name, role, certificate_no, certificate_status,"
              + " certificate_valid_until) SELECT md5('o'||o)::uuid, md5('u'||(o % ?))::uuid,"
              + " (?::text[])[1 + o % 20] || (?::text[])[1 + (o / 20) % 25], 'OFFICER', 'C'||o,"
              + " 'GREEN', date '2030-12-31' FROM generate_series(0, ?) o",
          UNITS,
          SURNAMES,
          GIVEN,
          OFFICERS - 1);
      // drop the secondary (non-unique) indexes while loading; recreate the very same definitions
      List<String> indexes = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('evidence',"
                  + " 'evidence_link', 'enforcement_case', 'subject', 'case_subject')"
                  + " AND indexdef NOT LIKE 'CREATE UNIQUE%'")) {
        while (rs.next()) {
          indexes.add(rs.getString(2));
        }
      }
      for (String def : indexes) {
        s.execute("DROP INDEX " + def.replaceAll("^CREATE (UNIQUE )?INDEX (\\S+) .*$", "$2"));
      }
      exec(
          s,
          "INSERT INTO subject (id, unit_id, kind, name, identifier_hmac, identifier_display)"
              + " SELECT md5('s'||i)::uuid, md5('u'||(i % ?))::uuid, 'PERSON',"
              + " (?::text[])[1 + i % 20] || (?::text[])[1 + (i / 20) % 25],"
              + " sha256(('id'||i)::bytea), '1101**********'||lpad((i % 10000)::text, 4, '0')"
              + " FROM generate_series(0, ?) i",
          UNITS,
          SURNAMES,
          GIVEN,
          SUBJECTS - 1);
      exec(
          s,
          "INSERT INTO enforcement_case (id, unit_id, case_no, type, status, title)"
              + " SELECT md5('c'||i)::uuid, md5('u'||(i % ?))::uuid, '执罚-'||i, 'PENALTY', 'OPEN',"
              + " (?::text[])[1 + i % 20] || (?::text[])[1 + (i / 20) % 25] || (?::text[])[1 + i % 8]"
              + " || '案' FROM generate_series(0, ?) i",
          UNITS,
          SURNAMES,
          GIVEN,
          ACTIONS,
          CASES - 1);
      exec(
          s,
          "INSERT INTO case_subject (case_id, subject_id) SELECT md5('c'||i)::uuid,"
              + " md5('s'||(i % ?))::uuid FROM generate_series(0, ?) i",
          SUBJECTS,
          CASES - 1);
      exec(
          s,
          "INSERT INTO evidence (id, unit_id, sha256, sm3, size, content_type, kind, filename,"
              + " title, notes, object_key, officer_id, custodian_officer_id, recorded_from,"
              + " recorded_to, action_type)"
              + " SELECT md5('e'||e)::uuid, md5('u'||(e % ?))::uuid,"
              + " decode(md5('a'||e)||md5('b'||e), 'hex'), decode(md5('c'||e)||md5('d'||e), 'hex'),"
              + " 1048576 + e, 'video/mp4', 'VIDEO', 'V'||e||'.mp4',"
              + " (?::text[])[1 + (e % ?) % 20] || (?::text[])[1 + ((e % ?) / 20) % 25]"
              + " || (?::text[])[1 + (e % ?) % 8] || '记录',"
              + " CASE WHEN e % 10 = 0 THEN '当事人拒绝签字，已全程录像' END,"
              + " 'originals/'||e, md5('o'||((e % ?) + ? * ((e / ?) % ?)))::uuid,"
              + " md5('o'||((e % ?) + ? * ((e / ?) % ?)))::uuid,"
              + " ?::timestamptz + e * interval '"
              + SPREAD_SECONDS
              + " seconds',"
              + " ?::timestamptz + e * interval '"
              + SPREAD_SECONDS
              + " seconds'"
              + " + interval '20 minutes', 'SEIZURE' FROM generate_series(0, ?) e",
          UNITS,
          SURNAMES,
          SUBJECTS,
          GIVEN,
          SUBJECTS,
          ACTIONS,
          CASES,
          UNITS,
          UNITS,
          UNITS,
          OFFICERS / UNITS,
          UNITS,
          UNITS,
          UNITS,
          OFFICERS / UNITS,
          EPOCH,
          EPOCH,
          evidenceRows - 1);
      exec(
          s,
          "INSERT INTO evidence_link (id, evidence_id, subject_id, case_id, reason)"
              + " SELECT md5('l'||e)::uuid, md5('e'||e)::uuid, md5('s'||(e % ?))::uuid,"
              + " md5('c'||(e % ?))::uuid, 'seed' FROM generate_series(0, ?) e",
          SUBJECTS,
          CASES,
          evidenceRows - 1);
      long t = System.nanoTime();
      for (String def : indexes) {
        s.execute(def);
      }
      System.out.printf(
          "rebuilt %d evidence indexes in %.1f s%n", indexes.size(), (System.nanoTime() - t) / 1e9);
      s.execute("VACUUM ANALYZE");
    }
  }

  static void run(Connection c, int evidenceRows, int iterations) throws SQLException {
    Random random = new Random(42);
    String[] words = {"张伟", "拆除", "查封扣押", "强制拆除现场", "李", "王芳查封"};
    Map<String, java.util.function.Supplier<SqlQuery>> searches = new java.util.LinkedHashMap<>();
    searches.put(
        "baseline: evidence by id",
        () -> {
          int e = random.nextInt(evidenceRows);
          return new SqlQuery("SELECT " + "id FROM evidence WHERE id = ?", List.of(uuid("e" + e)));
        });
    searches.put(
        "by subject (unit-scoped)",
        () -> {
          int s = random.nextInt(SUBJECTS);
          return EvidenceQuery.plan(
              EvidenceQuery.Filter.builder()
                  .unitId(uuid("u" + s % UNITS))
                  .subjectId(uuid("s" + s))
                  .build(),
              null,
              51,
              q -> ids(c, q));
        });
    searches.put(
        "by case number (unit-scoped)",
        () -> {
          int k = random.nextInt(CASES);
          return EvidenceQuery.plan(
              EvidenceQuery.Filter.builder()
                  .unitId(uuid("u" + k % UNITS))
                  .caseNo("执罚-" + k)
                  .build(),
              null,
              51,
              q -> ids(c, q));
        });
    searches.put(
        "by officer + 7-day range (unit-scoped)",
        () -> {
          int o = random.nextInt(OFFICERS);
          Instant from = EPOCH.plusSeconds((long) random.nextInt(evidenceRows) * SPREAD_SECONDS);
          return EvidenceQuery.plan(
              EvidenceQuery.Filter.builder()
                  .unitId(uuid("u" + o % UNITS))
                  .officerId(uuid("o" + o))
                  .from(from)
                  .to(from.plus(7, ChronoUnit.DAYS))
                  .build(),
              null,
              51,
              q -> ids(c, q));
        });
    searches.put(
        "free text, Chinese (unit-scoped)",
        () ->
            EvidenceQuery.plan(
                EvidenceQuery.Filter.builder()
                    .unitId(uuid("u" + random.nextInt(UNITS)))
                    .q(words[random.nextInt(words.length)])
                    .build(),
                null,
                51,
                q -> ids(c, q)));
    searches.put(
        "free text, Chinese (all units, supervisor)",
        () ->
            EvidenceQuery.plan(
                EvidenceQuery.Filter.builder().q(words[random.nextInt(words.length)]).build(),
                null,
                51,
                q -> ids(c, q)));
    boolean explain = Boolean.getBoolean("explain");
    String only = System.getProperty("only", "");
    System.out.printf("%-44s %8s %8s %8s %8s%n", "search", "p50 ms", "p95 ms", "p99 ms", "rows");
    for (var entry : searches.entrySet()) {
      if (!entry.getKey().contains(only)) {
        continue;
      }
      if (explain) {
        for (int i = 0; i < 6; i++) {
          explain(c, entry.getValue().get());
        }
      }
      for (int i = 0; i < 30; i++) {
        time(c, entry.getValue().get()); // warm up
      }
      double[] ms = new double[iterations];
      long rows = 0;
      for (int i = 0; i < iterations; i++) {
        long t = System.nanoTime(); // includes the free-text probe, as in the repository
        rows += time(c, entry.getValue().get());
        ms[i] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(ms);
      System.out.printf(
          "%-44s %8.2f %8.2f %8.2f %8.1f%n",
          entry.getKey(),
          ms[iterations / 2],
          ms[(int) (iterations * 0.95)],
          ms[(int) (iterations * 0.99)],
          rows / (double) iterations);
    }
  }

  /** Runs a probe the way the repository does. */
  static List<UUID> ids(Connection c, SqlQuery q) {
    try (PreparedStatement ps = c.prepareStatement(q.sql())) {
      Jdbc.bind(ps, q.argArray());
      List<UUID> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getObject(1, UUID.class));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void explain(Connection c, SqlQuery q) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + q.sql())) {
      Jdbc.bind(ps, q.argArray());
      System.out.println(q.args());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          System.out.println("  " + rs.getString(1));
        }
      }
    }
  }

  static int time(Connection c, SqlQuery q) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(q.sql())) {
      Jdbc.bind(ps, q.argArray());
      try (ResultSet rs = ps.executeQuery()) {
        int n = 0;
        while (rs.next()) {
          n++;
        }
        return n;
      }
    }
  }

  static void exec(Statement s, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = s.getConnection().prepareStatement(sql)) {
      Jdbc.bind(ps, args);
      ps.executeUpdate();
    }
  }

  /** The same md5-derived ids the seeding SQL uses ({@code md5(text)::uuid}). */
  static UUID uuid(String seed) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("MD5").digest(seed.getBytes("UTF-8"));
      long msb = 0;
      long lsb = 0;
      for (int i = 0; i < 8; i++) {
        msb = (msb << 8) | (d[i] & 0xff);
        lsb = (lsb << 8) | (d[8 + i] & 0xff);
      }
      return new UUID(msb, lsb);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
