package org.custodia.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceService;
import org.custodia.storage.BucketRole;
import org.custodia.testing.RetentionWorld;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Retention per class, longest case wins, link upgrades, downgrades with reasons. */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(org.custodia.testing.UnlockedBucketsProfile.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RetentionTest {
  @Inject ProtectionPort port;
  @Inject EvidenceService evidence;
  @Inject AgroalDataSource db;
  @Inject RetentionService retention;

  @Test
  void a_recording_is_kept_six_months_from_its_recorded_start_and_the_store_retains_it()
      throws Exception {
    RetentionWorld w = new RetentionWorld();
    UUID id = w.record(Instant.parse("2026-01-10T08:00:00Z"), null);
    var r = w.retention(id);
    assertThat(r.getString("retentionClass")).isEqualTo("NON_EVIDENCE");
    // 16:00 in Asia/Shanghai plus six months
    assertThat(r.getString("earliestDeletion")).isEqualTo("2026-07-10T08:00:00Z");
    assertThat(r.getString("why")).contains("recorded start");
    assertThat(r.getString("basis.zh-CN")).contains("六个月");
    assertThat(r.getString("basis.en")).contains("six months");
    assertThat(r.getBoolean("legalHold")).isFalse();
    assertThat(protectedUntil(id)).isEqualTo(Instant.parse("2026-07-10T08:00:00Z"));
    // the evidence read carries the same section, and the record its class
    var e = as(w.f.admin).get("/api/v1/evidence/" + id).then().statusCode(200).extract();
    assertThat(e.<String>path("retentionClass")).isEqualTo("NON_EVIDENCE");
    assertThat(e.<String>path("retention.earliestDeletion")).isEqualTo("2026-07-10T08:00:00Z");
  }

  @Test
  void linking_to_an_open_case_upgrades_to_with_case_kept_until_the_case_file_ends()
      throws Exception {
    RetentionWorld w = new RetentionWorld();
    UUID id = w.record(Instant.parse("2026-01-10T08:00:00Z"), null);
    UUID open = w.createCase("PENALTY", "OPEN", null);
    w.link(id, open);
    var r = w.retention(id);
    assertThat(r.getString("retentionClass")).isEqualTo("WITH_CASE");
    assertThat(r.getString("earliestDeletion")).isNull();
    assertThat(r.getBoolean("indefinite")).isTrue();
    assertThat(r.getString("why")).contains("not closed");
    // the store keeps it at least a rolling year ahead while the end is unknown
    assertThat(protectedUntil(id)).isAfter(Instant.now().plus(300, ChronoUnit.DAYS));

    // the case is decided in 2026 and closed: a penalty file is kept 30 years from 1 January 2027
    as(w.f.admin)
        .body(Map.of("status", "DECIDED", "decisionDate", "2026-03-02"))
        .patch("/api/v1/cases/" + open)
        .then()
        .statusCode(200);
    assertThat(w.retention(id).getString("earliestDeletion")).isNull();
    as(w.f.admin)
        .body(Map.of("status", "CLOSED"))
        .patch("/api/v1/cases/" + open)
        .then()
        .statusCode(200);
    r = w.retention(id);
    assertThat(r.getString("earliestDeletion")).isEqualTo("2056-12-31T16:00:00Z");
    assertThat(r.getString("why")).contains(open.toString());
    assertThat(protectedUntil(id)).isEqualTo(Instant.parse("2056-12-31T16:00:00Z"));
    assertThat(auditTypes(id)).contains("retention.changed");
  }

  @Test
  void an_item_of_several_cases_is_kept_as_long_as_the_longest() throws Exception {
    RetentionWorld w = new RetentionWorld();
    UUID inspection = w.createCase("INSPECTION", "CLOSED", LocalDate.parse("2024-05-01"));
    UUID penalty = w.createCase("PENALTY", "CLOSED", LocalDate.parse("2020-05-01"));
    UUID id = w.record(Instant.parse("2026-01-10T08:00:00Z"), inspection);
    // inspection: 10 years from 1 January 2025
    assertThat(w.retention(id).getString("earliestDeletion")).isEqualTo("2034-12-31T16:00:00Z");
    // re-linked to the penalty case (30 years from 1 January 2021): the longer one wins
    w.link(id, penalty);
    var r = w.retention(id);
    assertThat(r.getString("earliestDeletion")).isEqualTo("2050-12-31T16:00:00Z");
    assertThat(r.getList("cases.caseId"))
        .containsExactlyInAnyOrder(inspection.toString(), penalty.toString());

    // linked first to the longer case and then to the shorter: the longer still wins
    UUID other = w.record(Instant.parse("2026-01-11T08:00:00Z"), penalty);
    assertThat(w.retention(other).getString("earliestDeletion")).isEqualTo("2050-12-31T16:00:00Z");
    w.link(other, inspection);
    r = w.retention(other);
    assertThat(r.getString("earliestDeletion")).isEqualTo("2050-12-31T16:00:00Z");
    assertThat(r.getString("why")).contains(penalty.toString()).doesNotContain("locked");
  }

  @Test
  void a_downgrade_needs_a_reason_and_is_audited_and_never_shortens_the_store_lock()
      throws Exception {
    RetentionWorld w = new RetentionWorld();
    UUID open = w.createCase("INSPECTION", "OPEN", null);
    UUID id = w.record(Instant.parse("2026-01-10T08:00:00Z"), open);
    assertThat(w.retention(id).getString("retentionClass")).isEqualTo("WITH_CASE");
    Instant locked = protectedUntil(id);

    as(w.supervisor1)
        .body(Map.of("class", "NON_EVIDENCE"))
        .put("/api/v1/evidence/" + id + "/retention")
        .then()
        .statusCode(400)
        .body("field", org.hamcrest.Matchers.equalTo("reason"));
    assertThat(w.retention(id).getString("retentionClass")).isEqualTo("WITH_CASE");
    // an officer cannot change retention at all
    as(w.f.user("OFFICER"))
        .body(Map.of("class", "PERMANENT", "reason", "重大"))
        .put("/api/v1/evidence/" + id + "/retention")
        .then()
        .statusCode(403);

    var r =
        as(w.supervisor1)
            .body(Map.of("class", "NON_EVIDENCE", "reason", "误关联，与本案无关"))
            .put("/api/v1/evidence/" + id + "/retention")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(r.getString("retentionClass")).isEqualTo("NON_EVIDENCE");
    assertThat(r.getString("automaticClass")).isEqualTo("WITH_CASE");
    assertThat(r.getString("manualReason")).isEqualTo("误关联，与本案无关");
    // the store's lock is not shortened: the earliest deletion is the lock's end
    assertThat(r.getString("earliestDeletion")).isEqualTo(locked.toString());
    assertThat(r.getString("why")).contains("never shortened");
    assertThat(protectedUntil(id)).isEqualTo(locked);
    String audited = lastAudit(id, "retention.changed");
    assertThat(audited).contains("\"downgrade\":true").contains("误关联，与本案无关");
    assertThat(audited)
        .contains("\"fromClass\":\"WITH_CASE\"")
        .contains("\"toClass\":\"NON_EVIDENCE\"");

    // an upgrade by flag needs no reason: a major incident is kept permanently
    r =
        as(w.supervisor2)
            .body(Map.of("majorIncident", true, "class", "AUTOMATIC"))
            .put("/api/v1/evidence/" + id + "/retention")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(r.getString("retentionClass")).isEqualTo("PERMANENT");
    assertThat(r.getString("earliestDeletion")).isNull();
    assertThat(r.getBoolean("flags.majorIncident")).isTrue();
    // clearing the flag lowers the class again: a downgrade, refused without a reason
    as(w.supervisor2)
        .body(Map.of("majorIncident", false))
        .put("/api/v1/evidence/" + id + "/retention")
        .then()
        .statusCode(400);
  }

  @Test
  void a_new_case_link_overrides_a_downgrade_by_hand() throws Exception {
    RetentionWorld w = new RetentionWorld();
    UUID id = w.record(Instant.parse("2026-01-10T08:00:00Z"), null);
    as(w.supervisor1)
        .body(Map.of("class", "PERMANENT"))
        .put("/api/v1/evidence/" + id + "/retention")
        .then()
        .statusCode(200);
    as(w.supervisor1)
        .body(Map.of("class", "NON_EVIDENCE", "reason", "复核后非证据"))
        .put("/api/v1/evidence/" + id + "/retention")
        .then()
        .statusCode(200);
    w.link(id, w.createCase("PENALTY", "OPEN", null));
    var r = w.retention(id);
    assertThat(r.getString("retentionClass")).isEqualTo("WITH_CASE");
    assertThat(r.getString("manualClass")).isNull();
  }

  @Test
  void receipts_are_retained_and_held_with_their_original() throws Exception {
    RetentionWorld w = new RetentionWorld();
    UUID id = w.record(Instant.parse("2026-01-10T08:00:00Z"), null);
    org.custodia.testing.ExportSteps.awaitReceipt(w.f.admin, id, java.time.Duration.ofSeconds(30));
    // the sweep's step for one item: receipts signed after ingest get the original's retention
    retention.refresh(id, "test", false);
    Evidence e = evidence.find(id).orElseThrow();
    List<RetentionService.ReceiptObject> receipts = retention.receiptObjects(id);
    assertThat(receipts).hasSize(4);
    for (var r : receipts) {
      assertThat(port.protection(r.bucket(), r.key(), r.versionId()).retainUntil())
          .isEqualTo(protectedUntil(id));
    }
    as(w.supervisor1)
        .body(Map.of("scope", "EVIDENCE", "targetId", id.toString(), "reason", "举报核查"))
        .post("/api/v1/holds")
        .then()
        .statusCode(201);
    for (var r : receipts) {
      assertThat(port.protection(r.bucket(), r.key(), r.versionId()).legalHold()).isTrue();
    }
    assertThat(port.protection(BucketRole.EVIDENCE, e.objectKey(), e.objectVersion()).legalHold())
        .isTrue();
  }

  private Instant protectedUntil(UUID id) {
    Evidence e = evidence.find(id).orElseThrow();
    return port.protection(BucketRole.EVIDENCE, e.objectKey(), e.objectVersion()).retainUntil();
  }

  List<String> auditTypes(UUID id) throws Exception {
    List<String> out = new ArrayList<>();
    for (String[] row : audit(id)) {
      out.add(row[0]);
    }
    return out;
  }

  String lastAudit(UUID id, String type) throws Exception {
    String last = null;
    for (String[] row : audit(id)) {
      if (row[0].equals(type)) {
        last = row[1];
      }
    }
    assertThat(last).as(type + " of " + id).isNotNull();
    return last;
  }

  List<String[]> audit(UUID id) throws Exception {
    List<String[]> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT event_type, entry FROM audit_entry WHERE target_type = 'evidence'"
                    + " AND target_id = ? ORDER BY id")) {
      ps.setString(1, id.toString());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new String[] {rs.getString(1), new String(rs.getBytes(2), StandardCharsets.UTF_8)});
        }
      }
    }
    return out;
  }
}
