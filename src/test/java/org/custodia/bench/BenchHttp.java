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

  /** Deletes a benchmark's directory (its S3 objects and database are gigabytes). */
  static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
    if (!java.nio.file.Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
      for (java.nio.file.Path f :
          (Iterable<java.nio.file.Path>)
              files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        java.nio.file.Files.deleteIfExists(f);
      }
    }
  }

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

  /** The machine-readable last lines of a benchmark: {@code RATIO <case> <value>}. */
  static void ratio(String name, double value) {
    System.out.printf(java.util.Locale.ROOT, "RATIO %s %.3f%n", name, value);
  }
}
