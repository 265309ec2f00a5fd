package org.custodia.security;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.custodia.error.ProblemMappers;
import org.custodia.error.ProblemType;

/**
 * The HTTP body limit is lifted for tus uploads (PATCH bodies of many GB stream to disk); every
 * other request declaring a body above 1 MiB is refused before it is read (registry JSON is a few
 * KiB; the bound also caps what a body read ahead on the event loop holds in memory).
 */
@Singleton
public class BodyLimits {
  static final long MAX_OTHER_BODY = 1024 * 1024;

  void install(@Observes Router router) {
    router
        .route()
        .order(-900)
        .handler(
            rc -> {
              String length = rc.request().getHeader("Content-Length");
              if (length != null && !rc.request().path().startsWith("/api/v1/uploads")) {
                long n;
                try {
                  n = Long.parseLong(length.trim());
                } catch (NumberFormatException e) {
                  n = Long.MAX_VALUE;
                }
                if (n > MAX_OTHER_BODY) {
                  rc.response()
                      .setStatusCode(413)
                      .putHeader("Content-Type", "application/problem+json")
                      .putHeader("Connection", "close")
                      .end(
                          ProblemMappers.json(
                              ProblemType.BODY_TOO_LARGE,
                              "request bodies are limited to 1 MiB",
                              null));
                  return;
                }
              }
              rc.next();
            });
  }
}
