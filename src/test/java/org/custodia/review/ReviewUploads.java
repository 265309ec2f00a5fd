package org.custodia.review;

import java.nio.file.Path;
import java.util.UUID;
import org.custodia.testing.UnitFixture;

/** Public test facade over {@link UnitFixture} for other test packages. */
public final class ReviewUploads {
  private final UnitFixture f = new UnitFixture();

  public String admin() {
    return f.admin;
  }

  public String stationToken() {
    return f.stationToken;
  }

  public String user(String role) {
    return f.user(role);
  }

  public UUID upload(Path file, String contentType) throws Exception {
    return f.uploadFile(file, contentType);
  }
}
