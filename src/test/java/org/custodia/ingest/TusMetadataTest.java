package org.custodia.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@code Upload-Metadata} is stored exactly or refused, and the protocol's details: the header as
 * sent comes back on HEAD, strict numbers, strict pairs, 415 for a PATCH without its media type.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TusMetadataTest {
  private static final byte[] BODY = "evidence bytes".getBytes(StandardCharsets.US_ASCII);

  @Inject AgroalDataSource db;

  private UnitFixture f;

  @BeforeEach
  void setUp() {
    f = new UnitFixture();
  }

  private RequestSpecification tus() {
    return given()
        .header("Authorization", "Bearer " + f.stationToken)
        .header("Tus-Resumable", "1.0.0");
  }

  /** The station's usual metadata for {@link #BODY}, without {@code key}. */
  private String metadataWithout(String key) {
    Map<String, String> m = new HashMap<>(f.metadata(UploadTest.sha256Hex(BODY)));
    m.remove(key);
    return UnitFixture.tusMetadata(m);
  }

  private static String pair(String key, byte[] value) {
    return key + " " + Base64.getEncoder().encodeToString(value);
  }

  /** A creation-with-upload of {@link #BODY}: were it accepted, it would become evidence. */
  private ValidatableResponse createWithBody(String metadataHeader) {
    return tus()
        .header("Upload-Length", BODY.length)
        .header("Upload-Metadata", metadataHeader)
        .contentType("application/offset+octet-stream")
        .body(BODY)
        .post("/api/v1/uploads")
        .then();
  }

  private void refusedNaming(String metadataHeader, String field) {
    createWithBody(metadataHeader)
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo(field));
    assertNothingCreated();
  }

  private void assertNothingCreated() {
    assertThat(count("SELECT count(*) FROM upload_session WHERE owner_id = '" + f.station + "'"))
        .as("upload sessions of the station")
        .isZero();
    assertThat(count("SELECT count(*) FROM evidence WHERE unit_id = '" + f.unit + "'"))
        .as("evidence of the unit")
        .isZero();
  }

  // ------------------------------------------------------------ values stored exactly or refused

  @Test
  void a_filename_that_is_not_utf8_is_refused_not_replaced() {
    byte[] latin1 = "caf\u00e9.mp4".getBytes(StandardCharsets.ISO_8859_1); // 0xE9 alone
    refusedNaming(metadataWithout("filename") + "," + pair("filename", latin1), "filename");
  }

  @Test
  void a_nul_in_the_content_type_is_refused_not_stripped() {
    refusedNaming(
        metadataWithout("contentType")
            + ","
            + pair("contentType", "video/mp4\u0000".getBytes(StandardCharsets.UTF_8)),
        "contentType");
  }

  @Test
  void control_characters_in_the_content_type_are_refused_not_trimmed() {
    refusedNaming(
        metadataWithout("contentType")
            + ","
            + pair("contentType", "video/mp4\t".getBytes(StandardCharsets.UTF_8)),
        "contentType");
    refusedNaming(
        metadataWithout("contentType")
            + ","
            + pair("filetype", "\nvideo/mp4".getBytes(StandardCharsets.UTF_8)),
        "filetype");
  }

  @Test
  void a_nul_in_notes_or_title_is_refused_naming_it() {
    String base = UnitFixture.tusMetadata(f.metadata(UploadTest.sha256Hex(BODY)));
    refusedNaming(
        base + "," + pair("notes", "现场\u0000记录".getBytes(StandardCharsets.UTF_8)), "notes");
    refusedNaming(base + "," + pair("title", "\u0000".getBytes(StandardCharsets.UTF_8)), "title");
  }

  @Test
  void a_content_type_in_capitals_is_a_token_and_is_normalised() {
    createWithBody(
            metadataWithout("contentType")
                + ","
                + pair("contentType", "Video/MP4".getBytes(StandardCharsets.UTF_8)))
        .statusCode(201)
        .header("Custodia-Evidence-Id", notNullValue());
  }

  // ------------------------------------------------------------ the header's syntax

  @Test
  void head_returns_upload_metadata_as_the_client_sent_it() {
    String sent =
        UnitFixture.tusMetadata(f.metadata(UploadTest.sha256Hex(BODY)))
            + ","
            + pair("name", "DSJ 0930.mp4".getBytes(StandardCharsets.UTF_8))
            + ",is_confidential";
    String location =
        tus()
            .header("Upload-Length", BODY.length)
            .header("Upload-Metadata", sent)
            .post("/api/v1/uploads")
            .then()
            .statusCode(201)
            .extract()
            .header("Location")
            .replaceFirst("^https?://[^/]+", "");
    tus().head(location).then().statusCode(200).header("Upload-Metadata", sent);
  }

  @Test
  void malformed_metadata_pairs_are_refused_naming_the_header() {
    String base = UnitFixture.tusMetadata(f.metadata(UploadTest.sha256Hex(BODY)));
    refusedNaming(base + ",a b c d", "Upload-Metadata"); // more than a key and one value
    refusedNaming(base + ",na;me Zm9v", "Upload-Metadata"); // not a token
    refusedNaming(base + ",name Zm9v,name YmFy", "Upload-Metadata"); // a key given twice
    refusedNaming(
        base + "," + pair("filename", "b.mp4".getBytes(StandardCharsets.UTF_8)), "Upload-Metadata");
    refusedNaming(base + ",,name Zm9v", "Upload-Metadata"); // an empty key
    refusedNaming(base + ", ,name Zm9v", "Upload-Metadata");
    refusedNaming(base + ",name Zm9v!", "Upload-Metadata"); // not base64
  }

  @Test
  void upload_length_and_offset_are_digits_only() {
    tus()
        .header("Upload-Length", "+10")
        .header("Upload-Metadata", metadataWithout("x"))
        .post("/api/v1/uploads")
        .then()
        .statusCode(400)
        .body("field", equalTo("Upload-Length"));
    tus()
        .header("Upload-Length", "1_0")
        .header("Upload-Metadata", metadataWithout("x"))
        .post("/api/v1/uploads")
        .then()
        .statusCode(400)
        .body("field", equalTo("Upload-Length"));
    assertNothingCreated();
    String location = create(BODY.length);
    tus()
        .header("Upload-Offset", "+0")
        .contentType("application/offset+octet-stream")
        .body(BODY)
        .patch(location)
        .then()
        .statusCode(400)
        .body("field", equalTo("Upload-Offset"));
    tus().head(location).then().statusCode(200).header("Upload-Offset", "0");
  }

  @Test
  void a_patch_without_its_media_type_is_415() throws Exception {
    String location = create(BODY.length);
    HttpClient client = HttpClient.newHttpClient();
    for (String contentType : new String[] {null, "application/octet-stream"}) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(
                  URI.create(RestAssured.baseURI + ":" + RestAssured.port + location))
              .header("Authorization", "Bearer " + f.stationToken)
              .header("Tus-Resumable", "1.0.0")
              .header("Upload-Offset", "0")
              .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(BODY));
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("Content-Type %s", contentType).isEqualTo(415);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(response.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
    }
    tus().head(location).then().statusCode(200).header("Upload-Offset", "0");
  }

  // ------------------------------------------------------------ zero-length uploads

  @Test
  void a_zero_length_upload_is_validated_before_it_completes() {
    String empty = UploadTest.sha256Hex(new byte[0]);
    Map<String, String> m = f.metadata(empty);
    m.put("caseId", java.util.UUID.randomUUID().toString());
    // an unknown case: refused before it could become evidence, with or without a body type
    tus()
        .header("Upload-Length", 0)
        .header("Upload-Metadata", UnitFixture.tusMetadata(m))
        .contentType("application/offset+octet-stream")
        .post("/api/v1/uploads")
        .then()
        .statusCode(400)
        .body("field", equalTo("caseId"));
    tus()
        .header("Upload-Length", 0)
        .header("Upload-Metadata", UnitFixture.tusMetadata(m))
        .post("/api/v1/uploads")
        .then()
        .statusCode(400)
        .body("field", equalTo("caseId"));
    // a creation header that is wrong is refused before anything is created
    tus()
        .header("Upload-Length", 0)
        .header("Upload-Metadata", UnitFixture.tusMetadata(f.metadata(empty)))
        .header("Upload-Checksum", "md5 1B2M2Y8AsgTpgAmY7PhCfg==")
        .contentType("application/offset+octet-stream")
        .post("/api/v1/uploads")
        .then()
        .statusCode(400)
        .body("field", equalTo("Upload-Checksum"));
    tus()
        .header("Upload-Length", 0)
        .header("Upload-Metadata", UnitFixture.tusMetadata(f.metadata(empty)))
        .contentType("text/plain")
        .body("x")
        .post("/api/v1/uploads")
        .then()
        .statusCode(415);
    assertNothingCreated();
    // valid: complete at creation, whether or not the client named the body's type
    tus()
        .header("Upload-Length", 0)
        .header("Upload-Metadata", UnitFixture.tusMetadata(f.metadata(empty)))
        .post("/api/v1/uploads")
        .then()
        .statusCode(201)
        .header("Upload-Offset", "0")
        .header("Custodia-SHA256", empty)
        .header("Custodia-Evidence-Id", notNullValue());
  }

  // ------------------------------------------------------------ helpers

  private String create(long length) {
    return tus()
        .header("Upload-Length", length)
        .header("Upload-Metadata", metadataWithout("x"))
        .post("/api/v1/uploads")
        .then()
        .statusCode(201)
        .extract()
        .header("Location")
        .replaceFirst("^https?://[^/]+", "");
  }

  private long count(String sql) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
