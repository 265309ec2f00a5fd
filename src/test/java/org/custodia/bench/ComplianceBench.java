package org.custodia.bench;

import static org.custodia.testing.Api.as;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.compliance.ComplianceBenchAccess;
import org.custodia.compliance.DossierFacts;
import org.custodia.compliance.RuleEngine;
import org.custodia.config.embedded.EmbeddedServices;
import org.custodia.dossier.ActionType;
import org.custodia.dossier.CaseRecords;
import org.custodia.dossier.CertificateEvent;
import org.custodia.dossier.CertificateStatus;
import org.custodia.review.WallClock;
import org.custodia.testing.Api;
import org.custodia.testing.PackagedApp;
import org.custodia.testing.UnitFixture;

/**
 * Recording-compliance rules: (1) evaluation of one dossier of 500 recordings and 20 actions on
 * in-memory facts (the bundled rule set; target below 50 ms), against the same run's baseline of
 * sorting the recordings by start; (2) the same dossier end to end through the packaged service
 * ({@code GET /cases/{id}/compliance} with the case queued: loading, evaluation, storing, reading);
 * (3) a full recompute of {@code N} dossiers seeded with bulk SQL (two recordings each, every tenth
 * missing one, every seventh uploaded late), queued at once and drained by the service's job.
 * {@code scripts/bench compliance [dossiers [iterations]]}.
 */
public final class ComplianceBench {
  private static final String PASSWORD = "bench-" + UUID.randomUUID();
  private static final Instant EPOCH = Instant.parse("2026-03-02T01:00:00Z");

  private ComplianceBench() {}

  public static void main(String[] args) throws Exception {
    int dossiers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    System.out.printf(
        "compliance benchmark: 500 recordings per dossier in memory and end to end, full recompute"
            + " of %,d dossiers%n",
        dossiers);
    double[] eval = inMemory(iterations);
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "compliance-bench-");
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
              Map.of("CUSTODIA_COMPLIANCE_RECOMPUTE_EVERY", "200ms"));
      try (Connection c =
          DriverManager.getConnection(
              settings.get("quarkus.datasource.jdbc.url"),
              settings.get("quarkus.datasource.username"),
              settings.get("quarkus.datasource.password"))) {
        run(c, eval, dossiers);
      } finally {
        app.destroy();
        app.waitFor();
      }
    } finally {
      BenchHttp.deleteTree(dir);
    }
  }

  // ---- (1) in memory ----

  /** Mean ms per evaluation and per baseline sort, after warm-up. */
  private static double[] inMemory(int iterations) {
    RuleEngine engine =
        ComplianceBenchAccess.bundled(new ObjectMapper(), ZoneId.of("Asia/Shanghai"));
    DossierFacts facts = largeDossier();
    int findings = 0;
    for (int i = 0; i < iterations / 4; i++) {
      findings = engine.evaluate(facts).size();
    }
    long t = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      findings += engine.evaluate(facts).size() * 0;
    }
    double evalMs = (System.nanoTime() - t) / 1e6 / iterations;
    List<DossierFacts.Recording> copy = new ArrayList<>(facts.recordings());
    long sink = 0;
    t = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      java.util.Collections.shuffle(copy, new java.util.Random(i));
      copy.sort(java.util.Comparator.comparing((DossierFacts.Recording r) -> r.wallClock().from()));
      sink += copy.get(0).id().getLeastSignificantBits();
    }
    double sortMs = (System.nanoTime() - t) / 1e6 / iterations;
    System.out.printf(
        "in memory: %d actions, %d recordings, %d findings; evaluation %.3f ms (baseline:"
            + " shuffle + sort of the recordings %.3f ms)%s%n",
        facts.actions().size(),
        facts.recordings().size(),
        findings,
        evalMs,
        sortMs,
        sink == 42 ? " " : "");
    return new double[] {evalMs, sortMs};
  }

  /**
   * 20 actions of 10 minutes an hour apart (mandatory, recommended and other types), 500 recordings
   * of 2 minutes by four officers, 25 per action with gaps in some, and an auxiliary's.
   */
  static DossierFacts largeDossier() {
    ActionType[] types = {
      ActionType.SEIZURE,
      ActionType.DEMOLITION,
      ActionType.ON_SITE,
      ActionType.HEARING,
      ActionType.CASE_HANDLING_SITE
    };
    UUID[] officers = new UUID[5];
    Map<UUID, DossierFacts.OfficerFacts> people = new HashMap<>();
    for (int i = 0; i < officers.length; i++) {
      officers[i] = UUID.randomUUID();
      boolean auxiliary = i == 4;
      people.put(
          officers[i],
          new DossierFacts.OfficerFacts(
              officers[i],
              auxiliary,
              auxiliary
                  ? List.of()
                  : List.of(
                      new CertificateEvent(
                          UUID.randomUUID(),
                          officers[i],
                          null,
                          i == 3 ? CertificateStatus.RED : CertificateStatus.GREEN,
                          java.time.LocalDate.of(2024, 1, 1),
                          java.time.LocalDate.of(2028, 1, 1),
                          null,
                          "registered",
                          EPOCH.minusSeconds(86_400),
                          null))));
    }
    List<CaseRecords.Action> actions = new ArrayList<>();
    List<DossierFacts.Recording> recordings = new ArrayList<>();
    for (int a = 0; a < 20; a++) {
      Instant from = EPOCH.plusSeconds(3_600L * a);
      actions.add(
          new CaseRecords.Action(
              UUID.randomUUID(),
              types[a % types.length],
              from,
              from.plusSeconds(600),
              List.of(officers[0], officers[1])));
      for (int r = 0; r < 25; r++) {
        // 25 recordings of 2 min every 24 s: overlapping; every fifth action has a hole
        long start = a % 5 == 0 && r >= 10 && r < 15 ? 24L * 9 : 24L * r;
        Instant s = from.plusSeconds(start);
        UUID officer = officers[(a + r) % officers.length];
        recordings.add(
            new DossierFacts.Recording(
                UUID.randomUUID(),
                officer,
                WallClock.of(s.plusMillis(1500), s.plusSeconds(121), 120_000L, 1500L),
                s.plusSeconds(r % 7 == 0 ? 200_000 : 600)));
      }
    }
    recordings.sort(
        java.util.Comparator.comparing((DossierFacts.Recording r) -> r.wallClock().from()));
    return new DossierFacts(UUID.randomUUID(), UUID.randomUUID(), actions, recordings, people);
  }

  // ---- (2) and (3) through the service ----

  private static void run(Connection c, double[] eval, int dossiers) throws Exception {
    UnitFixture f = new UnitFixture(PASSWORD);
    UUID second = Api.officer(f.admin, f.unit, "执法员李四", "GREEN");
    try (Statement s = c.createStatement()) {
      s.execute("SET synchronous_commit = off");
    }
    // one dossier of 500 recordings: 20 SEIZURE actions, 25 recordings each
    UUID big = UUID.randomUUID();
    seedCases(c, f.unit, big, 1, 20, f.officer, second);
    seedRecordings(c, f.unit, f.device, big, 20, 25, f.officer, second, 1);
    int runs = 30;
    long[] ms = new long[runs];
    for (int i = 0; i < runs + 5; i++) {
      queue(c, "SELECT ?::uuid", big);
      long t = System.nanoTime();
      as(f.admin).get("/api/v1/cases/" + big + "/compliance").then().statusCode(200);
      if (i >= 5) {
        ms[i - 5] = (System.nanoTime() - t) / 1_000_000;
      }
    }
    Arrays.sort(ms);
    long p50 = ms[runs / 2];
    System.out.printf(
        "end to end (GET /cases/{id}/compliance, case queued: load 500 recordings, evaluate, store,"
            + " read): p50 %d ms, max %d ms%n",
        p50, ms[runs - 1]);

    // N dossiers: one SEIZURE action of 10 min, two recordings (every tenth: one; every seventh
    // uploaded late)
    UUID unit = f.unit;
    long t = System.nanoTime();
    seedCases(c, unit, null, dossiers, 1, f.officer, second);
    seedRecordings(c, unit, f.device, null, 1, 2, f.officer, second, dossiers);
    System.out.printf(
        "seeded %,d dossiers with bulk SQL in %.1f s%n", dossiers, (System.nanoTime() - t) / 1e9);
    t = System.nanoTime();
    queue(c, "SELECT md5('bc'||i)::uuid FROM generate_series(0, ?) i", dossiers - 1);
    long left;
    do {
      Thread.sleep(500);
      left = count(c, "SELECT count(*) FROM compliance_pending");
    } while (left > 0);
    double seconds = (System.nanoTime() - t) / 1e9;
    long evaluated = count(c, "SELECT count(*) FROM compliance_case") - 1;
    long findings = count(c, "SELECT count(*) FROM compliance_finding WHERE resolved_at IS NULL");
    System.out.printf(
        "full recompute: %,d dossiers in %.1f s, %.0f dossiers/s (%.2f ms each), %,d open findings%n",
        evaluated, seconds, evaluated / seconds, seconds * 1000 / evaluated, findings);
    System.out.printf("%-56s %10s%n", "figure", "value");
    System.out.printf("%-56s %10.3f%n", "evaluation, 500 recordings, in memory (ms)", eval[0]);
    System.out.printf(
        "%-56s %10.3f%n", "baseline: shuffle + sort of the 500 recordings (ms)", eval[1]);
    System.out.printf("%-56s %10d%n", "end to end, 500 recordings, p50 (ms)", p50);
    System.out.printf("%-56s %10.0f%n", "full recompute (dossiers/s)", evaluated / seconds);
    BenchHttp.ratio("compliance-eval-500/target-50ms", eval[0] / 50);
    BenchHttp.ratio("compliance-eval-500/sort", eval[0] / eval[1]);
    BenchHttp.ratio("compliance-e2e-500/eval", p50 / eval[0]);
  }

  private static void queue(Connection c, String select, Object arg) throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO compliance_pending (case_id) " + select + " ON CONFLICT DO NOTHING")) {
      ps.setObject(1, arg);
      ps.executeUpdate();
    }
  }

  private static long count(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * {@code cases} cases (ids md5('bc'||i), or {@code single}) with {@code actions} SEIZURE actions
   * of 10 minutes an hour apart, each with both officers.
   */
  static void seedCases(
      Connection c, UUID unit, UUID single, int cases, int actions, UUID a, UUID b)
      throws Exception {
    String caseId = single == null ? "md5('bc'||i)::uuid" : "'" + single + "'::uuid";
    String actionId = single == null ? "md5('ba'||i||'-'||k)::uuid" : "md5('big'||k)::uuid";
    exec(
        c,
        "INSERT INTO enforcement_case (id, unit_id, case_no, type, status, title) SELECT "
            + caseId
            + ", ?, '合规基准-'||"
            + (single == null ? "i" : "'大案'")
            + ", 'PENALTY', 'OPEN', '查封扣押' FROM generate_series(0, ?) i",
        unit,
        cases - 1);
    exec(
        c,
        "INSERT INTO case_officer (case_id, officer_id) SELECT "
            + caseId
            + ", o FROM generate_series(0, ?) i, unnest(ARRAY[?::uuid, ?::uuid]) o",
        cases - 1,
        a,
        b);
    exec(
        c,
        "INSERT INTO case_action (id, case_id, type, from_at, to_at) SELECT "
            + actionId
            + ", "
            + caseId
            + ", 'SEIZURE', ?::timestamptz + (i % 200) * interval '1 day' + k * interval '1 hour',"
            + " ?::timestamptz + (i % 200) * interval '1 day' + k * interval '1 hour'"
            + " + interval '10 minutes' FROM generate_series(0, ?) i, generate_series(0, ?) k",
        java.sql.Timestamp.from(EPOCH),
        java.sql.Timestamp.from(EPOCH),
        cases - 1,
        actions - 1);
    exec(
        c,
        "INSERT INTO case_action_officer (action_id, officer_id) SELECT "
            + actionId
            + ", o FROM generate_series(0, ?) i, generate_series(0, ?) k,"
            + " unnest(ARRAY[?::uuid, ?::uuid]) o",
        cases - 1,
        actions - 1,
        a,
        b);
  }

  /**
   * {@code perAction} recordings in each action of each case: 6-minute clips every 5 minutes by the
   * two officers in turn (every tenth case's second missing; every seventh uploaded two days late),
   * probed, linked.
   */
  static void seedRecordings(
      Connection c,
      UUID unit,
      UUID device,
      UUID single,
      int actions,
      int perAction,
      UUID a,
      UUID b,
      int cases)
      throws Exception {
    String caseId = single == null ? "md5('bc'||i)::uuid" : "'" + single + "'::uuid";
    String tag = single == null ? "'be'" : "'bige'";
    String evidenceId = "md5(" + tag + "||i||'-'||k||'-'||r)::uuid";
    String start =
        "?::timestamptz + (i % 200) * interval '1 day' + k * interval '1 hour'"
            + " + r * interval '"
            + (single == null ? "5 minutes" : "24 seconds")
            + "'";
    String keep = single == null ? " WHERE NOT (r = 1 AND i % 10 = 0)" : "";
    exec(
        c,
        "INSERT INTO evidence (id, unit_id, sha256, sm3, size, content_type, kind, filename,"
            + " object_key, device_id, officer_id, recorded_from, recorded_to, ingested_at)"
            + " SELECT "
            + evidenceId
            + ", ?, sha256(("
            + tag
            + "||i||'-'||k||'-'||r)::bytea), sha256(('sm'||"
            + tag
            + "||i||'-'||k||'-'||r)::bytea), 10485760, 'video/mp4', 'VIDEO', 'DSJ.mp4',"
            + " 'bench/'||"
            + tag
            + "||i||'-'||k||'-'||r, ?, CASE WHEN r % 2 = 0 THEN ?::uuid ELSE ?::uuid END, "
            + start
            + ", "
            + start
            + " + interval '6 minutes', "
            + start
            + " + CASE WHEN i % 7 = 3 THEN interval '2 days' ELSE interval '1 hour' END"
            + " FROM generate_series(0, ?) i, generate_series(0, ?) k, generate_series(0, ?) r"
            + keep,
        unit,
        device,
        a,
        b,
        java.sql.Timestamp.from(EPOCH),
        java.sql.Timestamp.from(EPOCH),
        java.sql.Timestamp.from(EPOCH),
        cases - 1,
        actions - 1,
        perAction - 1);
    exec(
        c,
        "INSERT INTO evidence_media (evidence_id, container, duration_ms, plays_as_is) SELECT "
            + evidenceId
            + ", 'mp4', 360000, true FROM generate_series(0, ?) i, generate_series(0, ?) k,"
            + " generate_series(0, ?) r"
            + keep,
        cases - 1,
        actions - 1,
        perAction - 1);
    exec(
        c,
        "INSERT INTO evidence_link (id, evidence_id, case_id, reason) SELECT gen_random_uuid(), "
            + evidenceId
            + ", "
            + caseId
            + ", 'seed' FROM generate_series(0, ?) i, generate_series(0, ?) k,"
            + " generate_series(0, ?) r"
            + keep,
        cases - 1,
        actions - 1,
        perAction - 1);
  }

  static void exec(Connection c, String sql, Object... args) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    }
  }
}
