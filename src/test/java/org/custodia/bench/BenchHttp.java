package org.custodia.bench;

import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The HTTP client of the benchmarks' direct S3 baselines: OkHttp's defaults (5 requests per host at
 * once, 5 idle connections) would throttle the baseline below what the service gets, whose client
 * allows {@code custodia.s3.max-connections}.
 */
final class BenchHttp {
  private BenchHttp() {}

  static OkHttpClient unthrottled() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(128);
    dispatcher.setMaxRequestsPerHost(128);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(128, 5, TimeUnit.MINUTES))
        .readTimeout(5, TimeUnit.MINUTES)
        .writeTimeout(5, TimeUnit.MINUTES)
        .build();
  }
}
