package org.custodia.statistics;

import static org.custodia.testing.Api.as;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.custodia.testing.UnitFixture;

/**
 * Two units seeded once per test run with back-dated records in 2003, a year no other test touches,
 * so that the district figures of 2003 are exactly the sums of the two units'. Records are written
 * back-dated straight into the tables (the services date everything now); the calendar of 2003 is
 * added through the API as an administrator would. Shared by the API and the page tests.
 */
public final class StatisticsWorld {
  public static final int YEAR = 2003;
  private static StatisticsWorld world;

  public final String admin;
  public final UnitFixture a;
  public final UnitFixture b;
  private final DataSource db;
  private final UUID reviewer;

  /** The world, seeded on first use. */
  public static synchronized StatisticsWorld get(DataSource db) throws Exception {
    if (world == null) {
      world = new StatisticsWorld(db);
    }
    return world;
  }

  private StatisticsWorld(DataSource db) throws Exception {
    this.db = db;
    admin = Api.adminToken();
    a = new UnitFixture();
    b = new UnitFixture();
    reviewer =
        Jdbc.one(
                db,
                "SELECT id FROM app_user WHERE role = 'ADMIN' ORDER BY created_at LIMIT 1",
                rs -> rs.getObject(1, UUID.class))
            .orElseThrow();
    // a test calendar for 2003 (not the State Council's notice of that year): National Day 1-7
    // October off, 27-28 September worked; 2004 stays uncovered
    List<Map<String, Object>> days = new ArrayList<>();
    for (int d = 1; d <= 7; d++) {
      days.add(Map.of("date", "2003-10-0" + d, "name", "国庆节", "offDay", true));
    }
    days.add(Map.of("date", "2003-09-27", "name", "国庆节", "offDay", false));
    days.add(Map.of("date", "2003-09-28", "name", "国庆节", "offDay", false));
    as(admin)
        .body(Map.of("source", "https://www.gov.cn/test-fixture-2003", "days", days))
        .put("/api/v1/calendar/years/" + YEAR)
        .then()
        .statusCode(201);

    // unit A: cases — two penalties (one decided), a revoked inspection, a penalty decided but
    // never disclosed, one decided in December and disclosed only in 2004; one case on the first
    // minute of 2004 in Shanghai (still 2003 in UTC) that must not count
    UUID p1 = kase(a.unit, "PENALTY", "DECIDED", "2003-03-01 10:00+08", "2003-05-02");
    kase(a.unit, "PENALTY", "OPEN", "2003-01-01 00:00+08", null);
    kase(a.unit, "INSPECTION", "REVOKED", "2003-12-31 23:59+08", "2003-12-31");
    UUID missing = kase(a.unit, "PENALTY", "DECIDED", "2003-06-01 10:00+08", "2003-06-02");
    UUID december = kase(a.unit, "COERCIVE_MEASURE", "CLOSED", "2003-12-01 10:00+08", "2003-12-19");
    kase(a.unit, "INSPECTION", "OPEN", "2004-01-01 00:00+08", null);
    action(p1, "ON_SITE", "2003-03-02 09:00+08");
    action(p1, "HEARING", "2003-04-02 09:00+08");
    action(p1, "HEARING", "2004-01-01 08:00+08");
    // disclosure: p1 (penalty, due 13 May) on time; december: an OTHER decision (20 working days,
    // due in 2004, uncovered) disclosed in 2004 → UNKNOWN; missing: due 11 June, none → MISSING
    disclosed(p1, a.unit, "2003-05-09");
    disclosed(december, a.unit, "2004-01-05");
    // december was still DECIDED at year end: it was closed on 10 January 2004
    statusChanged(december, "DECIDED", "CLOSED", "2003-12-19", "2004-01-10 10:00+08");
    // unit B: one licensing case decided (due 12 August, disclosed 15 September: LATE), one
    // penalty decided 19 December (due 30 December) disclosed in 2004 (MISSING at year end), one
    // closed inspection without decision
    UUID l1 = kase(b.unit, "LICENSING", "DECIDED", "2003-07-01 10:00+08", "2003-08-01");
    UUID late = kase(b.unit, "PENALTY", "DECIDED", "2003-12-01 10:00+08", "2003-12-19");
    kase(b.unit, "INSPECTION", "CLOSED", "2003-09-01 10:00+08", null);
    action(l1, "ON_SITE", "2003-07-02 09:00+08");
    disclosed(l1, b.unit, "2003-09-15");
    disclosed(late, b.unit, "2004-01-02");

    // evidence back-dated into 2003: A a video of 1.5 h (probed), an audio never probed, a
    // document; B a video of 0.5 h
    UUID v1 = recording(a.uploadSynthetic(1901, 4096, "application/octet-stream"), "VIDEO");
    backdate(v1, "2003-06-01 10:00+08");
    probed(v1, 5_400_000);
    UUID a1 = recording(a.uploadSynthetic(1902, 1000, "application/octet-stream"), "AUDIO");
    backdate(a1, "2003-06-02 10:00+08");
    backdate(a.uploadSynthetic(1904, 500, "application/octet-stream"), "2003-06-04 10:00+08");
    UUID v2 = recording(b.uploadSynthetic(1903, 2048, "application/octet-stream"), "VIDEO");
    backdate(v2, "2003-06-03 10:00+08");
    probed(v2, 1_800_000);

    // compliance findings: A two coverage gaps (one acknowledged in the year and open, one
    // resolved in the year), a certificate warning acknowledged and resolved only in 2004 (open
    // and unacknowledged at year end), one first seen in 2004; B one certificate warning
    UUID f1 = finding(p1, a.unit, "coverage-gap", "VIOLATION", "2003-04-01 10:00+08", null);
    acknowledge(f1, "2003-05-01 10:00+08");
    finding(p1, a.unit, "coverage-gap", "VIOLATION", "2003-06-01 10:00+08", "2003-07-01 10:00+08");
    UUID f3 =
        finding(
            p1,
            a.unit,
            "officer-not-certified",
            "WARNING",
            "2003-11-01 10:00+08",
            "2004-02-01 10:00+08");
    acknowledge(f3, "2004-01-10 10:00+08");
    finding(p1, a.unit, "coverage-gap", "VIOLATION", "2004-01-01 00:30+08", null);
    finding(l1, b.unit, "officer-not-certified", "WARNING", "2003-08-01 10:00+08", null);

    // reviews: A a GOOD, a FAIL corrected by a PASS, an EXCELLENT submitted in 2004; B EXCELLENT
    review(p1, a.unit, "GOOD", "2003-05-01 10:00+08", null);
    UUID failed = review(p1, a.unit, "FAIL", "2003-06-01 10:00+08", null);
    review(p1, a.unit, "PASS", "2003-06-10 10:00+08", failed);
    review(p1, a.unit, "EXCELLENT", "2004-01-02 10:00+08", null);
    review(l1, b.unit, "EXCELLENT", "2003-09-01 10:00+08", null);

    // certificates: A GREEN then RED only in 2004 (GREEN at year end), YELLOW valid until June
    // (EXPIRED), GREEN since 2002 then RED in October (RED); B GREEN, and one registered in 2004
    UUID o1 = officer(a.unit);
    certificate(o1, "GREEN", "2005-12-31", "2003-02-01 10:00+08");
    certificate(o1, "RED", "2005-12-31", "2004-03-01 10:00+08");
    certificate(officer(a.unit), "YELLOW", "2003-06-30", "2003-01-10 10:00+08");
    UUID o3 = officer(a.unit);
    certificate(o3, "GREEN", "2006-12-31", "2002-05-01 10:00+08");
    certificate(o3, "RED", "2006-12-31", "2003-10-01 10:00+08");
    certificate(officer(b.unit), "GREEN", "2008-12-31", "2003-03-01 10:00+08");
    certificate(officer(b.unit), "GREEN", "2008-12-31", "2004-02-01 10:00+08");
  }

  /** How many access denials the audit log holds. */
  public long denials() {
    return Jdbc.one(
            db,
            "SELECT count(*) FROM audit_entry WHERE event_type = 'access.denied'",
            rs -> rs.getLong(1))
        .orElseThrow();
  }

  private void statusChanged(UUID caseId, String from, String to, String decided, String at) {
    Jdbc.update(
        db,
        "INSERT INTO case_status_event (id, case_id, from_status, to_status, from_decision_date,"
            + " to_decision_date, changed_at) VALUES (?, ?, ?, ?, CAST(? AS date), CAST(? AS"
            + " date), CAST(? AS timestamptz))",
        UUID.randomUUID(),
        caseId,
        from,
        to,
        decided,
        decided,
        at);
  }

  private UUID kase(UUID unit, String type, String status, String created, String decided) {
    UUID id = UUID.randomUUID();
    Jdbc.update(
        db,
        "INSERT INTO enforcement_case (id, unit_id, case_no, type, status, decision_date,"
            + " created_at) VALUES (?, ?, ?, ?, ?, CAST(? AS date), CAST(? AS timestamptz))",
        id,
        unit,
        "ST-" + id,
        type,
        status,
        decided,
        created);
    return id;
  }

  private void action(UUID kase, String type, String from) {
    Jdbc.update(
        db,
        "INSERT INTO case_action (id, case_id, type, from_at, to_at) VALUES (?, ?, ?,"
            + " CAST(? AS timestamptz), CAST(? AS timestamptz) + interval '1 hour')",
        UUID.randomUUID(),
        kase,
        type,
        from,
        from);
  }

  private void disclosed(UUID kase, UUID unit, String on) {
    Jdbc.update(
        db,
        "INSERT INTO case_disclosure (case_id, unit_id, disclosed_on) VALUES (?, ?, CAST(? AS"
            + " date))",
        kase,
        unit,
        on);
  }

  private UUID recording(UUID evidence, String kind) {
    Jdbc.update(db, "UPDATE evidence SET kind = ? WHERE id = ?", kind, evidence);
    return evidence;
  }

  private void backdate(UUID evidence, String at) {
    Jdbc.update(
        db,
        "UPDATE evidence SET recorded_from = CAST(? AS timestamptz) WHERE id = ?",
        at,
        evidence);
  }

  private void probed(UUID evidence, long durationMs) {
    Jdbc.update(
        db,
        "INSERT INTO evidence_media (evidence_id, container, duration_ms) VALUES (?, 'mov', ?)",
        evidence,
        durationMs);
  }

  private UUID finding(
      UUID kase, UUID unit, String rule, String severity, String seen, String resolved) {
    UUID id = UUID.randomUUID();
    Jdbc.update(
        db,
        "INSERT INTO compliance_finding (id, case_id, unit_id, fingerprint, rule_code,"
            + " rule_version, severity, clause, evidence_ids, span_from, span_to, detail,"
            + " first_seen_at, resolved_at) VALUES (?, ?, ?, ?, ?, 1, ?, '一(二)', '',"
            + " CAST(? AS timestamptz), CAST(? AS timestamptz), 'seeded',"
            + " CAST(? AS timestamptz), CAST(? AS timestamptz))",
        id,
        kase,
        unit,
        "seeded-" + id,
        rule,
        severity,
        seen,
        seen,
        seen,
        resolved);
    return id;
  }

  private void acknowledge(UUID finding, String at) {
    Jdbc.update(
        db,
        "INSERT INTO compliance_acknowledgement (id, finding_id, explanation, acknowledged_by,"
            + " acknowledged_at) VALUES (?, ?, '设备故障', ?, CAST(? AS timestamptz))",
        UUID.randomUUID(),
        finding,
        reviewer,
        at);
  }

  private UUID review(UUID kase, UUID unit, String grade, String submitted, UUID corrects) {
    UUID id = UUID.randomUUID();
    Jdbc.update(
        db,
        "INSERT INTO case_review (id, case_id, unit_id, reviewer_id, state, criteria_version,"
            + " grade, finding, corrects, created_at, updated_at, submitted_at) VALUES (?, ?, ?,"
            + " ?, 'SUBMITTED', '2026.1', ?, 'seeded', ?, CAST(? AS timestamptz), CAST(? AS"
            + " timestamptz), CAST(? AS timestamptz))",
        id,
        kase,
        unit,
        reviewer,
        grade,
        corrects,
        submitted,
        submitted,
        submitted);
    return id;
  }

  private UUID officer(UUID unit) {
    UUID id = UUID.randomUUID();
    Jdbc.update(
        db,
        "INSERT INTO officer (id, unit_id, name, role, certificate_no, certificate_status,"
            + " certificate_valid_until) VALUES (?, ?, '统计员', 'OFFICER', ?, 'GREEN', DATE"
            + " '2030-12-31')",
        id,
        unit,
        "ST-" + id.toString().substring(0, 8));
    return id;
  }

  private void certificate(UUID officer, String status, String until, String at) {
    Jdbc.update(
        db,
        "INSERT INTO officer_certificate_event (id, officer_id, status, valid_until, reason,"
            + " changed_at) VALUES (?, ?, ?, CAST(? AS date), 'seeded', CAST(? AS timestamptz))",
        UUID.randomUUID(),
        officer,
        status,
        until,
        at);
  }
}
