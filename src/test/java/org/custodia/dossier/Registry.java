package org.custodia.dossier;

import static org.custodia.testing.Api.as;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.support.Ids;
import org.custodia.testing.Api;

/** Builds registry fixtures through the real API; every code is unique per call. */
final class Registry {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Registry() {}

  static UUID officer(String admin, UUID unit, String name, String status, boolean auxiliary) {
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", unit.toString());
    body.put("name", name);
    body.put("auxiliary", auxiliary);
    if (!auxiliary) {
      body.put("certificateNo", Api.unique("C"));
      body.put("certificateStatus", status);
      body.put("certificateValidFrom", LocalDate.now().minusYears(1).toString());
      body.put("certificateValidUntil", LocalDate.now().plusYears(2).toString());
    }
    return id(
        as(admin).body(body).post("/api/v1/officers").then().statusCode(201).extract().path("id"));
  }

  static UUID officer(String admin, UUID unit, String name) {
    return officer(admin, unit, name, "GREEN", false);
  }

  static UUID person(String token, UUID unit, String name, String residentId) {
    return id(
        as(token)
            .body(
                Map.of(
                    "unitId",
                    unit.toString(),
                    "kind",
                    "PERSON",
                    "name",
                    name,
                    "identifier",
                    residentId))
            .post("/api/v1/subjects")
            .then()
            .statusCode(201)
            .extract()
            .path("id"));
  }

  static UUID organisation(String token, UUID unit, String name) {
    return Api.organisation(token, unit, name);
  }

  static Map<String, Object> action(String type, Instant from, Instant to, UUID... officers) {
    Map<String, Object> a = new HashMap<>();
    a.put("type", type);
    a.put("from", from.toString());
    a.put("to", to.toString());
    a.put("officerIds", List.of(officers).stream().map(UUID::toString).toList());
    return a;
  }

  static Map<String, Object> caseBody(
      UUID unit, String caseNo, String title, List<UUID> subjects, Map<String, Object> action) {
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", unit.toString());
    body.put("caseNo", caseNo);
    body.put("type", "COERCIVE_MEASURE");
    body.put("title", title);
    body.put("subjectIds", subjects.stream().map(UUID::toString).toList());
    body.put("actions", action == null ? List.of() : List.of(action));
    return body;
  }

  static UUID createCase(
      String token, UUID unit, String caseNo, String title, List<UUID> subjects, UUID... officers) {
    Instant from = Instant.now().minusSeconds(3600);
    return id(
        as(token)
            .body(
                caseBody(
                    unit,
                    caseNo,
                    title,
                    subjects,
                    action("SEIZURE", from, from.plusSeconds(1800), officers)))
            .post("/api/v1/cases")
            .then()
            .statusCode(201)
            .extract()
            .path("id"));
  }

  /** Inserts an evidence row the way the ingest feature will. */
  static UUID evidence(
      EvidenceRepository repository,
      UUID unit,
      UUID officer,
      String title,
      Instant from,
      Instant to) {
    UUID id = Ids.newId();
    try {
      Thread.sleep(2); // UUIDv7 ids order by millisecond: keep "newest first" deterministic
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    repository.insert(
        new EvidenceRepository.NewEvidence(
            id,
            unit,
            bytes(32),
            bytes(32),
            1024,
            "video/mp4",
            EvidenceKind.VIDEO,
            "DSJ_" + id + ".mp4",
            title,
            "执法记录仪视频",
            "originals/" + id,
            null,
            null,
            null,
            officer,
            null,
            from,
            to,
            null,
            officer,
            null,
            false,
            ActionType.SEIZURE,
            new BigDecimal("39.904200"),
            new BigDecimal("116.407400")));
    return id;
  }

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  static UUID id(String s) {
    return UUID.fromString(s);
  }
}
