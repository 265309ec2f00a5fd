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
}
