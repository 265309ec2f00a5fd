package org.custodia.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.custodia.testing.Browser;
import org.custodia.testing.EmbeddedServicesResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The life of a browser session on the server: idle timeout, absolute lifetime, last-seen written
 * sparingly, ended by disabling the user or changing the password (at once, and checked on every
 * request), sign-in and sign-out audited; Bean Validation messages in the request's language.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BrowserSessionTest {
  @Inject AgroalDataSource db;

  static String admin;
  static UUID unit;

  @BeforeEach
  void seed() {
    if (admin == null) {
      admin = Api.login("admin", EmbeddedServicesResource.ADMIN_PASSWORD);
      unit = Api.createUnit(admin, Api.unique("SES"), "会话测试单位");
    }
  }

  private record Account(UUID id, String name) {}

  private Account reviewer() {
    String name = Api.unique("rev");
    return new Account(Api.createUser(admin, name, "REVIEWER", unit), name);
  }

  private static int me(String cookie) {
    return given().cookie("custodia_session", cookie).get("/api/v1/auth/me").statusCode();
  }

  private long sessionsOf(UUID user) {
    return Jdbc.one(
            db, "SELECT count(*) FROM browser_session WHERE user_id = ?", rs -> rs.getLong(1), user)
        .orElseThrow();
  }

  private Instant lastSeen(UUID user) {
    return Jdbc.one(
            db,
            "SELECT last_seen_at FROM browser_session WHERE user_id = ?",
            rs -> Jdbc.instant(rs, 1),
            user)
        .orElseThrow();
  }

  @Test
  void the_database_keeps_only_a_hash_of_the_cookie() {
    Account a = reviewer();
    Browser.HttpSession s = Browser.httpSignIn(a.name(), Api.PASSWORD);
    byte[] hash =
        Jdbc.one(
                db,
                "SELECT token_hash FROM browser_session WHERE user_id = ?",
                rs -> rs.getBytes(1),
                a.id())
            .orElseThrow();
    assertThat(hash).hasSize(32);
    assertThat(new String(hash, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(s.cookie());
    assertThat(me(s.cookie())).isEqualTo(200);
  }

  @Test
  void a_session_idle_longer_than_the_idle_timeout_ends() {
    Account a = reviewer();
    Browser.HttpSession s = Browser.httpSignIn(a.name(), Api.PASSWORD);
    assertThat(me(s.cookie())).isEqualTo(200);
    Jdbc.update(
        db,
        "UPDATE browser_session SET created_at = now() - interval '31 minutes',"
            + " last_seen_at = now() - interval '31 minutes' WHERE user_id = ?",
        a.id());
    assertThat(me(s.cookie())).isEqualTo(401);
    assertThat(sessionsOf(a.id())).isZero();
  }

  @Test
  void a_busy_session_still_ends_at_its_absolute_lifetime() {
    Account a = reviewer();
    Browser.HttpSession s = Browser.httpSignIn(a.name(), Api.PASSWORD);
    Jdbc.update(
        db,
        "UPDATE browser_session SET created_at = now() - interval '12 hours 1 minute',"
            + " expires_at = now() - interval '1 minute', last_seen_at = now() WHERE user_id = ?",
        a.id());
    assertThat(me(s.cookie())).isEqualTo(401);
    assertThat(sessionsOf(a.id())).isZero();
  }

  @Test
  void last_seen_is_written_at_most_about_once_a_minute() {
    Account a = reviewer();
    Browser.HttpSession s = Browser.httpSignIn(a.name(), Api.PASSWORD);
    Instant first = lastSeen(a.id());
    for (int i = 0; i < 5; i++) {
      assertThat(me(s.cookie())).isEqualTo(200);
    }
    assertThat(lastSeen(a.id())).isEqualTo(first);
    Jdbc.update(
        db,
        "UPDATE browser_session SET created_at = created_at - interval '5 minutes',"
            + " last_seen_at = last_seen_at - interval '5 minutes' WHERE user_id = ?",
        a.id());
    Instant moved = lastSeen(a.id());
    assertThat(me(s.cookie())).isEqualTo(200);
    assertThat(lastSeen(a.id())).isAfter(moved.plusSeconds(240));
  }

  @Test
  void disabling_the_user_ends_their_browser_sessions_at_once() {
    Account a = reviewer();
    Browser.HttpSession one = Browser.httpSignIn(a.name(), Api.PASSWORD);
    Browser.HttpSession two = Browser.httpSignIn(a.name(), Api.PASSWORD);
    assertThat(sessionsOf(a.id())).isEqualTo(2);
    Api.as(admin)
        .body(Map.of("enabled", false))
        .patch("/api/v1/users/" + a.id())
        .then()
        .statusCode(200);
    assertThat(sessionsOf(a.id())).isZero();
    assertThat(me(one.cookie())).isEqualTo(401);
    assertThat(me(two.cookie())).isEqualTo(401);
  }

  @Test
  void changing_the_password_ends_every_browser_session_of_the_user() {
    Account a = reviewer();
    Browser.HttpSession browser = Browser.httpSignIn(a.name(), Api.PASSWORD);
    Browser.HttpSession other = Browser.httpSignIn(a.name(), Api.PASSWORD);
    // changed from one browser (with its CSRF token): both browsers are signed out
    given()
        .cookie("custodia_session", browser.cookie())
        .header("X-CSRF-Token", browser.csrf())
        .contentType(ContentType.JSON)
        .body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "a-brand-new-password-1"))
        .post("/api/v1/auth/password")
        .then()
        .statusCode(200);
    assertThat(sessionsOf(a.id())).isZero();
    assertThat(me(browser.cookie())).isEqualTo(401);
    assertThat(me(other.cookie())).isEqualTo(401);
  }

  @Test
  void the_password_marker_and_enabled_flag_are_checked_on_every_request() {
    // changes made behind the service's back (SQL) still end the session on its next request
    Account a = reviewer();
    Browser.HttpSession s = Browser.httpSignIn(a.name(), Api.PASSWORD);
    Jdbc.update(db, "UPDATE app_user SET password_changed_at = now() WHERE id = ?", a.id());
    assertThat(me(s.cookie())).isEqualTo(401);

    Account b = reviewer();
    Browser.HttpSession t = Browser.httpSignIn(b.name(), Api.PASSWORD);
    Jdbc.update(db, "UPDATE app_user SET enabled = false WHERE id = ?", b.id());
    assertThat(me(t.cookie())).isEqualTo(401);
  }

  @Test
  void sign_in_and_sign_out_through_the_browser_are_audited() throws Exception {
    Account a = reviewer();
    Browser.HttpSession s = Browser.httpSignIn(a.name(), Api.PASSWORD);
    given()
        .redirects()
        .follow(false)
        .cookie("custodia_session", s.cookie())
        .header("X-CSRF-Token", s.csrf())
        .post("/logout")
        .then()
        .statusCode(303);
    given()
        .redirects()
        .follow(false)
        .formParam("username", a.name())
        .formParam("password", "wrong-password")
        .formParam("csrf", "x")
        .cookie("custodia_login", "x")
        .post("/login")
        .then()
        .statusCode(401);
    List<String> events = List.of();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      events = events(a.id());
      if (events.size() >= 3) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(events).hasSize(3);
    assertThat(events.get(0)).contains("\"type\":\"auth.login\"").contains("\"via\":\"browser\"");
    assertThat(events.get(1)).contains("\"type\":\"auth.logout\"").contains("\"via\":\"browser\"");
    assertThat(events.get(2))
        .contains("\"type\":\"access.unauthenticated\"")
        .contains("\"reason\":\"wrong-password\"")
        .contains("/login");
  }

  private List<String> events(UUID user) {
    return Jdbc.list(
        db,
        "SELECT convert_from(entry, 'UTF8') FROM audit_entry WHERE"
            + " (event_type IN ('auth.login', 'auth.logout') AND target_id = ?)"
            + " OR (event_type = 'access.unauthenticated' AND convert_from(entry, 'UTF8') LIKE ?)"
            + " ORDER BY id",
        rs -> rs.getString(1),
        user.toString(),
        "%" + user + "%");
  }

  @Test
  void a_refused_csrf_token_is_audited_as_a_denial_of_the_signed_in_user() throws Exception {
    Account a = reviewer();
    Browser.HttpSession s = Browser.httpSignIn(a.name(), Api.PASSWORD);
    given()
        .cookie("custodia_session", s.cookie())
        .contentType(ContentType.JSON)
        .body(Map.of("currentPassword", "x", "newPassword", "another-password-12"))
        .post("/api/v1/auth/password")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", org.hamcrest.Matchers.endsWith("/csrf"));
    List<String> denied = List.of();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (denied.isEmpty() && System.nanoTime() < deadline) {
      denied =
          Jdbc.list(
              db,
              "SELECT convert_from(entry, 'UTF8') FROM audit_entry WHERE event_type = 'access.denied'"
                  + " AND convert_from(entry, 'UTF8') LIKE ?",
              rs -> rs.getString(1),
              "%\"id\":\"" + a.id() + "\"%");
      Thread.sleep(50);
    }
    assertThat(denied).hasSize(1);
    assertThat(denied.get(0))
        .contains("\"reason\":\"csrf\"")
        .contains("\"method\":\"POST\"")
        .contains("/api/v1/auth/password");
  }

  @Test
  void validation_messages_speak_the_language_of_the_request() {
    Map<String, String> blank = Map.of("username", "", "password", "x");
    String chinese =
        given()
            .contentType(ContentType.JSON)
            .body(blank)
            .post("/api/v1/auth/login")
            .then()
            .statusCode(400)
            .extract()
            .path("errors[0].message");
    assertThat(chinese).isEqualTo("不能为空");
    String english =
        given()
            .header("Accept-Language", "en-US,en;q=0.9")
            .contentType(ContentType.JSON)
            .body(blank)
            .post("/api/v1/auth/login")
            .then()
            .statusCode(400)
            .extract()
            .path("errors[0].message");
    assertThat(english).isEqualTo("must not be blank");
    String switched =
        given()
            .header("Accept-Language", "zh-CN")
            .cookie("lang", "en")
            .contentType(ContentType.JSON)
            .body(blank)
            .post("/api/v1/auth/login")
            .then()
            .statusCode(400)
            .extract()
            .path("errors[0].message");
    assertThat(switched).isEqualTo("must not be blank");
  }

  @Test
  void page_routes_stay_out_of_the_api_document() {
    String doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
    assertThat(doc)
        .doesNotContain("\"/login\"")
        .doesNotContain("\"/logout\"")
        .doesNotContain("\"/lang\"");
    assertThat(doc).doesNotContain("\"/\" :").doesNotContain("\"/\":");
  }
}
