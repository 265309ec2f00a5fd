package org.custodia.web;

/** Where a page may send the browser back to: only a path of this site. */
public final class SafeRedirect {
  private SafeRedirect() {}

  /**
   * {@code next} when it is a same-origin relative path ("/…", not "//…" nor "/\…", no control
   * characters, not too long), else "/".
   */
  public static String target(String next) {
    if (next == null
        || next.isEmpty()
        || next.length() > 2000
        || next.charAt(0) != '/'
        || next.startsWith("//")
        || next.startsWith("/\\")) {
      return "/";
    }
    for (int i = 0; i < next.length(); i++) {
      char c = next.charAt(i);
      if (c < 0x21 || c == 0x7f || c == '\\') {
        return "/";
      }
    }
    return next;
  }
}
