package org.custodia.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A case holding gigabytes of originals, exported through the real API of a running service (the
 * packaged one in its own JVM): used by {@code ExportLargeIT} and {@code scripts/bench export}.
 * Every byte is generated on the fly ({@link SyntheticStream}) and streamed; nothing of a file's
 * size is ever held in memory.
 */
public final class LargeCase {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public final UnitFixture f;
  public final String officer;
  public final String supervisor;
  public final UUID caseId;

  public LargeCase(String adminPassword) {
    f = new UnitFixture(adminPassword);
    officer = f.user("OFFICER");
    String name = Api.unique("supervisor");
    Api.createUser(f.admin, name, "SUPERVISOR", null);
    supervisor = Api.login(name, Api.PASSWORD);
    UUID subject = Api.organisation(f.admin, f.unit, "某某建材有限公司");
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", f.unit.toString());
    body.put("caseNo", Api.unique("大案"));
    body.put("type", "COERCIVE_MEASURE");
    body.put("title", "大容量导出");
    body.put("subjectIds", List.of(subject.toString()));
    body.put("actions", List.of());
    caseId =
        UUID.fromString(
            as(f.admin)
                .body(body)
                .post("/api/v1/cases")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
  }

  private static String base() {
    return RestAssured.baseURI + ":" + RestAssured.port;
  }

  /**
   * Uploads {@code size} synthetic bytes linked to the case through tus as the station, in one
   * streamed PATCH (fixed Content-Length, nothing buffered); returns the evidence id.
   */
  public UUID upload(long seed, long size) throws Exception {
    Map<String, String> m = f.metadata(UnitFixture.sha256(seed, size));
    m.put("filename", "DSJ_" + seed + ".bin");
    m.put("contentType", "application/octet-stream"); // not media: no media job competes
    Instant from = Instant.now().minusSeconds(3600 + seed * 60);
    m.put("recordedFrom", from.toString());
    m.put("recordedTo", from.plusSeconds(60).toString());
    m.put("caseId", caseId.toString());
    HttpResponse<String> created =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/uploads"))
                .header("Authorization", "Bearer " + f.stationToken)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(size))
                .header("Upload-Metadata", UnitFixture.tusMetadata(m))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String location =
        created
            .headers()
            .firstValue("Location")
            .orElseThrow(() -> new IllegalStateException("create: " + created.body()));
    HttpResponse<String> patched =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base()).resolve(location))
                .header("Authorization", "Bearer " + f.stationToken)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0")
                .header("Content-Type", "application/offset+octet-stream")
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new SyntheticStream(seed, size)),
                        size))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(204);
    return UUID.fromString(patched.headers().firstValue("Custodia-Evidence-Id").orElseThrow());
  }

  /** Waits until the record's receipt is signed (so the package carries it). */
  public void awaitReceipt(UUID id, Duration atMost) throws InterruptedException {
    ExportSteps.awaitReceipt(f.admin, id, atMost);
  }

  /** The officer requests an export of the case's originals; answers the export as requested. */
  public JsonPath request() {
    return as(officer)
        .body(Map.of("purpose", "移送人民法院审理", "recipient", "某某区人民法院", "includeDerived", false))
        .post("/api/v1/cases/" + caseId + "/exports")
        .then()
        .statusCode(202)
        .extract()
        .jsonPath();
  }

  /** The supervisor (a second person) approves it. */
  public void approve(UUID export) {
    as(supervisor)
        .body(Map.of("approve", true, "reason", "同意移送"))
        .post("/api/v1/exports/" + export + "/approval")
        .then()
        .statusCode(200);
  }

  public JsonPath show(UUID export) {
    return as(f.admin).get("/api/v1/exports/" + export).then().statusCode(200).extract().jsonPath();
  }

  /** Waits for the export to reach {@code state} (fails on FAILED or after {@code atMost}). */
  public JsonPath awaitState(UUID export, String state, Duration atMost)
      throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    JsonPath s = show(export);
    while (!state.equals(s.getString("state"))
        && !"FAILED".equals(s.getString("state"))
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
      s = show(export);
    }
    assertThat(s.getString("state")).as(s.prettify()).isEqualTo(state);
    return s;
  }

  /** The package as downloaded: its SHA-256 and length, computed while it streamed to a file. */
  public record Downloaded(String sha256, long size, double seconds) {}

  /** Streams the whole package to {@code file} through SHA-256. */
  public Downloaded download(UUID export, Path file) throws Exception {
    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/exports/" + export + "/package"))
                .header("Authorization", "Bearer " + officer)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    long size = 0;
    try (InputStream in = response.body();
        OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[1 << 20];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
        out.write(buffer, 0, n);
        size += n;
      }
    }
    return new Downloaded(
        HexFormat.of().formatHex(sha.digest()), size, (System.nanoTime() - start) / 1e9);
  }
}
