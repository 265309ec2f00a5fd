package org.custodia.security;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every HTTP request an id (a well-formed {@code X-Request-Id} from the client, else a new
 * one), echoes it in the response and puts it in the logging context and the audit events.
 */
@Singleton
public class RequestIds {
  public static final String HEADER = "X-Request-Id";
  static final String KEY = "custodia.requestId";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

  void install(@Observes Router router) {
    router
        .route()
        .order(-1_000)
        .handler(
            rc -> {
              String given = rc.request().getHeader(HEADER);
              String id =
                  given != null && SAFE.matcher(given).matches()
                      ? given
                      : UUID.randomUUID().toString();
              rc.put(KEY, id);
              rc.response().putHeader(HEADER, id);
              MDC.put("requestId", id);
              rc.addEndHandler(v -> MDC.remove("requestId"));
              rc.next();
            });
  }
}
