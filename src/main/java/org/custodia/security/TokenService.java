package org.custodia.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.custodia.config.CustodiaConfig;
import org.custodia.keys.KeyStoreFile;
import org.custodia.keys.ServiceKeys;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;

/**
 * Access tokens: ES256 JWTs signed with a key generated into {@code <data-dir>/keys/} on first
 * start. Each names the password it was issued for ({@value #PASSWORD_CLAIM}: when that password
 * was set, as stored), so a password change ends every earlier token however close in time. The
 * service verifies only tokens it issued itself: one issued in the future (beyond {@value
 * #ISSUED_AT_SKEW_SECONDS} s of clock difference between instances) or living longer than the
 * configured lifetime is forged or broken, and refused. Station tokens: 256 random bits, shown
 * once, stored only as their SHA-256.
 */
@ApplicationScoped
public class TokenService {
  public static final String AUDIENCE = "custodia-api";
  public static final String STATION_TOKEN_PREFIX = "cst_";
  private static final int VERIFIED_CAPACITY = 10_000;

  /** The claim naming the password a token was issued for: when it was set, in epoch µs. */
  public static final String PASSWORD_CLAIM = "pwc";

  /** How far in the future a token's issue time may lie (clocks of instances differ a little). */
  static final long ISSUED_AT_SKEW_SECONDS = 5;

  private final KeyPair keys;
  private final String keyId;
  private final String issuer;
  private final long ttlSeconds;
  private final JwtConsumer consumer;
  private final SecureRandom random = new SecureRandom();

  /** Tokens whose signature and claims verified, until they expire; cleared when full. */
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  @jakarta.inject.Inject
  TokenService(CustodiaConfig config, ServiceKeys keys) {
    this(
        keys.ecP256(KeyStoreFile.ACCESS_TOKEN, "access-token-es256.pem"),
        config.security().issuer(),
        config.security().tokenTtl().toSeconds());
  }

  /** Over a given ES256 key pair (shared by every instance that signs and checks tokens). */
  TokenService(KeyPair keys, String issuer, long ttlSeconds) {
    this.keys = keys;
    this.keyId = HexFormat.of().formatHex(sha256(keys.getPublic().getEncoded()), 0, 8);
    this.issuer = issuer;
    this.ttlSeconds = ttlSeconds;
    this.consumer =
        new JwtConsumerBuilder()
            .setRequireExpirationTime()
            .setRequireIssuedAt()
            .setRequireSubject()
            .setAllowedClockSkewInSeconds(30)
            .setExpectedIssuer(issuer)
            .setExpectedAudience(AUDIENCE)
            .setVerificationKey(keys.getPublic())
            .setJwsAlgorithmConstraints(
                AlgorithmConstraints.ConstraintType.PERMIT,
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
            .build();
  }

  public record AccessToken(String token, long expiresIn) {}

  /**
   * Claims of a verified access token; {@code passwordStamp} is the {@value #PASSWORD_CLAIM} claim,
   * to be compared with the account's password as stored now.
   */
  public record Verified(UUID userId, Instant issuedAt, Instant expiresAt, long passwordStamp) {
    /** Whether the token was issued for {@code user}'s current password. */
    public boolean forCurrentPassword(User user) {
      return user.id().equals(userId) && passwordStamp == micros(user.passwordChangedAt());
    }
  }

  /** A token for {@code user} (as read from the database) with the configured lifetime. */
  public AccessToken issue(User user) {
    return issue(user, ttlSeconds);
  }

  AccessToken issue(User user, long lifetimeSeconds) {
    long now = Instant.now().getEpochSecond();
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(issuer);
    claims.setAudience(AUDIENCE);
    claims.setSubject(user.id().toString());
    claims.setIssuedAt(NumericDate.fromSeconds(now));
    claims.setExpirationTime(NumericDate.fromSeconds(now + lifetimeSeconds));
    claims.setGeneratedJwtId();
    claims.setClaim("role", user.role().name());
    claims.setClaim(PASSWORD_CLAIM, micros(user.passwordChangedAt()));
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(keys.getPrivate());
    jws.setKeyIdHeaderValue(keyId);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    try {
      return new AccessToken(jws.getCompactSerialization(), lifetimeSeconds);
    } catch (JoseException e) {
      throw new IllegalStateException("cannot sign access token", e);
    }
  }

  /**
   * Verifies signature, issuer, audience, expiry, issue time (not in the future), lifetime (not
   * above the configured one) and that the token names its password; null when the token is not
   * acceptable.
   *
   * <p>A token that verified is remembered until it expires: the signature check (ECDSA P-256,
   * about a third of a millisecond) would otherwise run on every request, and a video player makes
   * many. What the check proves depends only on the token's bytes and our key, so remembering it
   * loses nothing; expiry is still checked on every use, and the account checks that follow
   * (enabled, password not changed since) are not cached.
   */
  public Verified verify(String token) {
    Verified known = verified.get(token);
    if (known != null) {
      if (Instant.now().isBefore(known.expiresAt())) {
        return known;
      }
      verified.remove(token);
    }
    try {
      JwtClaims claims = consumer.processToClaims(token);
      long issuedAt = claims.getIssuedAt().getValue();
      long expiresAt = claims.getExpirationTime().getValue();
      Long password = claims.getClaimValue(PASSWORD_CLAIM, Long.class);
      if (issuedAt > Instant.now().getEpochSecond() + ISSUED_AT_SKEW_SECONDS
          || expiresAt - issuedAt > ttlSeconds
          || password == null) {
        return null;
      }
      Verified v =
          new Verified(
              UUID.fromString(claims.getSubject()),
              Instant.ofEpochSecond(issuedAt),
              Instant.ofEpochSecond(expiresAt),
              password);
      if (verified.size() >= VERIFIED_CAPACITY) {
        verified.clear();
      }
      verified.put(token, v);
      return v;
    } catch (InvalidJwtException | MalformedClaimException | IllegalArgumentException e) {
      return null;
    }
  }

  /** A new station token: prefix + 256 random bits, base64url. */
  public String newStationToken() {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return STATION_TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** {@code t} in microseconds since the epoch (the precision PostgreSQL stores). */
  public static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
