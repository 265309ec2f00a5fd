package org.custodia.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.custodia.error.ProblemMappers;
import org.custodia.error.ProblemType;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Bounds what a slow client can hold. RESTEasy reads the body of a blocking resource method (all of
 * ours) on the worker thread, so a client trickling a login body held a worker for as long as it
 * liked, and some 200 of them froze the service, health checks included. Request bodies other than
 * tus uploads (JSON of a few KiB, at most {@link BodyLimits#MAX_OTHER_BODY}) are therefore read
 * whole here, on the event loop, before the request goes on to a worker. While it arrives such a
 * body
 *
 * <ul>
 *   <li>must be complete within {@code custodia.http.body-timeout} of the request head, else the
 *       answer is 408 and the connection is closed;
 *   <li>counts against its client address, which may have at most {@code
 *       custodia.http.max-pending-bodies-per-address} bodies arriving at once; one more is answered
 *       429 and its connection closed;
 *   <li>may not grow beyond {@link BodyLimits#MAX_OTHER_BODY} (413; a declared larger length is
 *       refused earlier by {@link BodyLimits}).
 * </ul>
 *
 * tus uploads are left alone: their bodies stream to disk as they come, may take hours, and are cut
 * only when the connection goes idle ({@code quarkus.http.idle-timeout}). A client that hangs up
 * before its body is complete is one debug line. Log lines name the request, never the client
 * address.
 */
@Singleton
public class SlowClients {
  private static final Logger LOG = Logger.getLogger(SlowClients.class);
  private static final String HANDLED = "custodia.slowClients";
  private static final String UPLOADS = "/api/v1/uploads";

  /** Limits on request bodies while they arrive ({@code custodia.http.*}). */
  @ConfigMapping(prefix = "custodia.http")
  public interface Config {
    /**
     * Time from a request's head to the end of its body (tus uploads aside); a body not complete by
     * then is answered 408 and its connection closed.
     */
    @WithDefault("30s")
    Duration bodyTimeout();

    /**
     * Requests from one client address whose body (tus uploads aside) is still arriving; one more
     * is answered 429. 0: no limit. Behind a reverse proxy that passes bodies on unbuffered, enable
     * {@code quarkus.http.proxy.proxy-address-forwarding} or every client shares its address.
     */
    @WithDefault("32")
    int maxPendingBodiesPerAddress();
  }

  private final Config config;
  private final ConcurrentHashMap<String, Integer> pending = new ConcurrentHashMap<>();
  private final Counter refused;
  private final Counter timedOut;
  private final Counter abandoned;

  SlowClients(Config config, MeterRegistry metrics) {
    this.config = config;
    refused = cut(metrics, "too-many-pending");
    timedOut = cut(metrics, "timed-out");
    abandoned = cut(metrics, "client-gone");
  }

  private static Counter cut(MeterRegistry metrics, String outcome) {
    return Counter.builder("custodia.http.bodies.cut")
        .description("request bodies not read to their end, by outcome")
        .tag("outcome", outcome)
        .register(metrics);
  }

  void install(@Observes Router router) {
    // after BodyLimits (-900), which refuses a declared oversized body before anything is read
    router.route().order(-850).handler(this::handle);
  }

  private void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    if (rc.get(HANDLED) != null || request.isEnded() || !hasBody(request) || isUpload(rc)) {
      rc.next();
      return;
    }
    rc.put(HANDLED, Boolean.TRUE);
    String address =
        request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    if (!admit(address)) {
      refused.increment();
      LOG.debugf(
          "%s %s refused: too many bodies still arriving from its address",
          request.method(), rc.normalizedPath());
      answer(
          rc,
          ProblemType.TOO_MANY_PENDING,
          "too many requests from this address are still sending their body; retry later");
      return;
    }
    new PendingBody(rc, address).start();
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    if (length != null) {
      return !"0".equals(length.trim());
    }
    return request.getHeader("Transfer-Encoding") != null
        || request.version() == HttpVersion.HTTP_2;
  }

  private static boolean isUpload(RoutingContext rc) {
    String path = rc.normalizedPath();
    return path.equals(UPLOADS) || path.startsWith(UPLOADS + "/");
  }

  private boolean admit(String address) {
    int max = config.maxPendingBodiesPerAddress();
    if (max <= 0) {
      return true;
    }
    boolean[] admitted = {false};
    pending.compute(
        address,
        (a, n) -> {
          int count = n == null ? 0 : n;
          if (count >= max) {
            return n;
          }
          admitted[0] = true;
          return count + 1;
        });
    return admitted[0];
  }

  private void release(String address) {
    if (config.maxPendingBodiesPerAddress() > 0) {
      pending.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }
  }

  /** A body being read; every callback runs on the request's event loop. */
  private final class PendingBody {
    private final RoutingContext rc;
    private final String address;
    private final String requestId;
    private final Buffer body = Buffer.buffer();
    private long timer = -1;
    private boolean done;

    PendingBody(RoutingContext rc, String address) {
      this.rc = rc;
      this.address = address;
      Object id = rc.get(RequestIds.KEY);
      this.requestId = id == null ? null : id.toString();
    }

    void start() {
      HttpServerRequest request = rc.request();
      timer = rc.vertx().setTimer(config.bodyTimeout().toMillis(), id -> timedOut());
      request.handler(this::piece);
      request.exceptionHandler(this::broken);
      request.endHandler(v -> complete());
      request.resume();
      if (!done && rc.response().closed()) {
        // the connection closed before the handlers were in place
        broken(new HttpClosedException("Connection was closed"));
      }
    }

    private void piece(Buffer piece) {
      if (done) {
        return;
      }
      if (body.length() + (long) piece.length() > BodyLimits.MAX_OTHER_BODY) {
        finish();
        answer(rc, ProblemType.BODY_TOO_LARGE, "request bodies are limited to 1 MiB");
        return;
      }
      body.appendBuffer(piece);
    }

    private void complete() {
      if (done) {
        return;
      }
      finish();
      rc.setBody(body);
      rc.next();
    }

    private void broken(Throwable failure) {
      if (done) {
        return;
      }
      finish();
      abandoned.increment();
      log(
          Logger.Level.DEBUG,
          "%s %s: the body broke off after %d bytes, the client went away (%s)",
          failure.getClass().getSimpleName());
      close(rc);
    }

    private void timedOut() {
      if (done) {
        return;
      }
      finish();
      timedOut.increment();
      log(
          Logger.Level.INFO,
          "%s %s: body not complete after %d bytes and %s; answered 408, connection closed",
          config.bodyTimeout());
      answer(
          rc,
          ProblemType.BODY_TIMEOUT,
          "the request body did not arrive within " + config.bodyTimeout().toSeconds() + " s");
    }

    private void finish() {
      done = true;
      if (timer >= 0) {
        rc.vertx().cancelTimer(timer);
      }
      release(address);
    }

    private void log(Logger.Level level, String format, Object last) {
      if (!LOG.isEnabled(level)) {
        return;
      }
      Object before = MDC.get("requestId");
      if (requestId != null) {
        MDC.put("requestId", requestId);
      }
      try {
        LOG.logf(level, format, rc.request().method(), rc.normalizedPath(), body.length(), last);
      } finally {
        if (before == null) {
          MDC.remove("requestId");
        } else {
          MDC.put("requestId", before);
        }
      }
    }
  }

  /** Answers with a problem and closes the connection (the rest of the body is never read). */
  private static void answer(RoutingContext rc, ProblemType problem, String detail) {
    HttpServerResponse response = rc.response();
    if (response.ended() || response.closed() || response.headWritten()) {
      close(rc);
      return;
    }
    response
        .setStatusCode(problem.status())
        .putHeader("Content-Type", "application/problem+json")
        .putHeader("Connection", "close");
    problem
        .retryAfterSeconds()
        .ifPresent(seconds -> response.putHeader("Retry-After", String.valueOf(seconds)));
    response.end(ProblemMappers.json(problem, detail, null)).onComplete(ignored -> close(rc));
  }

  private static void close(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    if (request.version() == HttpVersion.HTTP_2) {
      if (!rc.response().closed()) {
        rc.response().reset();
      }
    } else {
      request.connection().close();
    }
  }
}
