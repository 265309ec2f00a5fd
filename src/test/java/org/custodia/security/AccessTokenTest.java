package org.custodia.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.custodia.config.CustodiaConfig;
import org.custodia.support.Jdbc;
import org.custodia.support.KeyFiles;
import org.custodia.testing.Api;
import org.custodia.testing.EmbeddedServicesResource;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Access tokens signed here with the service's own key (read from the test data directory), with
 * claims chosen by the test: what a correct signature cannot make acceptable. Times are chosen,
 * never waited for.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccessTokenTest {
  @Inject AgroalDataSource db;
  @Inject CustodiaConfig config;

  private KeyPair key;
  private long ttl;
  private String name;
  private UUID user;

  @BeforeEach
  void setUp() {
    name = Api.unique("tok");
    user = Api.createUser(Api.adminToken(), name, "SUPERVISOR", null);
    // the service made its key on first use (the admin's login above)
    Path file = EmbeddedServicesResource.dataDir().resolve("keys/access-token-es256.pem");
    assertThat(file).exists();
    key = KeyFiles.ecP256(file);
    ttl = config.security().tokenTtl().toSeconds();
  }

  @Test
  void a_token_signed_here_with_the_claims_the_service_gives_is_accepted() {
    long now = Instant.now().getEpochSecond();
    assertThat(status(sign(user, now, now + ttl, passwordStamp(user)))).isEqualTo(200);
  }

  @Test
  void a_token_issued_in_the_future_is_refused() throws InterruptedException {
    long later = Instant.now().getEpochSecond() + 600;
    String token = sign(user, later, later + 60, passwordStamp(user));
    long before = denials();
    assertThat(status(token)).isEqualTo(401);
    awaitDenials(before + 1);
  }

  @Test
  void a_token_living_longer_than_the_configured_lifetime_is_refused() {
    long now = Instant.now().getEpochSecond();
    assertThat(status(sign(user, now, now + ttl + 1, passwordStamp(user)))).isEqualTo(401);
    assertThat(status(sign(user, now - 10, now + ttl, passwordStamp(user)))).isEqualTo(401);
  }

  @Test
  void a_token_for_the_password_before_a_change_is_refused_even_within_the_same_second() {
    long oldStamp = passwordStamp(user);
    String fresh = Api.login(name, Api.PASSWORD);
    Api.as(fresh)
        .body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "a-brand-new-passphrase"))
        .post("/api/v1/auth/password")
        .then()
        .statusCode(200);
    long newStamp = passwordStamp(user);
    assertThat(newStamp).isGreaterThan(oldStamp);
    // issued in the very second of the change: only the password it was issued for tells them apart
    long second = Math.floorDiv(newStamp, 1_000_000L);
    assertThat(status(sign(user, second, second + 60, oldStamp))).isEqualTo(401);
    assertThat(status(sign(user, second, second + 60, newStamp))).isEqualTo(200);
  }

  /** A token without the password claim (as issued before it existed) is refused. */
  @Test
  void a_token_that_does_not_name_its_password_is_refused() {
    long now = Instant.now().getEpochSecond();
    assertThat(status(sign(user, now, now + 60, null))).isEqualTo(401);
  }

  private int status(String token) {
    return Api.as(token).get("/api/v1/auth/me").then().extract().statusCode();
  }

  /** When the user's password last changed, in microseconds since the epoch, as stored. */
  private long passwordStamp(UUID id) {
    return Jdbc.one(
            db,
            "SELECT password_changed_at FROM app_user WHERE id = ?",
            rs -> TokenService.micros(Jdbc.instant(rs, 1)),
            id)
        .orElseThrow();
  }

  private long denials() {
    return MatrixWorld.auditCount(db, "access.unauthenticated", "/api/v1/auth/me");
  }

  /** A refusal is audited like every 401, possibly just after the answer (off the event loop). */
  private void awaitDenials(long expected) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (denials() < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(denials()).isEqualTo(expected);
  }

  private String sign(UUID subject, long issuedAt, long expires, Long passwordStamp) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(config.security().issuer());
    claims.setAudience(TokenService.AUDIENCE);
    claims.setSubject(subject.toString());
    claims.setIssuedAt(NumericDate.fromSeconds(issuedAt));
    claims.setExpirationTime(NumericDate.fromSeconds(expires));
    claims.setGeneratedJwtId();
    claims.setClaim("role", "SUPERVISOR");
    if (passwordStamp != null) {
      claims.setClaim(TokenService.PASSWORD_CLAIM, passwordStamp);
    }
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key.getPrivate());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    try {
      return jws.getCompactSerialization();
    } catch (org.jose4j.lang.JoseException e) {
      throw new IllegalStateException(e);
    }
  }
}
