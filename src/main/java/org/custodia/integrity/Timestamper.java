package org.custodia.integrity;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Obtains RFC 3161 tokens: from an external TSA when one is configured (HTTP POST of {@code
 * application/timestamp-query}), falling back to the built-in one unless the fallback is off. Every
 * response is checked against its request (imprint, nonce, status) before it is used.
 */
final class Timestamper {
  static final String BUILT_IN = "built-in";

  /** Stamps the built-in authority gave because the external one failed (metrics). */
  static final java.util.concurrent.atomic.AtomicLong FALLBACKS =
      new java.util.concurrent.atomic.AtomicLong();

  /** Failed requests to the external authority (metrics). */
  static final java.util.concurrent.atomic.AtomicLong EXTERNAL_FAILURES =
      new java.util.concurrent.atomic.AtomicLong();

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A token and which authority issued it ({@code built-in} or the external URL). */
  record Stamp(byte[] token, String authority) {}

  private final TimeStampAuthority builtIn;
  private final HttpClient http;
  private volatile URI external;
  private volatile boolean fallback;
  private final Duration timeout;

  Timestamper(TimeStampAuthority builtIn, URI external, boolean fallback, Duration timeout) {
    this.builtIn = builtIn;
    this.external = external;
    this.fallback = fallback;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Changes the external TSA at run time (operations, and the outage test). */
  void reconfigure(URI external, boolean fallback) {
    this.external = external;
    this.fallback = fallback;
  }

  URI external() {
    return external;
  }

  boolean fallback() {
    return fallback;
  }

  /** A token over SHA-256({@code data}). */
  Stamp stamp(byte[] data) {
    byte[] imprint = sha256(data);
    BigInteger nonce = new BigInteger(63, RANDOM);
    TimeStampRequestGenerator g = new TimeStampRequestGenerator();
    g.setCertReq(true);
    TimeStampRequest request = g.generate(TSPAlgorithms.SHA256, imprint, nonce);
    URI url = external;
    if (url != null) {
      try {
        return new Stamp(checked(request, remote(url, request)), url.toString());
      } catch (RuntimeException e) {
        EXTERNAL_FAILURES.incrementAndGet();
        if (!fallback) {
          throw new TimestampUnavailableException(
              "external TSA " + url + " failed: " + e.getMessage(), e);
        }
      }
    }
    if (url != null) {
      FALLBACKS.incrementAndGet();
    }
    return new Stamp(checked(request, builtIn.respond(request)), BUILT_IN);
  }

  private TimeStampResponse remote(URI url, TimeStampRequest request) {
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(url)
                  .timeout(timeout)
                  .header("Content-Type", "application/timestamp-query")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("HTTP " + response.statusCode());
      }
      return new TimeStampResponse(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (IOException | org.bouncycastle.tsp.TSPException e) {
      throw new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
  }

  private static byte[] checked(TimeStampRequest request, TimeStampResponse response) {
    try {
      response.validate(request);
      TimeStampToken token = response.getTimeStampToken();
      if (token == null) {
        throw new IllegalStateException(
            "TSA refused: " + response.getStatusString() + " (" + response.getStatus() + ")");
      }
      return token.getEncoded();
    } catch (IOException | org.bouncycastle.tsp.TSPException e) {
      throw new IllegalStateException("invalid TSA response: " + e.getMessage(), e);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** No TSA could stamp. */
  static final class TimestampUnavailableException extends RuntimeException {
    TimestampUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
