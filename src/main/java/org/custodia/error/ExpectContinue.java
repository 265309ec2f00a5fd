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
 * Answers a request that carries {@code Expect: 100-continue} only once its body has arrived.
 *
 * <p>The server sends {@code 100 Continue} as soon as such a request's head is read ({@code
 * quarkus.http.handle-100-continue-automatically}). Java's HttpURLConnection, which the tus Java
 * client and many station uploaders use, reads that interim answer through a buffer it then
 * discards: a final answer that reaches the client together with the 100 is discarded with it, and
 * the client waits for an answer that already came, forever. Any answer given before the body is
 * read can do that: the 204 to the empty PATCH the tus client sends at the end of every upload, a
 * 409 for a wrong offset, a 401 for an expired token. (Seen as one upload in a few hundred never
 * finishing under load.) So before such an answer is written, the rest of the body is read and
 * discarded; the client sends it anyway once it has the 100, and HTTP/1.1 needs it read before the
 * connection can carry the next request. A body that stops arriving for {@value #IDLE_MS} ms, or a
 * connection that breaks, no longer holds the answer back.
 */
public class ExpectContinue {
  static final long IDLE_MS = 30_000;

  private final CurrentVertxRequest current;
  private final Vertx vertx;

  ExpectContinue(CurrentVertxRequest current, Vertx vertx) {
    this.current = current;
    this.vertx = vertx;
  }

  @ServerResponseFilter
  public Uni<Void> answerAfterBody() {
    RoutingContext rc = current.getCurrent();
    if (rc == null || !"100-continue".equalsIgnoreCase(rc.request().getHeader("Expect"))) {
      return Uni.createFrom().voidItem();
    }
    HttpServerRequest request = rc.request();
    // body pieces and the end are delivered on the request's context: installing the drain there
    // means none of them can slip past between the check and the handlers
    return Uni.createFrom()
        .emitter(
            emitter ->
                ((HttpServerRequestInternal) request)
                    .context()
                    .runOnContext(v -> drain(request, emitter)));
  }

  private void drain(HttpServerRequest request, UniEmitter<? super Void> emitter) {
    AtomicBoolean done = new AtomicBoolean();
    long[] lastPiece = {System.nanoTime()};
    long[] timer = {-1};
    Runnable finish =
        () -> {
          if (done.compareAndSet(false, true)) {
            if (timer[0] >= 0) {
              vertx.cancelTimer(timer[0]);
            }
            emitter.complete(null);
          }
        };
    try {
      request.handler(piece -> lastPiece[0] = System.nanoTime());
      request.exceptionHandler(failure -> finish.run());
      request.endHandler(end -> finish.run());
    } catch (IllegalStateException alreadyRead) {
      finish.run();
      return;
    }
    request.resume();
    // once flowing, "ended" is exact: the end was seen and nothing of the body waits any more
    if (request.isEnded()) {
      finish.run();
      return;
    }
    timer[0] =
        vertx.setPeriodic(
            IDLE_MS / 6,
            id -> {
              if (System.nanoTime() - lastPiece[0] > IDLE_MS * 1_000_000) {
                finish.run();
              }
            });
  }
}
