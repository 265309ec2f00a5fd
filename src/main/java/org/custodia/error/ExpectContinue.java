package org.custodia.error;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Holds back the answer to a request that carries {@code Expect: 100-continue} until the client has
 * moved past the interim {@code 100 Continue}.
 *
 * <p>The server sends {@code 100 Continue} as soon as such a request's head is read ({@code
 * quarkus.http.handle-100-continue-automatically}). Java's HttpURLConnection, which the tus Java
 * client and many station uploaders use, reads that interim answer through a buffer it then
 * discards: a final answer that reaches the client together with the 100 is discarded with it, and
 * the client waits for an answer that already came, forever. Any answer given before the body is
 * read can do that: the 204 to the empty PATCH the tus client sends at the end of every upload, a
 * 409 for a wrong offset, a 401 for an expired token. (Seen as one upload in a few hundred never
 * finishing under load.) That client sends body bytes only after it has read the 100, so the answer
 * waits for the first body bytes or the body's end; what is left of the body is read and discarded
 * as it comes (HTTP/1.1 needs it read before the connection carries the next request). A client
 * that never sends a body although it said it would gets its answer after {@value #WAIT_MS} ms, or
 * when its connection breaks.
 */
public class ExpectContinue {
  static final long WAIT_MS = 10_000;

  private final CurrentVertxRequest current;
  private final Vertx vertx;

  ExpectContinue(CurrentVertxRequest current, Vertx vertx) {
    this.current = current;
    this.vertx = vertx;
  }

  @ServerResponseFilter
  public Uni<Void> answerOnceTheBodyComes() {
    RoutingContext rc = current.getCurrent();
    if (rc == null || !"100-continue".equalsIgnoreCase(rc.request().getHeader("Expect"))) {
      return Uni.createFrom().voidItem();
    }
    HttpServerRequest request = rc.request();
    // body pieces and the end are delivered on the request's context: installing the handlers there
    // means none of them can slip past between the check and the handlers
    return Uni.createFrom()
        .emitter(
            emitter ->
                ((HttpServerRequestInternal) request)
                    .context()
                    .runOnContext(v -> awaitBody(request, emitter)));
  }

  private void awaitBody(HttpServerRequest request, UniEmitter<? super Void> emitter) {
    AtomicBoolean done = new AtomicBoolean();
    long[] timer = {-1};
    Runnable answer =
        () -> {
          if (done.compareAndSet(false, true)) {
            if (timer[0] >= 0) {
              vertx.cancelTimer(timer[0]);
            }
            emitter.complete(null);
          }
        };
    try {
      // the rest of the body is discarded; its first piece shows the client is past the 100
      request.handler(piece -> answer.run());
      request.exceptionHandler(failure -> answer.run());
      request.endHandler(end -> answer.run());
    } catch (IllegalStateException alreadyRead) {
      answer.run();
      return;
    }
    request.resume();
    // once flowing, "ended" is exact: the end was seen and nothing of the body waits any more
    if (request.isEnded()) {
      answer.run();
      return;
    }
    timer[0] = vertx.setTimer(WAIT_MS, id -> answer.run());
  }
}
