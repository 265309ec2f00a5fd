package org.custodia.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custodia.testing.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.Evidence;
import org.custodia.dossier.EvidenceService;
import org.custodia.media.Derived;
import org.custodia.media.MediaService;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.storage.ProtectedObjectException;
import org.custodia.testing.RetentionWorld;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Legal holds and disposal: two people, nothing protected deleted, each deletion audited. */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(org.custodia.testing.UnlockedBucketsProfile.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HoldDisposalTest {
  /** Within the officer's certificate (a year back), its six months long over. */
  static final Instant LONG_AGO =
      Instant.now().minus(250, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

  @Inject ProtectionPort port;
  @Inject ObjectStore store;
  @Inject EvidenceService evidence;
  @Inject DisposalJobs jobs;
  @Inject AgroalDataSource db;
  @Inject MediaService media;

  @Test
  void a_hold_is_lifted_only_by_another_person_and_the_store_holds_the_item_meanwhile()
      throws Exception {
    RetentionWorld w = new RetentionWorld();
    UUID caseId = w.createCase("PENALTY", "OPEN", null);
    UUID id = w.record(LONG_AGO, caseId);
    // officers and auditors place no holds
    as(w.f.user("OFFICER"))
        .body(Map.of("scope", "CASE", "targetId", caseId.toString(), "reason", "复议"))
        .post("/api/v1/holds")
        .then()
        .statusCode(403);
    JsonPath hold = place(w.supervisor1, "CASE", caseId, "行政复议期间冻结");
    UUID holdId = UUID.fromString(hold.getString("id"));
    assertThat(hold.getString("until")).isNull();
    assertThat(w.retention(id).getBoolean("legalHold")).isTrue();
    assertThat(w.retention(id).getList("holds")).containsExactly(holdId.toString());
    assertThat(original(id).legalHold()).isTrue();
    // an item linked to the case later is held too
    UUID later = w.record(LONG_AGO.plusSeconds(3600), caseId);
    assertThat(w.retention(later).getBoolean("legalHold")).isTrue();
    assertThat(original(later).legalHold()).isTrue();

    as(w.supervisor1)
        .body(Map.of("reason", "复议结束"))
        .post("/api/v1/holds/" + holdId + "/lift")
        .then()
        .statusCode(409)
        .body("type", org.hamcrest.Matchers.endsWith("/hold-self-lift"));
    assertThat(original(id).legalHold()).isTrue();
    as(w.supervisor2)
        .body(Map.of("reason", "复议结束"))
        .post("/api/v1/holds/" + holdId + "/lift")
        .then()
        .statusCode(200)
        .body("liftReason", org.hamcrest.Matchers.equalTo("复议结束"));
    as(w.f.admin)
        .body(Map.of("reason", "again"))
        .post("/api/v1/holds/" + holdId + "/lift")
        .then()
        .statusCode(409)
        .body("type", org.hamcrest.Matchers.endsWith("/hold-lifted"));
    assertThat(w.retention(id).getBoolean("legalHold")).isFalse();
    assertThat(original(id).legalHold()).isFalse();
    assertThat(original(later).legalHold()).isFalse();

    assertThat(auditTypes("hold", holdId)).containsExactly("hold.placed", "hold.lifted");
    var active =
        as(w.supervisor2)
            .queryParam("targetId", caseId.toString())
            .queryParam("active", false)
            .get("/api/v1/holds")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(active.getList("items.id")).containsExactly(holdId.toString());
  }

  @Test
  void disposal_lists_only_expired_unheld_items_needs_a_second_person_and_audits_each_deletion()
      throws Exception {
    RetentionWorld w = new RetentionWorld();
    UUID expired = w.video(LONG_AGO);
    List<Derived> derived = media.derived(expired);
    assertThat(derived).extracting(Derived::kind).containsExactlyInAnyOrder(Derived.Kind.values());
    for (Derived x : derived) {
      assertThat(store.stat(BucketRole.DERIVED, x.objectKey(), x.objectVersion())).isPresent();
    }
    UUID expiredHeldLater = w.record(LONG_AGO.plusSeconds(60), null);
    UUID held = w.record(LONG_AGO.plusSeconds(120), null);
    UUID young = w.record(Instant.now().minus(1, ChronoUnit.DAYS), null);
    UUID withOpenCase =
        w.record(LONG_AGO.plusSeconds(180), w.createCase("INSPECTION", "OPEN", null));
    place(w.supervisor2, "EVIDENCE", held, "信访核查");

    JsonPath d = propose(w, w.supervisor1);
    UUID disposal = UUID.fromString(d.getString("id"));
    assertThat(d.getString("state")).isEqualTo("PENDING_APPROVAL");
    assertThat(d.getList("items.evidenceId"))
        .containsExactlyInAnyOrder(expired.toString(), expiredHeldLater.toString());

    // nothing happens before a second person approves
    assertThat(jobs.run(disposal, Integer.MAX_VALUE)).isZero();
    as(w.supervisor1)
        .body(Map.of("reason", "到期销毁"))
        .post("/api/v1/disposals/" + disposal + "/approval")
        .then()
        .statusCode(409)
        .body("type", org.hamcrest.Matchers.endsWith("/disposal-self-approval"));
    as(w.f.user("OFFICER"))
        .body(Map.of("reason", "到期销毁"))
        .post("/api/v1/disposals/" + disposal + "/approval")
        .then()
        .statusCode(403);
    as(w.supervisor2)
        .body(Map.of("reason", "经审核同意销毁"))
        .post("/api/v1/disposals/" + disposal + "/approval")
        .then()
        .statusCode(200)
        .body("state", org.hamcrest.Matchers.equalTo("APPROVED"));
    as(w.f.admin)
        .body(Map.of("reason", "again"))
        .post("/api/v1/disposals/" + disposal + "/approval")
        .then()
        .statusCode(409)
        .body("type", org.hamcrest.Matchers.endsWith("/disposal-decided"));

    // a hold placed after the approval wins
    place(w.supervisor1, "EVIDENCE", expiredHeldLater, "新的投诉");
    Evidence gone = evidence.find(expired).orElseThrow();
    jobs.run(disposal, Integer.MAX_VALUE);

    d =
        as(w.supervisor1)
            .get("/api/v1/disposals/" + disposal)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(d.getString("state")).isEqualTo("DONE");
    assertThat(d.getString("items.find { it.evidenceId == '" + expired + "' }.state"))
        .isEqualTo("DELETED");
    assertThat(d.getString("items.find { it.evidenceId == '" + expiredHeldLater + "' }.state"))
        .isEqualTo("SKIPPED");
    assertThat(d.getString("items.find { it.evidenceId == '" + expiredHeldLater + "' }.detail"))
        .contains("hold");

    // the bytes are gone; the record stays as a tombstone; the audit entry keeps the hashes
    assertThat(store.stat(BucketRole.EVIDENCE, gone.objectKey(), gone.objectVersion())).isEmpty();
    var tomb = as(w.f.admin).get("/api/v1/evidence/" + expired).then().statusCode(200).extract();
    assertThat(tomb.<String>path("retention.state")).isEqualTo("DISPOSED");
    assertThat(tomb.<String>path("sha256")).isEqualTo(gone.sha256());
    String audited = lastAudit("evidence", expired, "evidence.disposed");
    assertThat(audited)
        .contains("\"sha256\":\"" + gone.sha256() + "\"")
        .contains("\"sm3\":\"" + gone.sm3() + "\"")
        .contains("\"size\":" + gone.size())
        .contains(disposal.toString());
    // its derived files went with it (not evidence, but nothing of the item stays), each listed
    for (Derived x : derived) {
      assertThat(store.stat(BucketRole.DERIVED, x.objectKey(), x.objectVersion())).isEmpty();
      assertThat(store.stat(BucketRole.DERIVED, x.objectKey(), null)).isEmpty();
      assertThat(audited)
          .contains("\"objectKey\":\"" + x.objectKey() + "\"")
          .contains("\"sha256\":\"" + x.sha256() + "\"");
    }
    assertThat(media.derived(expired)).isEmpty();
    assertThat(store.stat(BucketRole.EVIDENCE, objectKey(held), version(held))).isPresent();
    assertThat(store.stat(BucketRole.EVIDENCE, objectKey(young), version(young))).isPresent();
    assertThat(store.stat(BucketRole.EVIDENCE, objectKey(withOpenCase), version(withOpenCase)))
        .isPresent();
    assertThat(auditTypes("disposal", disposal))
        .containsExactly("disposal.proposed", "disposal.approved", "disposal.finished");
    // a disposed item is not listed again
    assertThat(propose(w, w.supervisor2).getList("items")).isEmpty();

    // and fixity does not report its deleted objects as missing: they went on purpose
    String run =
        as(w.f.admin)
            .body(Map.of("scope", "evidence", "evidenceIds", java.util.List.of(expired.toString())))
            .post("/api/v1/fixity/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    io.restassured.path.json.JsonPath checked = null;
    for (int i = 0; i < 300; i++) {
      checked =
          as(w.f.admin)
              .get("/api/v1/fixity/runs/" + run)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      if ("DONE".equals(checked.getString("state"))) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(checked.getString("state")).isEqualTo("DONE");
    assertThat(checked.getLong("progress.problems")).isZero();
    assertThat(checked.getList("report.result")).doesNotContain("MISSING");
  }

  @Test
  void the_storage_port_itself_refuses_to_delete_within_retention_or_under_hold() throws Exception {
    RetentionWorld w = new RetentionWorld();
    UUID young = w.record(Instant.now().minus(1, ChronoUnit.DAYS), null);
    UUID held = w.record(LONG_AGO, null);
    place(w.supervisor1, "EVIDENCE", held, "诉讼保全");
    for (UUID id : List.of(young, held)) {
      Evidence e = evidence.find(id).orElseThrow();
      assertThatThrownBy(() -> port.delete(BucketRole.EVIDENCE, e.objectKey(), e.objectVersion()))
          .isInstanceOf(ProtectedObjectException.class);
      assertThat(store.stat(BucketRole.EVIDENCE, e.objectKey(), e.objectVersion())).isPresent();
    }
    // a later, shorter retention does not shorten the one in force
    Evidence e = evidence.find(young).orElseThrow();
    Instant until = original(young).retainUntil();
    port.retain(BucketRole.EVIDENCE, e.objectKey(), e.objectVersion(), Instant.now());
    assertThat(original(young).retainUntil()).isEqualTo(until);
  }

  @Test
  void a_disposal_stopped_half_way_resumes_with_the_items_left() throws Exception {
    RetentionWorld w = new RetentionWorld();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(w.record(LONG_AGO.plusSeconds(600L * i), null));
    }
    JsonPath d = propose(w, w.supervisor1);
    UUID disposal = UUID.fromString(d.getString("id"));
    assertThat(d.getList("items.evidenceId"))
        .containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
    as(w.supervisor2)
        .body(Map.of("reason", "同意"))
        .post("/api/v1/disposals/" + disposal + "/approval")
        .then()
        .statusCode(200);
    // the job stops after one item (as if the process had stopped)
    assertThat(jobs.run(disposal, 1)).isEqualTo(1);
    d = as(w.supervisor1).get("/api/v1/disposals/" + disposal).then().extract().jsonPath();
    assertThat(d.getString("state")).isEqualTo("APPROVED");
    assertThat(d.getList("items.state")).containsExactlyInAnyOrder("DELETED", "PENDING", "PENDING");
    // and one more died after deleting the original but before it committed
    String pending = d.getString("items.find { it.state == 'PENDING' }.evidenceId");
    Evidence half = evidence.find(UUID.fromString(pending)).orElseThrow();
    store.delete(BucketRole.EVIDENCE, half.objectKey(), half.objectVersion());

    jobs.runApproved();
    d = as(w.supervisor1).get("/api/v1/disposals/" + disposal).then().extract().jsonPath();
    assertThat(d.getString("state")).isEqualTo("DONE");
    assertThat(d.getList("items.state")).containsExactly("DELETED", "DELETED", "DELETED");
    for (UUID id : ids) {
      assertThat(auditTypes("evidence", id).stream().filter("evidence.disposed"::equals))
          .hasSize(1);
    }
    assertThat(lastAudit("evidence", half.id(), "evidence.disposed"))
        .contains("\"originalPresent\":false")
        .contains(half.sha256());
  }

  private JsonPath place(String token, String scope, UUID target, String reason) {
    return as(token)
        .body(Map.of("scope", scope, "targetId", target.toString(), "reason", reason))
        .post("/api/v1/holds")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private JsonPath propose(RetentionWorld w, String token) {
    return w.propose(token);
  }

  private org.custodia.storage.Protection original(UUID id) {
    Evidence e = evidence.find(id).orElseThrow();
    return port.protection(BucketRole.EVIDENCE, e.objectKey(), e.objectVersion());
  }

  private String objectKey(UUID id) {
    return evidence.find(id).orElseThrow().objectKey();
  }

  private String version(UUID id) {
    return evidence.find(id).orElseThrow().objectVersion();
  }

  List<String> auditTypes(String type, UUID id) throws Exception {
    return audit(type, id).stream().map(r -> r[0]).toList();
  }

  String lastAudit(String type, UUID id, String event) throws Exception {
    String last = null;
    for (String[] row : audit(type, id)) {
      if (row[0].equals(event)) {
        last = row[1];
      }
    }
    assertThat(last).as(event + " of " + id).isNotNull();
    return last;
  }

  List<String[]> audit(String type, UUID id) throws Exception {
    List<String[]> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT event_type, entry FROM audit_entry WHERE target_type = ?"
                    + " AND target_id = ? ORDER BY id")) {
      ps.setString(1, type);
      ps.setString(2, id.toString());
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
