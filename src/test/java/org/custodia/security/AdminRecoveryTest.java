package org.custodia.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custodia.testing.Api;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/admin-recover} ({@link AdminRecovery}) on the test database, then the real API.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AdminRecoveryTest {
  @Inject AgroalDataSource db;

  private record Run(int exit, String out, String err) {
    String password() {
      Matcher m = Pattern.compile("(?m)^password: (\\S+)$").matcher(out);
      assertThat(m.find()).as("a password line in: " + out).isTrue();
      return m.group(1);
    }
  }

  private static Run recover(String... extra) {
    var config = ConfigProvider.getConfig();
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--url",
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                "--user",
                config.getValue("quarkus.datasource.username", String.class),
                "--password",
                config.getValue("quarkus.datasource.password", String.class)));
    args.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        AdminRecovery.run(
            args.toArray(String[]::new),
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void recovery_makes_a_disabled_demoted_admin_an_admin_again_with_a_new_password() {
    String admin = Api.adminToken();
    String name = Api.unique("rec");
    UUID id = Api.createUser(admin, name, "ADMIN", null);
    String oldToken = Api.login(name, Api.PASSWORD);
    Api.as(admin)
        .body(Map.of("role", "SUPERVISOR"))
        .patch("/api/v1/users/" + id)
        .then()
        .statusCode(200);
    Api.as(admin)
        .body(Map.of("enabled", false))
        .patch("/api/v1/users/" + id)
        .then()
        .statusCode(200);
    long before = MatrixWorld.auditCount(db, "user.recovered", id.toString());

    Run run = recover("--username", name);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("'" + name + "' restored");
    String token = Api.login(name, run.password());
    Api.as(token).get("/api/v1/auth/me").then().statusCode(200).body("role", equalTo("ADMIN"));
    Api.as(oldToken).get("/api/v1/auth/me").then().statusCode(401);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", name, "password", Api.PASSWORD))
        .post("/api/v1/auth/login")
        .then()
        .statusCode(401);
    assertThat(MatrixWorld.auditCount(db, "user.recovered", id.toString())).isEqualTo(before + 1);
  }

  @Test
  void with_no_enabled_admin_left_recovery_gives_back_the_power_to_manage_accounts()
      throws Exception {
    String name = Api.unique("rescue");
    EnabledAdmins.only(
        db,
        List.of(),
        () -> {
          Run run = recover("--username", name);
          assertThat(run.exit()).as(run.err()).isZero();
          assertThat(run.out()).contains("'" + name + "' created");
          String token = Api.login(name, run.password());
          Api.as(token)
              .get("/api/v1/auth/me")
              .then()
              .statusCode(200)
              .body("role", equalTo("ADMIN"));
          // an administrator again: may create accounts
          Api.createUser(token, Api.unique("after"), "SUPERVISOR", null);
        });
  }

  @Test
  void recovery_refuses_a_bad_username_and_a_missing_database_and_changes_nothing() {
    Run bad = recover("--username", "not a name");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("not a valid username");

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        AdminRecovery.run(
            new String[] {"--data-dir", "target/no-such-data-dir"},
            Map.of(),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no database");
    Api.adminToken();
  }
}
