package org.custodia.testing;

import io.minio.MinioClient;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A plain MinIO client with the store's own credentials (the service's), bypassing the service:
 * what an administrator of the store, or someone holding its keys, can do.
 */
public final class RawS3 {
  private RawS3() {}

  /**
   * @param interceptors added to the HTTP client (the storage package's date fix, so that the SDK
   *     can read what Ceph RGW answers)
   */
  public static MinioClient client(okhttp3.Interceptor... interceptors) {
    Config c = ConfigProvider.getConfig();
    okhttp3.OkHttpClient.Builder http = new okhttp3.OkHttpClient.Builder();
    for (okhttp3.Interceptor i : interceptors) {
      http.addInterceptor(i);
    }
    return MinioClient.builder()
        .httpClient(http.build())
        .endpoint(c.getValue("custodia.s3.endpoint", String.class))
        .credentials(
            c.getValue("custodia.s3.access-key", String.class),
            c.getValue("custodia.s3.secret-key", String.class))
        .region(c.getOptionalValue("custodia.s3.region", String.class).orElse("us-east-1"))
        .build();
  }

  /**
   * The file S3Proxy's filesystem backend (the test store) keeps an object in: changed, deleted or
   * planted there, the store serves it so, behind the service's back.
   */
  public static java.nio.file.Path file(
      org.custodia.storage.ObjectStore store, org.custodia.storage.BucketRole bucket, String key) {
    return EmbeddedServicesResource.dataDir()
        .resolve("s3")
        .resolve(store.bucketName(bucket))
        .resolve(key);
  }

  /** Flips the lowest bit of the byte at {@code position} of a file. */
  public static void flip(java.nio.file.Path file, long position) throws java.io.IOException {
    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(position);
      int b = raf.read();
      raf.seek(position);
      raf.write(b ^ 0x01);
    }
  }
}
