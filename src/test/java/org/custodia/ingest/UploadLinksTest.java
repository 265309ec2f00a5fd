package org.custodia.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.dossier.Codes;
import org.custodia.storage.BucketRole;
import org.custodia.storage.ObjectStore;
import org.custodia.testing.Api;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The subject and case an upload names are checked when it is created, before a byte is taken, by
 * the rules the link at completion applies; a link that fails at completion all the same (the case
 * changed meanwhile) does not strand the upload: the evidence is archived unlinked, and audited.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UploadLinksTest {
  private static final byte[] BODY = "recording".getBytes(StandardCharsets.US_ASCII);

  @Inject AgroalDataSource db;
  @Inject ObjectStore store;

  private UnitFixture f;
  private UnitFixture other;

  @BeforeEach
  void setUp() {
    f = new UnitFixture();
    other = new UnitFixture();
  }

  private RequestSpecification tus() {
    return given()
        .header("Authorization", "Bearer " + f.stationToken)
        .header("Tus-Resumable", "1.0.0");
  }

  private Map<String, String> metadata(UUID subject, UUID caseId) {
    Map<String, String> m = f.metadata(UploadTest.sha256Hex(BODY));
    if (subject != null) {
      m.put("subjectId", subject.toString());
    }
    if (caseId != null) {
      m.put("caseId", caseId.toString());
    }
    return m;
  }

  /** Creation with the whole body: accepted, it would be evidence at once. */
  private ValidatableResponse createWithBody(Map<String, String> metadata) {
    return tus()
        .header("Upload-Length", BODY.length)
        .header("Upload-Metadata", UnitFixture.tusMetadata(metadata))
        .contentType("application/offset+octet-stream")
        .body(BODY)
        .post("/api/v1/uploads")
        .then();
  }

  @Test
  void links_to_another_units_or_unknown_subject_or_case_are_refused_before_a_byte_is_taken() {
    UUID subject = subject(f);
    UUID theirSubject = subject(other);
    UUID theirCase = createCase(other, List.of(theirSubject));
    createWithBody(metadata(null, theirCase)).statusCode(400).body("field", equalTo("caseId"));
    createWithBody(metadata(null, UUID.randomUUID()))
        .statusCode(400)
        .body("field", equalTo("caseId"));
    createWithBody(metadata(theirSubject, null))
        .statusCode(400)
        .body("field", equalTo("subjectId"));
    createWithBody(metadata(UUID.randomUUID(), null))
        .statusCode(400)
        .body("field", equalTo("subjectId"));
    // both of the unit, but the subject is not a party to the case
    UUID caseOfOthers = createCase(f, List.of(subject(f)));
    createWithBody(metadata(subject, caseOfOthers))
        .statusCode(422)
        .body("type", containsString("subject-not-in-case"))
        .body("field", equalTo("subjectId"));
    // also without a body: the upload is never created
    tus()
        .header("Upload-Length", 1000)
        .header("Upload-Metadata", UnitFixture.tusMetadata(metadata(null, theirCase)))
        .post("/api/v1/uploads")
        .then()
        .statusCode(400)
        .body("field", equalTo("caseId"));
    assertThat(count("SELECT count(*) FROM upload_session WHERE owner_id = '" + f.station + "'"))
        .isZero();
    assertThat(count("SELECT count(*) FROM evidence WHERE unit_id = '" + f.unit + "'")).isZero();
  }

  @Test
  void an_upload_naming_subject_and_case_of_its_unit_is_linked() {
    UUID subject = subject(f);
    UUID caseId = createCase(f, List.of(subject));
    String evidence =
        createWithBody(metadata(subject, caseId))
            .statusCode(201)
            .extract()
            .header("Custodia-Evidence-Id");
    Api.as(f.admin)
        .get("/api/v1/evidence/" + evidence)
        .then()
        .statusCode(200)
        .body("link.subjectId", equalTo(subject.toString()))
        .body("link.caseId", equalTo(caseId.toString()));
  }

  @Test
  void a_link_that_fails_at_completion_leaves_the_evidence_archived_unlinked_and_audited()
      throws Exception {
    UUID subject = subject(f);
    UUID caseId = createCase(f, List.of(subject, subject(f)));
    String location =
        tus()
            .header("Upload-Length", BODY.length)
            .header("Upload-Metadata", UnitFixture.tusMetadata(metadata(subject, caseId)))
            .post("/api/v1/uploads")
            .then()
            .statusCode(201)
            .extract()
            .header("Location")
            .replaceFirst("^https?://[^/]+", "");
    // meanwhile the subject stops being a party to the case
    sql(
        "DELETE FROM case_subject WHERE case_id = '"
            + caseId
            + "' AND subject_id = '"
            + subject
            + "'");
    String evidence =
        tus()
            .header("Upload-Offset", 0)
            .contentType("application/offset+octet-stream")
            .body(BODY)
            .patch(location)
            .then()
            .statusCode(204)
            .header("Custodia-SHA256", UploadTest.sha256Hex(BODY))
            .header("Custodia-Evidence-Id", notNullValue())
            .extract()
            .header("Custodia-Evidence-Id");
    tus()
        .head(location)
        .then()
        .statusCode(200)
        .header("Custodia-Evidence-Id", evidence)
        .header("Upload-Offset", String.valueOf(BODY.length));
    Api.as(f.admin)
        .get("/api/v1/evidence/" + evidence)
        .then()
        .statusCode(200)
        .body("sha256", equalTo(UploadTest.sha256Hex(BODY)))
        .body("link", nullValue());
    String key =
        text("SELECT object_key FROM evidence WHERE id = '" + evidence + "'"); // the bytes are kept
    assertThat(store.stat(BucketRole.EVIDENCE, key, null)).isPresent();
    assertThat(
            text(
                "SELECT convert_from(entry, 'UTF8') FROM audit_entry WHERE event_type = 'evidence.link-refused'"
                    + " AND target_id = '"
                    + evidence
                    + "'"))
        .contains("subject-not-in-case")
        .contains(subject.toString())
        .contains(caseId.toString());
    assertThat(count("SELECT count(*) FROM evidence_link WHERE evidence_id = '" + evidence + "'"))
        .isZero();
  }

  // ------------------------------------------------------------ helpers

  private static UUID subject(UnitFixture in) {
    return UUID.fromString(
        as(in.admin)
            .body(
                Map.of(
                    "unitId",
                    in.unit.toString(),
                    "kind",
                    "ORGANISATION",
                    "name",
                    "某某建材有限公司",
                    "identifier",
                    Codes.uscc()))
            .post("/api/v1/subjects")
            .then()
            .statusCode(201)
            .extract()
            .path("id"));
  }

  private static UUID createCase(UnitFixture in, List<UUID> subjects) {
    return UUID.fromString(
        as(in.admin)
            .body(
                Map.of(
                    "unitId",
                    in.unit.toString(),
                    "caseNo",
                    Api.unique("CASE"),
                    "type",
                    "COERCIVE_MEASURE",
                    "subjectIds",
                    subjects.stream().map(UUID::toString).toList()))
            .post("/api/v1/cases")
            .then()
            .statusCode(201)
            .extract()
            .path("id"));
  }

  private void sql(String statement) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(statement)) {
      ps.executeUpdate();
    }
  }

  private String text(String query) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(query);
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).as("a row for %s", query).isTrue();
      return rs.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long count(String query) {
    return Long.parseLong(text(query));
  }
}
