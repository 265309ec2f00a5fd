package org.custodia.bench;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeUnit;

/**
 * The least any HTTP relay in front of S3 can do, as a separate process for {@link MediaBench}: a
 * Vert.x server that forwards each GET's {@code Range} to a presigned URL of one object and pipes
 * the answer back, with the same client settings as the service's relay and nothing else (no
 * authentication, database, audit or JAX-RS). Its throughput is the ceiling for the service's
 * streaming on the same machine; the service's figure divided by it is what the service's own work
 * costs.
 *
 * <p>Arguments: port, S3 endpoint, access key, secret key, bucket, key.
 */
public final class BareRelay {
  private BareRelay() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    MinioClient minio =
        MinioClient.builder()
            .endpoint(args[1])
            .credentials(args[2], args[3])
            .region("us-east-1")
            .build();
    String bucket = args[4];
    String key = args[5];
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
        .createHttpServer()
        .requestHandler(
            request -> {
              String url;
              try {
                url =
                    minio.getPresignedObjectUrl(
                        GetPresignedObjectUrlArgs.builder()
                            .method(Method.GET)
                            .bucket(bucket)
                            .object(key)
                            .expiry(60, TimeUnit.SECONDS)
                            .build());
              } catch (Exception e) {
                request.response().setStatusCode(500).end();
                return;
              }
              RequestOptions get = new RequestOptions().setMethod(HttpMethod.GET);
              get.setAbsoluteURI(url).putHeader("Range", request.getHeader("Range"));
              client
                  .request(get)
                  .compose(r -> r.send())
                  .onSuccess(
                      in -> {
                        request
                            .response()
                            .setStatusCode(in.statusCode())
                            .putHeader("Content-Length", in.getHeader("Content-Length"))
                            .setWriteQueueMaxSize(256 * 1024);
                        in.pipeTo(request.response());
                      })
                  .onFailure(e -> request.response().setStatusCode(502).end());
            })
        .listen(port)
        .toCompletionStage()
        .toCompletableFuture()
        .get();
    System.out.println("bare relay listening on " + port);
  }
}
