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

  /** The full name of the bucket whose name ends with {@code role}. */
  static String bucket(io.minio.MinioClient sdk, String role) throws Exception {
    for (io.minio.messages.Bucket b : sdk.listBuckets()) {
      if (b.name().endsWith(role)) {
        return b.name();
      }
    }
    throw new IllegalStateException("no " + role + " bucket");
  }

  /** Each record's object key, version and size, as the service's jobs read them. */
  static java.util.List<String[]> objects(
      java.util.Map<String, String> settings, java.util.List<java.util.UUID> records)
      throws Exception {
    java.util.List<String[]> out = new java.util.ArrayList<>();
    try (java.sql.Connection db =
        java.sql.DriverManager.getConnection(
            settings.get("quarkus.datasource.jdbc.url"),
            settings.get("quarkus.datasource.username"),
            settings.get("quarkus.datasource.password"))) {
      for (java.util.UUID id : records) {
        try (java.sql.PreparedStatement s =
            db.prepareStatement(
                "SELECT object_key, object_version, size FROM evidence WHERE id = ?")) {
          s.setObject(1, id);
          try (java.sql.ResultSet rs = s.executeQuery()) {
            rs.next();
            out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
          }
        }
      }
    }
    return out;
  }
}
