package org.custodia.retention;

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
import org.custodia.testing.Api;
import org.custodia.testing.UnitFixture;

/** A unit with its station, two supervisors, and helpers for records and cases of it. */
final class RetentionWorld {
  final UnitFixture f = new UnitFixture();
  final String supervisor1 = supervisor();
  final String supervisor2 = supervisor();
  final UUID subject = Api.organisation(f.admin, f.unit, "某某餐饮有限公司");

  private static String supervisor() {
    String name = Api.unique("sup");
    Api.createUser(Api.adminToken(), name, "SUPERVISOR", null);
    return Api.login(name, Api.PASSWORD);
  }

  /** A document recorded at {@code from} (a minute long), optionally linked to a case. */
  UUID record(Instant from, UUID caseId) throws Exception {
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
  UUID video(Instant from) throws Exception {
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
  UUID createCase(String type, String status, LocalDate decided) {
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

  void link(UUID evidence, UUID caseId) {
    as(f.admin)
        .body(Map.of("caseId", caseId.toString(), "reason", "录入案件"))
        .post("/api/v1/evidence/" + evidence + "/links")
        .then()
        .statusCode(201);
  }

  /** A disposal of the unit's candidates, proposed by {@code token}. */
  io.restassured.path.json.JsonPath propose(String token) {
    return as(token)
        .body(Map.of("unitId", f.unit.toString(), "reason", "到期音像记录销毁"))
        .post("/api/v1/disposals")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  io.restassured.path.json.JsonPath retention(UUID evidence) {
    return as(supervisor1)
        .get("/api/v1/evidence/" + evidence + "/retention")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
