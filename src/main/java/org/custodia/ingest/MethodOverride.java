package org.custodia.ingest;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * tus clients on platforms without PATCH (Java's HttpURLConnection among them) send {@code POST}
 * with {@code X-HTTP-Method-Override}; on the upload paths that header is honoured.
 */
@Singleton
class MethodOverride {
  private static final Set<String> ALLOWED = Set.of("PATCH", "DELETE", "HEAD");

  void install(@Observes Router router) {
    router
        .route()
        .order(-800)
        .handler(
            rc -> {
              String override = rc.request().getHeader("X-HTTP-Method-Override");
              if (override != null
                  && rc.request().method() == HttpMethod.POST
                  && rc.request().path().startsWith("/api/v1/uploads/")
                  && ALLOWED.contains(override.trim().toUpperCase(java.util.Locale.ROOT))) {
                rc.reroute(
                    HttpMethod.valueOf(override.trim().toUpperCase(java.util.Locale.ROOT)),
                    rc.request().uri());
                return;
              }
              rc.next();
            });
  }
}
