package org.custodia.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.UUID;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.custodia.testing.SyntheticStream;
import org.custodia.testing.UnitFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StreamRangeTest {
  private static final long SEED = 77;
  private static final long SIZE = 3L * 1024 * 1024 + 123;

  @Inject AgroalDataSource db;

  static UnitFixture f;
  static UUID id;
  static String officer;
  static String path;
  static String sha256;

  /** One upload for the whole class (the fields are static: JUnit makes an instance per test). */
  @BeforeEach
  void upload() throws Exception {
    if (f != null) {
      return;
    }
    UnitFixture fixture = new UnitFixture();
    // a document type: no media job, the bytes are pseudo-random
    id = fixture.uploadSynthetic(SEED, SIZE, "application/octet-stream");
    officer = fixture.user("OFFICER");
    path = "/api/v1/evidence/" + id + "/content";
    sha256 = Api.as(fixture.admin).get("/api/v1/evidence/" + id).then().extract().path("sha256");
    f = fixture;
  }

  private Response get(String token, String range) {
    var spec = given().header("Authorization", "Bearer " + token);
    if (range != null) {
      spec.header("Range", range);
    }
    return spec.get(path);
  }

  private static byte[] expected(long first, long last) throws Exception {
    try (InputStream in = SyntheticStream.range(SEED, first, last)) {
      return in.readAllBytes();
    }
  }

  private void assertPartial(Response r, long first, long last) throws Exception {
    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(r.header("Content-Range")).isEqualTo("bytes " + first + "-" + last + "/" + SIZE);
    assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(last - first + 1));
    assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(r.header("ETag")).isEqualTo("\"" + sha256 + "\"");
    assertThat(r.asByteArray()).isEqualTo(expected(first, last));
  }

  @Test
  void the_whole_original_comes_with_its_length_type_and_strong_etag() throws Exception {
    Response r = get(officer, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(SIZE));
    assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(r.header("ETag")).isEqualTo("\"" + sha256 + "\"");
    assertThat(r.asByteArray()).isEqualTo(expected(0, SIZE - 1));
  }

  @Test
  void first_middle_and_last_byte_ranges_are_served_exactly() throws Exception {
    assertPartial(get(officer, "bytes=0-0"), 0, 0);
    assertPartial(get(officer, "bytes=0-65535"), 0, 65535);
    assertPartial(get(officer, "bytes=1048570-2097160"), 1048570, 2097160);
    assertPartial(get(officer, "bytes=" + (SIZE - 1) + "-" + (SIZE - 1)), SIZE - 1, SIZE - 1);
    // a last position past the end is cut to the end
    assertPartial(get(officer, "bytes=" + (SIZE - 10) + "-" + (SIZE + 1000)), SIZE - 10, SIZE - 1);
  }

  @Test
  void suffix_and_open_ended_ranges_are_served() throws Exception {
    assertPartial(get(officer, "bytes=-500"), SIZE - 500, SIZE - 1);
    assertPartial(get(officer, "bytes=-" + (SIZE * 2)), 0, SIZE - 1);
    assertPartial(get(officer, "bytes=3000000-"), 3000000, SIZE - 1);
  }

  @Test
  void a_range_past_the_end_is_416_with_the_size() {
    for (String range :
        new String[] {
          "bytes=" + SIZE + "-", "bytes=" + (SIZE + 5) + "-" + (SIZE + 9), "bytes=-0"
        }) {
      Response r = get(officer, range);
      assertThat(r.statusCode()).as(range).isEqualTo(416);
      assertThat(r.header("Content-Range")).isEqualTo("bytes */" + SIZE);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.jsonPath().getString("type")).endsWith("/range-not-satisfiable");
      assertThat(r.jsonPath().getString("field")).isEqualTo("Range");
    }
  }

  @Test
  void several_ranges_or_a_malformed_range_get_the_whole_original() {
    for (String range : new String[] {"bytes=0-9,20-29", "bytes=9-3", "items=0-5", "bytes=x-"}) {
      Response r = get(officer, range);
      assertThat(r.statusCode()).as(range).isEqualTo(200);
      assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(SIZE));
      assertThat(r.asByteArray()).hasSize((int) SIZE);
    }
  }

  @Test
  void head_reports_length_and_validators_without_a_body() {
    Response r = given().header("Authorization", "Bearer " + officer).head(path);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(SIZE));
    assertThat(r.header("ETag")).isEqualTo("\"" + sha256 + "\"");
    assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(r.header("Last-Modified")).isNotBlank();
    Response ranged =
        given()
            .header("Authorization", "Bearer " + officer)
            .header("Range", "bytes=10-19")
            .head(path);
    assertThat(ranged.statusCode()).isEqualTo(206);
    assertThat(ranged.header("Content-Range")).isEqualTo("bytes 10-19/" + SIZE);
    assertThat(ranged.asByteArray()).isEmpty();
  }

  @Test
  void if_range_with_the_current_etag_or_date_keeps_the_range_and_a_stale_one_gets_everything()
      throws Exception {
    String etag = "\"" + sha256 + "\"";
    String lastModified = get(officer, "bytes=0-0").header("Last-Modified");
    var match =
        given()
            .header("Authorization", "Bearer " + officer)
            .header("Range", "bytes=100-199")
            .header("If-Range", etag)
            .get(path);
    assertPartial(match, 100, 199);
    var byDate =
        given()
            .header("Authorization", "Bearer " + officer)
            .header("Range", "bytes=100-199")
            .header("If-Range", lastModified)
            .get(path);
    assertPartial(byDate, 100, 199);
    for (String stale : new String[] {"\"0000\"", "W/" + etag, "Tue, 01 Jan 2019 00:00:00 GMT"}) {
      var mismatch =
          given()
              .header("Authorization", "Bearer " + officer)
              .header("Range", "bytes=100-199")
              .header("If-Range", stale)
              .get(path);
      assertThat(mismatch.statusCode()).as(stale).isEqualTo(200);
      assertThat(mismatch.header("Content-Length")).isEqualTo(String.valueOf(SIZE));
      mismatch.asByteArray();
    }
  }

  @Test
  void if_none_match_with_the_etag_is_304() {
    Response r =
        given()
            .header("Authorization", "Bearer " + officer)
            .header("If-None-Match", "\"" + sha256 + "\"")
            .get(path);
    assertThat(r.statusCode()).isEqualTo(304);
    assertThat(r.header("ETag")).isEqualTo("\"" + sha256 + "\"");
  }

  @Test
  void stations_may_not_read_and_other_units_do_not_see_the_record() {
    assertThat(get(f.stationToken, "bytes=0-9").statusCode()).isEqualTo(403);
    UUID other = Api.createUnit(f.admin, Api.unique("OTH"), "其他单位");
    String name = Api.unique("stranger");
    Api.createUser(f.admin, name, "REVIEWER", other);
    String stranger = Api.login(name, Api.PASSWORD);
    assertThat(get(stranger, "bytes=0-9").statusCode()).isEqualTo(404);
    assertThat(given().header("Authorization", "Bearer " + stranger).head(path).statusCode())
        .isEqualTo(404);
    assertThat(given().get(path).statusCode()).isEqualTo(401);
    // an auditor of the unit may read
    assertThat(get(f.user("AUDITOR"), "bytes=0-9").statusCode()).isEqualTo(206);
  }

  @Test
  void many_range_requests_of_one_viewer_are_audited_once() throws Exception {
    String reviewer = f.user("REVIEWER");
    String reviewerId =
        Api.as(reviewer).get("/api/v1/auth/me").then().statusCode(200).extract().path("id");
    for (int i = 0; i < 12; i++) {
      long first = i * 100_000L;
      assertThat(get(reviewer, "bytes=" + first + "-" + (first + 9999)).statusCode())
          .isEqualTo(206);
    }
    given().header("Authorization", "Bearer " + reviewer).head(path);
    assertThat(events("evidence.downloaded", reviewerId)).isEqualTo(1);
    // another viewer has a session of their own
    String second = f.user("REVIEWER");
    String secondId =
        Api.as(second).get("/api/v1/auth/me").then().statusCode(200).extract().path("id");
    get(second, "bytes=0-9").asByteArray();
    get(second, "bytes=10-19").asByteArray();
    assertThat(events("evidence.downloaded", secondId)).isEqualTo(1);
  }

  @Test
  void the_metadata_read_still_answers_beside_the_streaming_endpoints() {
    Api.as(officer)
        .get("/api/v1/evidence/" + id)
        .then()
        .statusCode(200)
        .body("sha256", org.hamcrest.Matchers.equalTo(sha256));
  }

  private long events(String type, String actorId) {
    return Jdbc.one(
            db,
            "SELECT count(*) FROM audit_entry WHERE event_type = ? AND target_id = ? AND actor_id = ?",
            rs -> rs.getLong(1),
            type,
            id.toString(),
            actorId)
        .orElseThrow();
  }
}
