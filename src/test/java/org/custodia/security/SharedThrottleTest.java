package org.custodia.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.custodia.config.CustodiaConfig;
import org.custodia.support.Jdbc;
import org.custodia.support.KeyFiles;
import org.custodia.testing.Api;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The running service and a second instance — a {@link LoginThrottle} of its own, with the key file
 * of the shared data directory and the service's limits — count one user's failures together.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SharedThrottleTest {
  @Inject LoginThrottleRepository counts;
  @Inject CustodiaConfig config;
  @Inject AgroalDataSource db;

  private byte[] sharedKey() {
    return KeyFiles.secret(
        Path.of(config.dataDir(), "keys", "login-throttle-hmac.key"), LoginThrottle.KEY_BYTES);
  }

  private static ValidatableResponse login(String name, String password, int status) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", name, "password", password))
        .post("/api/v1/auth/login")
        .then()
        .statusCode(status);
  }

  /** The address the service saw the test's requests come from: the one its row is keyed by. */
  private String addressOfFailuresOf(String name) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(sharedKey(), "HmacSHA256"));
    List<String> seen =
        List.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1").stream()
            .filter(
                a ->
                    Jdbc.one(
                            db,
                            "SELECT 1 FROM login_throttle WHERE key = ?",
                            rs -> rs.getInt(1),
                            mac.doFinal(("u:" + name + "|" + a).getBytes(StandardCharsets.UTF_8)))
                        .isPresent())
            .toList();
    assertThat(seen).as("the service's row of the user at the test's address").hasSize(1);
    return seen.get(0);
  }

  @Test
  void failures_on_the_service_and_on_a_second_instance_add_up_to_one_limit() throws Exception {
    String admin = Api.adminToken();
    String name = Api.unique("shared-throttle");
    Api.createUser(admin, name, "SUPERVISOR", null);
    CustodiaConfig.Security.Login limits = config.security().login();
    LoginThrottle second =
        new LoginThrottle(
            counts,
            sharedKey(),
            limits.maxFailures(),
            limits.maxFailuresPerAddress(),
            limits.window());
    login(name, "not-the-password", 401);
    login(name, "not-the-password", 401);
    String address = addressOfFailuresOf(name);
    // the rest of the limit (5) used up on the second instance
    for (int i = 2; i < limits.maxFailures(); i++) {
      assertThat(second.begin(name, address).allowed()).as("attempt " + i).isTrue();
    }
    // the right password now meets the limit the two instances used up together
    login(name, Api.PASSWORD, 429)
        .header("Retry-After", notNullValue())
        .body("type", equalTo("https://custodia.example/problems/too-many-attempts"));
    assertThat(second.begin(name, address).allowed()).isFalse();
  }
}
