package org.custodia.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.custodia.error.CustodiaException;

/** Opaque keyset-pagination cursors: base64url of the last id of the previous page. */
public final class Cursors {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  private Cursors() {}

  public static String encode(UUID lastId) {
    return lastId == null
        ? null
        : Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(lastId.toString().getBytes(StandardCharsets.US_ASCII));
  }

  public static UUID decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw CustodiaException.invalid("cursor", "cursor is not one this service issued");
    }
  }

  public static int limit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw CustodiaException.invalid("limit", "limit must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }
}
