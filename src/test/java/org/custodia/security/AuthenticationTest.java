package org.custodia.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.custodia.testing.Api;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuthenticationTest {
  @Inject TokenService tokens;
  @Inject UserService users;

  @Test
  void bootstrap_admin_can_log_in_and_see_itself() {
    String token = Api.adminToken();
    Api.as(token)
        .get("/api/v1/auth/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("admin"))
        .body("role", equalTo("ADMIN"));
  }

  @Test
  void login_answers_with_a_bearer_token_and_its_lifetime() {
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "username",
                "admin",
                "password",
                org.custodia.testing.EmbeddedServicesResource.ADMIN_PASSWORD))
        .post("/api/v1/auth/login")
        .then()
        .statusCode(200)
        .body("tokenType", equalTo("Bearer"))
        .body("expiresIn", greaterThan(0))
        .body("accessToken", not(equalTo(null)));
  }

  @Test
  void unauthenticated_calls_get_401_problem_details() {
    given()
        .get("/api/v1/units")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("Bearer"))
        .body("type", equalTo("https://custodia.example/problems/unauthorized"))
        .body("status", equalTo(401));
  }

  @Test
  void a_tampered_token_is_refused() {
    String token = Api.adminToken();
    String[] parts = token.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payload.replace("\"ADMIN\"", "\"ADMIN \"").getBytes());
    String tampered = parts[0] + "." + forged + "." + parts[2];
    Api.as(tampered)
        .get("/api/v1/auth/me")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");

    // flipping one character of the signature
    char last = parts[2].charAt(5);
    String badSignature =
        parts[0]
            + "."
            + parts[1]
            + "."
            + parts[2].substring(0, 5)
            + (last == 'A' ? 'B' : 'A')
            + parts[2].substring(6);
    Api.as(badSignature).get("/api/v1/auth/me").then().statusCode(401);
  }

  @Test
  void a_token_signed_with_another_key_or_algorithm_none_is_refused() {
    String token = Api.adminToken();
    String[] parts = token.split("\\.");
    String noneHeader =
        Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
    Api.as(noneHeader + "." + parts[1] + ".").get("/api/v1/auth/me").then().statusCode(401);
    Api.as("not-a-token").get("/api/v1/auth/me").then().statusCode(401);
  }

  @Test
  void an_expired_token_is_refused() {
    UUID adminId =
        UUID.fromString(
            Api.as(Api.adminToken()).get("/api/v1/auth/me").then().extract().path("id"));
    User admin = users.byId(adminId).orElseThrow();
    String expired = tokens.issue(admin, -120).token();
    Api.as(expired).get("/api/v1/auth/me").then().statusCode(401);
    String valid = tokens.issue(admin, 120).token();
    Api.as(valid).get("/api/v1/auth/me").then().statusCode(200);
  }

  @Test
  void wrong_password_and_unknown_user_get_the_same_answer() {
    String admin = Api.adminToken();
    String name = Api.unique("pw");
    Api.createUser(admin, name, "SUPERVISOR", null);
    var wrong =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("username", name, "password", "wrong-password-123"))
            .header("X-Forwarded-For", "10.0.0.1")
            .post("/api/v1/auth/login")
            .then()
            .statusCode(401)
            .extract();
    var unknown =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("username", Api.unique("nobody"), "password", "wrong-password-123"))
            .post("/api/v1/auth/login")
            .then()
            .statusCode(401)
            .extract();
    assertThat(wrong.<String>path("type")).isEqualTo(unknown.path("type"));
    assertThat(wrong.<String>path("detail")).isEqualTo(unknown.path("detail"));
  }

  @Test
  void repeated_failed_logins_are_throttled_even_with_the_right_password() {
    String admin = Api.adminToken();
    String name = Api.unique("throttle");
    Api.createUser(admin, name, "SUPERVISOR", null);
    for (int i = 0; i < 5; i++) {
      given()
          .contentType(ContentType.JSON)
          .body(Map.of("username", name, "password", "not-the-password"))
          .post("/api/v1/auth/login")
          .then()
          .statusCode(401);
    }
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", name, "password", Api.PASSWORD))
        .post("/api/v1/auth/login")
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .header("Retry-After", not(equalTo(null)))
        .body("type", equalTo("https://custodia.example/problems/too-many-attempts"));
  }

  @Test
  void changing_the_password_invalidates_earlier_tokens_at_once() {
    String admin = Api.adminToken();
    String name = Api.unique("change");
    Api.createUser(admin, name, "SUPERVISOR", null);
    String before = Api.login(name, Api.PASSWORD);
    // no pause: the change usually lands in the same second as the token's issue time
    Api.as(before)
        .body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "a-brand-new-passphrase"))
        .post("/api/v1/auth/password")
        .then()
        .statusCode(200);
    Api.as(before).get("/api/v1/auth/me").then().statusCode(401);
    String after = Api.login(name, "a-brand-new-passphrase");
    Api.as(after).get("/api/v1/auth/me").then().statusCode(200);
  }

  @Test
  void a_disabled_user_is_refused_at_once() {
    String admin = Api.adminToken();
    String name = Api.unique("disabled");
    UUID id = Api.createUser(admin, name, "SUPERVISOR", null);
    String token = Api.login(name, Api.PASSWORD);
    Api.as(token).get("/api/v1/auth/me").then().statusCode(200);
    Api.as(admin)
        .body(Map.of("enabled", false))
        .patch("/api/v1/users/" + id)
        .then()
        .statusCode(200);
    Api.as(token).get("/api/v1/auth/me").then().statusCode(401);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", name, "password", Api.PASSWORD))
        .post("/api/v1/auth/login")
        .then()
        .statusCode(401);
  }
}
