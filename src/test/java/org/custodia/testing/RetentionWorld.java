package org.custodia.testing;

import static org.custodia.testing.Api.as;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A unit with its station, two supervisors (their user names and access tokens), a subject, and
 * helpers for records and cases of it: the retention tests' world, in the API and in the browser.
 */
public final class RetentionWorld {
  public final UnitFixture f = new UnitFixture();
  public final String supervisorName1 = Api.unique("sup");
  public final String supervisor1 = supervisor(supervisorName1);
  public final String supervisorName2 = Api.unique("sup");
  public final String supervisor2 = supervisor(supervisorName2);
  public final UUID subject = Api.organisation(f.admin, f.unit, "某某餐饮有限公司");

  private static String supervisor(String name) {
    Api.createUser(Api.adminToken(), name, "SUPERVISOR", null);
    return Api.login(name, Api.PASSWORD);
  }

  /** A document recorded at {@code from} (a minute long), optionally linked to a case. */
  public UUID record(Instant from, UUID caseId) throws Exception {
    Path file = Files.createTempFile("retention", ".pdf");
    try {
      byte[] bytes = new byte[4096];
      ThreadLocalRandom.current().nextBytes(bytes);
      Files.write(file, bytes);
      return f.uploadRecording(file, "application/pdf", from, from.plusSeconds(60), caseId);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * A two-second video recorded at {@code from}, its derived files (poster, sprite, review copy)
   * made.
   */
  public UUID video(Instant from) throws Exception {
    Path dir = org.custodia.testing.Clips.dir("retention-");
    Path clip =
        org.custodia.testing.Clips.h264(
            dir.resolve("clip.mp4"), "testsrc=size=160x120:rate=25:duration=2");
    UUID id = f.uploadRecording(clip, "video/mp4", from, from.plusSeconds(2), null);
    if (!"SUCCEEDED".equals(f.awaitMediaJob(id, java.time.Duration.ofSeconds(90)))) {
      throw new AssertionError("media job of " + id + " did not succeed");
    }
    return id;
  }

  /** A case of the unit's subject; CLOSED ones are decided on {@code decided}. */
  public UUID createCase(String type, String status, LocalDate decided) {
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", f.unit.toString());
    body.put("caseNo", Api.unique("RET"));
    body.put("type", type);
    body.put("status", status);
    if (decided != null) {
      body.put("decisionDate", decided.toString());
    }
    body.put("subjectIds", List.of(subject.toString()));
    body.put("actions", List.of());
    return UUID.fromString(
        as(f.admin).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id"));
  }

  public void link(UUID evidence, UUID caseId) {
    as(f.admin)
        .body(Map.of("caseId", caseId.toString(), "reason", "录入案件"))
        .post("/api/v1/evidence/" + evidence + "/links")
        .then()
        .statusCode(201);
  }

  /** A disposal of the unit's candidates, proposed by {@code token}. */
  public io.restassured.path.json.JsonPath propose(String token) {
    return as(token)
        .body(Map.of("unitId", f.unit.toString(), "reason", "到期音像记录销毁"))
        .post("/api/v1/disposals")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  public io.restassured.path.json.JsonPath retention(UUID evidence) {
    return as(supervisor1)
        .get("/api/v1/evidence/" + evidence + "/retention")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
