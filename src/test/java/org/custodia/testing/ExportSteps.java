package org.custodia.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custodia.testing.Api.as;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The steps the export tests share: a case to export, waiting for receipts and builds, unzipping.
 */
public final class ExportSteps {
  private ExportSteps() {}

  /** A case of the fixture's unit with one subject and no actions. */
  public static UUID openCase(UnitFixture f, String caseNoPrefix, String title) {
    UUID subject = Api.organisation(f.admin, f.unit, "某某餐饮有限公司");
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", f.unit.toString());
    body.put("caseNo", Api.unique(caseNoPrefix));
    body.put("type", "COERCIVE_MEASURE");
    body.put("title", title);
    body.put("subjectIds", List.of(subject.toString()));
    body.put("actions", List.of());
    return UUID.fromString(
        as(f.admin).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id"));
  }

  /** Waits until the record's receipt is signed (so that a package carries it). */
  public static void awaitReceipt(String token, UUID id, Duration atMost)
      throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    String state = null;
    while (!"SIGNED".equals(state) && System.nanoTime() < deadline) {
      state =
          as(token)
              .get("/api/v1/evidence/" + id + "/receipt")
              .then()
              .statusCode(200)
              .extract()
              .path("state");
      Thread.sleep(100);
    }
    assertThat(state).as("receipt of " + id).isEqualTo("SIGNED");
  }

  /** Waits until the export is in {@code state}; answers it. */
  public static JsonPath awaitExport(String token, UUID id, String state, Duration atMost)
      throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    JsonPath s = as(token).get("/api/v1/exports/" + id).then().statusCode(200).extract().jsonPath();
    while (!state.equals(s.getString("state")) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      s = as(token).get("/api/v1/exports/" + id).then().statusCode(200).extract().jsonPath();
    }
    assertThat(s.getString("state")).as(s.prettify()).isEqualTo(state);
    return s;
  }

  /** Unzips into {@code into}, refusing any entry that would land outside it. */
  public static Path unzip(InputStream zip, Path into) throws IOException {
    Files.createDirectories(into);
    try (ZipInputStream in = new ZipInputStream(zip)) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        Path out = into.resolve(e.getName()).normalize();
        assertThat(out.startsWith(into)).as(e.getName()).isTrue();
        Files.createDirectories(out.getParent());
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return into;
  }
}
