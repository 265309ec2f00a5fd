package org.custodia.web;

import io.quarkus.qute.TemplateExtension;

/** Small formats of the administrators' pages: {@code {ms.abs}}, {@code {q.urlEncode}}. */
@TemplateExtension
public final class AdminFormats {
  private AdminFormats() {}

  /** The magnitude of a signed number (a clock that is slow by so much). */
  static long abs(Long n) {
    return n == null ? 0 : Math.abs(n);
  }

  /** A query parameter value, percent-encoded. */
  static String urlEncode(String s) {
    return java.net.URLEncoder.encode(s == null ? "" : s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
