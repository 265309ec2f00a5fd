package org.custodia.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Test helpers over the real HTTP API. */
public final class Api {
  public static final String PASSWORD = "correct-horse-battery-staple";

  private Api() {}

  public static String login(String username, String password) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", username, "password", password))
        .post("/api/v1/auth/login")
        .then()
        .statusCode(200)
        .extract()
        .path("accessToken");
  }

  public static String adminToken() {
    return login("admin", EmbeddedServicesResource.ADMIN_PASSWORD);
  }

  public static RequestSpecification as(String token) {
    return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
  }

  public static UUID createUnit(String admin, String code, String name) {
    String id =
        as(admin)
            .body(Map.of("code", code, "name", name))
            .post("/api/v1/units")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return UUID.fromString(id);
  }

  /**
   * A certified officer of {@code unit} with certificate state {@code status}, valid from a year
   * ago for two more years.
   */
  public static UUID officer(String token, UUID unit, String name, String status) {
    Map<String, Object> body = new HashMap<>();
    body.put("unitId", unit.toString());
    body.put("name", name);
    body.put("auxiliary", false);
    body.put("certificateNo", unique("C"));
    body.put("certificateStatus", status);
    body.put("certificateValidFrom", java.time.LocalDate.now().minusYears(1).toString());
    body.put("certificateValidUntil", java.time.LocalDate.now().plusYears(2).toString());
    String id =
        as(token).body(body).post("/api/v1/officers").then().statusCode(201).extract().path("id");
    return UUID.fromString(id);
  }

  /** An organisation subject of {@code unit} with a fresh unified social credit code. */
  public static UUID organisation(String token, UUID unit, String name) {
    String id =
        as(token)
            .body(
                Map.of(
                    "unitId",
                    unit.toString(),
                    "kind",
                    "ORGANISATION",
                    "name",
                    name,
                    "identifier",
                    org.custodia.dossier.Codes.uscc()))
            .post("/api/v1/subjects")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return UUID.fromString(id);
  }

  public static UUID createUser(String admin, String username, String role, UUID unitId) {
    Map<String, Object> body = new HashMap<>();
    body.put("username", username);
    body.put("password", PASSWORD);
    body.put("role", role);
    if (unitId != null) {
      body.put("unitId", unitId.toString());
    }
    String id =
        as(admin).body(body).post("/api/v1/users").then().statusCode(201).extract().path("id");
    return UUID.fromString(id);
  }

  /**
   * An action of a new case's body: {@code type} from {@code from} for {@code seconds}, with these
   * responsible officers.
   */
  public static Map<String, Object> action(
      String type, java.time.Instant from, long seconds, UUID... officers) {
    Map<String, Object> a = new HashMap<>();
    a.put("type", type);
    a.put("from", from.toString());
    a.put("to", from.plusSeconds(seconds).toString());
    a.put("officerIds", java.util.Arrays.stream(officers).map(UUID::toString).toList());
    return a;
  }

  /** A unique suffix for names in tests that share one database. */
  public static String unique(String prefix) {
    return prefix + Long.toString(System.nanoTime(), 36);
  }
}
