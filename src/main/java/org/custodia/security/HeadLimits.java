package org.custodia.security;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import org.custodia.error.ProblemMappers;
import org.custodia.error.ProblemType;

/**
 * Limits of a request's head, answered as problems: a URI above {@value #MAX_URI} characters is
 * 414, headers above {@value #MAX_HEADERS} bytes are 431. Vert.x would refuse such heads itself
 * with empty bodies (Quarkus offers no hook into its invalid-request handler), so its own limits
 * are set four times higher ({@code quarkus.http.limits.*}) and these apply first; only a head
 * beyond Vert.x's limits still gets its empty answer.
 */
@Singleton
public class HeadLimits {
  static final int MAX_URI = 4096;
  static final int MAX_HEADERS = 20 * 1024;

  void install(@Observes Router router) {
    router.route().order(-1000).handler(HeadLimits::check);
  }

  static void check(RoutingContext rc) {
    String uri = rc.request().uri();
    if (uri != null && uri.length() > MAX_URI) {
      refuse(rc, ProblemType.URI_TOO_LONG, "the URI is limited to " + MAX_URI + " characters");
      return;
    }
    long size = 0;
    for (Map.Entry<String, String> h : rc.request().headers()) {
      size += h.getKey().length() + h.getValue().length() + 4;
    }
    if (size > MAX_HEADERS) {
      refuse(
          rc,
          ProblemType.HEADERS_TOO_LARGE,
          "request headers are limited to " + MAX_HEADERS + " bytes");
      return;
    }
    rc.next();
  }

  private static void refuse(RoutingContext rc, ProblemType problem, String detail) {
    rc.response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", "application/problem+json")
        .putHeader("Connection", "close")
        .end(ProblemMappers.json(problem, detail, null));
  }
}
