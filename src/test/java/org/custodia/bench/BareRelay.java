package org.custodia.bench;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Set;

/**
 * The least any HTTP service in front of S3 can do, as a separate process for the benchmarks: a
 * Vert.x server that forwards every request to the S3 server as it is (method, path, headers with
 * {@code Host}, so SigV4 signatures still verify; the body streamed both ways with back-pressure)
 * and nothing else: no authentication, database, hashing, spool, audit or JAX-RS. An S3 client
 * pointed at it instead of at S3 measures the cost of one extra hop on this machine, which is the
 * ceiling for any relay, the service included; the service's figure divided by it is what the
 * service's own work costs. Buffer settings match the service's (64 KiB request pieces, 256 KiB
 * response pieces).
 *
 * <p>Arguments: port, S3 endpoint URL.
 */
public final class BareRelay {
  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "keep-alive", "transfer-encoding", "te", "upgrade", "trailer");

  private BareRelay() {}

  /** Starts the relay in a child JVM in front of {@code s3Endpoint} and waits until it listens. */
  static Handle start(String s3Endpoint) throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process process =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                BareRelay.class.getName(),
                String.valueOf(port),
                s3Endpoint)
            .redirectErrorStream(true)
            .redirectOutput(java.nio.file.Path.of("target", "bare-relay.log").toFile())
            .start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
        return new Handle(process, "http://127.0.0.1:" + port);
      } catch (java.io.IOException e) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          process.destroy();
          throw new IllegalStateException("bare relay did not start", e);
        }
        Thread.sleep(200);
      }
    }
  }

  /** A running relay: its endpoint, to use in place of the S3 endpoint; close stops it. */
  record Handle(Process process, String endpoint) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      process.destroy();
      process.waitFor();
    }
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    URI s3 = URI.create(args[1]);
    Vertx vertx = Vertx.vertx();
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setMaxChunkSize(256 * 1024)
                .setReceiveBufferSize(1 << 20),
            new PoolOptions().setHttp1MaxSize(128));
    vertx
        .createHttpServer(new HttpServerOptions().setMaxChunkSize(64 * 1024))
        .requestHandler(request -> forward(request, client, s3))
        .listen(port)
        .toCompletionStage()
        .toCompletableFuture()
        .get();
    System.out.println("bare relay listening on " + port);
  }

  private static void forward(HttpServerRequest request, HttpClient client, URI s3) {
    request.pause();
    RequestOptions options =
        new RequestOptions()
            .setMethod(request.method())
            .setHost(s3.getHost())
            .setPort(s3.getPort())
            .setURI(request.uri())
            .setHeaders(withoutHopByHop(request.headers()));
    client
        .request(options)
        .onFailure(
            e -> {
              System.out.println("cannot reach S3: " + e);
              request.response().setStatusCode(502).end();
            })
        .onSuccess(
            outbound -> {
              outbound
                  .response()
                  .onFailure(
                      e -> {
                        System.out.println("S3 did not answer: " + e);
                        request.connection().close();
                      })
                  .onSuccess(
                      answer -> {
                        request.response().setStatusCode(answer.statusCode());
                        request.response().headers().setAll(withoutHopByHop(answer.headers()));
                        request.response().setWriteQueueMaxSize(256 * 1024);
                        if (answer.getHeader("Content-Length") == null) {
                          request.response().setChunked(true);
                        }
                        answer.pipeTo(request.response());
                      });
              if (request.getHeader("Content-Length") == null) {
                outbound.setChunked(true);
              }
              request.pipeTo(outbound);
            });
  }

  private static MultiMap withoutHopByHop(MultiMap headers) {
    MultiMap copy = MultiMap.caseInsensitiveMultiMap();
    headers.forEach(
        (name, value) -> {
          if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            copy.add(name, value);
          }
        });
    return copy;
  }
}
