package org.custodia.audit;

/**
 * A value RFC 8785 cannot canonicalise: it is not I-JSON (RFC 7493), e.g. a string with a lone
 * surrogate, an object with a duplicate member name, NaN or an infinity, or it is a number outside
 * what {@link CanonicalJson} writes exactly. {@link #path()} says where.
 */
public final class NotIJsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String path;

  NotIJsonException(String path, String problem) {
    super(problem + " at " + (path.isEmpty() ? "the top level" : printable(path)));
    this.path = path;
  }

  /**
   * The offending member or value as an RFC 6901 JSON Pointer, e.g. {@code /details/name} or {@code
   * /items/0}; empty for the whole value.
   */
  public String path() {
    return path;
  }

  /** The pointer with control characters and lone surrogates written as {@code \\uXXXX}. */
  private static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c) || Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
