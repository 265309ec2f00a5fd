package org.custodia.review;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.ServerSerialisers;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Writes {@link RelayedBytes} on the event loop: waits for the store's answer (a failure before the
 * status line is sent becomes the usual problem response), then passes the store's buffers to the
 * client as they arrive, pausing the store while the client's write queue is full. If either side
 * fails midway, both connections are closed: the client sees fewer bytes than its {@code
 * Content-Length} says, never a response that looks complete.
 */
@Provider
public class RelayedBytesWriter implements ServerMessageBodyWriter<RelayedBytes> {
  private static final Logger LOG = Logger.getLogger(RelayedBytesWriter.class);
  private static final int WRITE_QUEUE = 256 * 1024;

  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
    return RelayedBytes.class.equals(type);
  }

  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return RelayedBytes.class.equals(type);
  }

  @Override
  public void writeResponse(RelayedBytes body, Type genericType, ServerRequestContext context) {
    ResteasyReactiveRequestContext ctx = (ResteasyReactiveRequestContext) context;
    HttpServerRequest request = ctx.serverRequest().unwrap(HttpServerRequest.class);
    HttpServerResponse out = ctx.serverRequest().unwrap(HttpServerResponse.class);
    ctx.suspend();
    // on the connection's event loop, the store's response handler runs before its body arrives
    ((HttpServerRequestInternal) request).context().runOnContext(start -> start(body, out, ctx));
  }

  private static void start(
      RelayedBytes body, HttpServerResponse out, ResteasyReactiveRequestContext ctx) {
    Future<HttpClientResponse> opening;
    try {
      opening = body.open().get();
    } catch (RuntimeException e) {
      ctx.resume(e); // never leave the request suspended
      return;
    }
    opening.onComplete(
        opened -> {
          if (opened.failed()) {
            ctx.resume(opened.cause());
          } else {
            // Vert.x wants Content-Length before the first write, not at commit
            ctx.serverResponse().setPreCommitListener(null);
            ServerSerialisers.encodeResponseHeaders(ctx);
            relay(opened.result(), out, ctx);
          }
        });
  }

  private static void relay(
      HttpClientResponse in, HttpServerResponse out, ResteasyReactiveRequestContext ctx) {
    AtomicBoolean done = new AtomicBoolean();
    Runnable abort =
        () -> {
          if (done.compareAndSet(false, true)) {
            in.request().reset();
            if (!out.ended()) {
              ctx.serverRequest().unwrap(HttpServerRequest.class).connection().close();
            }
            ctx.resume();
          }
        };
    ctx.serverResponse().addCloseHandler(abort);
    in.exceptionHandler(
        e -> {
          if (!done.get()) {
            LOG.warnf("object store stream broke off: %s", e.toString());
          }
          abort.run();
        });
    out.setWriteQueueMaxSize(WRITE_QUEUE);
    in.handler(
        buffer -> {
          out.write(buffer).onFailure(e -> abort.run());
          if (out.writeQueueFull()) {
            in.pause();
            out.drainHandler(v -> in.resume());
          }
        });
    in.endHandler(
        v -> {
          if (done.compareAndSet(false, true)) {
            out.end();
            ctx.resume();
          }
        });
    in.resume();
  }

  @Override
  public void writeTo(
      RelayedBytes body,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      jakarta.ws.rs.core.MultivaluedMap<String, Object> headers,
      OutputStream entityStream) {
    throw new UnsupportedOperationException("relayed bytes are written on the event loop only");
  }
}
