package org.custodia.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.custodia.support.Jdbc;
import org.custodia.testing.Api;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * An administrator cannot lock the archive out: no change may leave it without an enabled
 * administrator, and no administrator may disable their own account. The tests that need "the last
 * administrator" disable every other one for their duration ({@link EnabledAdmins#only}).
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LastAdminTest {
  private static final String PROBLEMS = "https://custodia.example/problems/";

  @Inject AgroalDataSource db;

  private record Admin(UUID id, String token) {}

  private Admin newAdmin() {
    String name = Api.unique("adm");
    UUID id = Api.createUser(Api.adminToken(), name, "ADMIN", null);
    return new Admin(id, Api.login(name, Api.PASSWORD));
  }

  @Test
  void an_admin_cannot_disable_their_own_account() {
    Admin a = newAdmin();
    Api.as(a.token())
        .body(Map.of("enabled", false))
        .patch("/api/v1/users/" + a.id())
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "self-lockout"))
        .body("field", equalTo("enabled"));
    assertThat(EnabledAdmins.enabled(db, a.id())).isTrue();
    Api.as(a.token()).get("/api/v1/auth/me").then().statusCode(200);
  }

  @Test
  void an_admin_may_disable_another_admin_and_step_down_while_an_admin_remains() {
    Admin a = newAdmin();
    Admin b = newAdmin();
    Api.as(a.token())
        .body(Map.of("enabled", false))
        .patch("/api/v1/users/" + b.id())
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false));
    Api.as(a.token())
        .body(Map.of("role", "SUPERVISOR"))
        .patch("/api/v1/users/" + a.id())
        .then()
        .statusCode(200)
        .body("role", equalTo("SUPERVISOR"));
  }

  @Test
  void the_last_enabled_admin_cannot_disable_their_account() throws Exception {
    Admin a = newAdmin();
    EnabledAdmins.only(
        db,
        List.of(a.id()),
        () ->
            Api.as(a.token())
                .body(Map.of("enabled", false))
                .patch("/api/v1/users/" + a.id())
                .then()
                .statusCode(409)
                .body("type", equalTo(PROBLEMS + "last-admin"))
                .body("field", equalTo("enabled")));
    assertThat(EnabledAdmins.enabled(db, a.id())).isTrue();
  }

  @Test
  void the_last_enabled_admin_cannot_step_down() throws Exception {
    Admin a = newAdmin();
    EnabledAdmins.only(
        db,
        List.of(a.id()),
        () -> {
          Api.as(a.token())
              .body(Map.of("role", "SUPERVISOR"))
              .patch("/api/v1/users/" + a.id())
              .then()
              .statusCode(409)
              .body("type", equalTo(PROBLEMS + "last-admin"))
              .body("field", equalTo("role"));
          // other changes to the last admin still go through
          Api.as(a.token())
              .body(Map.of("enabled", true, "role", "ADMIN"))
              .patch("/api/v1/users/" + a.id())
              .then()
              .statusCode(200);
        });
    Api.as(a.token()).get("/api/v1/auth/me").then().statusCode(200).body("role", equalTo("ADMIN"));
  }

  /**
   * The two requests are made to overlap: the test holds both admins' rows locked until both
   * requests wait on a lock it holds, then lets them go together.
   */
  @Test
  void two_last_admins_disabling_each_other_at_once_leave_one_enabled() throws Exception {
    Admin a = newAdmin();
    Admin b = newAdmin();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      EnabledAdmins.only(
          db,
          List.of(a.id(), b.id()),
          () -> {
            List<CompletableFuture<ExtractableResponse<Response>>> calls = new ArrayList<>();
            try (Connection holder = db.getConnection()) {
              holder.setAutoCommit(false);
              try (PreparedStatement ps =
                  holder.prepareStatement(
                      "SELECT id FROM app_user WHERE id IN (?, ?) ORDER BY id FOR UPDATE")) {
                ps.setObject(1, a.id());
                ps.setObject(2, b.id());
                ps.executeQuery().close();
              }
              calls.add(CompletableFuture.supplyAsync(() -> disable(a.token(), b.id()), pool));
              calls.add(CompletableFuture.supplyAsync(() -> disable(b.token(), a.id()), pool));
              awaitWaitingForLocks(2);
              holder.commit();
            }
            List<Integer> statuses = new ArrayList<>();
            for (var call : calls) {
              var response = call.join();
              statuses.add(response.statusCode());
              if (response.statusCode() == 409) {
                assertThat(response.<String>path("type")).isEqualTo(PROBLEMS + "last-admin");
              }
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            assertThat(EnabledAdmins.enabled(db, a.id()) ^ EnabledAdmins.enabled(db, b.id()))
                .as("exactly one stays enabled")
                .isTrue();
          });
    } finally {
      pool.shutdownNow();
    }
  }

  private static ExtractableResponse<Response> disable(String token, UUID id) {
    return Api.as(token)
        .body(Map.of("enabled", false))
        .patch("/api/v1/users/" + id)
        .then()
        .extract();
  }

  /**
   * Waits until {@code n} sessions wait for a lock: one the test holds, or behind another waiter
   * for it (a second waiter for a row waits on the first). Asked on a connection of its own: in a
   * transaction, pg_stat_activity would show the same snapshot every time.
   */
  private void awaitWaitingForLocks(int n) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (Jdbc.one(
                db,
                "SELECT count(*) FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0",
                rs -> rs.getInt(1))
            .orElseThrow()
        < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the requests never waited on the test's locks: "
                + Jdbc.list(
                    db,
                    "SELECT pid || ' ' || state || ' ' || coalesce(wait_event, '') || ': ' || query"
                        + " FROM pg_stat_activity WHERE backend_type = 'client backend'",
                    rs -> rs.getString(1)));
      }
      Thread.sleep(20);
    }
  }
}
