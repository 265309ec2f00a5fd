package org.custodia.review;

import org.custodia.storage.ByteRange;

/**
 * Reads a {@code Range} header (RFC 9110 §14) against a representation of known size. Only one
 * range is served: a request for several is answered with the whole representation (200), which RFC
 * 9110 allows, so no multipart/byteranges body is ever built.
 */
public final class HttpRanges {
  private HttpRanges() {}

  /** What to send. */
  public sealed interface Plan permits Whole, Partial, Unsatisfiable {}

  /** 200 with every byte (no Range, a Range we ignore, or several ranges). */
  public record Whole() implements Plan {}

  /** 206 with one range. */
  public record Partial(ByteRange range) implements Plan {}

  /** 416 with {@code Content-Range: bytes *}{@code /size}. */
  public record Unsatisfiable() implements Plan {}

  public static Plan plan(String header, long size) {
    if (header == null) {
      return new Whole();
    }
    String h = header.strip();
    if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
      return new Whole(); // another range unit: ignored, as RFC 9110 says
    }
    String spec = h.substring(6).strip();
    if (spec.isEmpty()) {
      return new Whole();
    }
    if (spec.indexOf(',') >= 0) {
      return new Whole(); // several ranges: whole representation
    }
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return new Whole(); // malformed: ignored
    }
    String a = spec.substring(0, dash).strip();
    String b = spec.substring(dash + 1).strip();
    try {
      if (a.isEmpty()) {
        // suffix range: the last n bytes
        if (b.isEmpty()) {
          return new Whole();
        }
        long n = parse(b);
        if (n == 0 || size == 0) {
          return new Unsatisfiable();
        }
        return new Partial(new ByteRange(Math.max(0, size - n), size - 1));
      }
      long first = parse(a);
      long last = b.isEmpty() ? size - 1 : parse(b);
      if (!b.isEmpty() && last < first) {
        return new Whole(); // invalid range-spec: ignored
      }
      if (first >= size) {
        return new Unsatisfiable();
      }
      return new Partial(new ByteRange(first, Math.min(last, size - 1)));
    } catch (NumberFormatException e) {
      return new Whole();
    }
  }

  private static long parse(String digits) {
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        throw new NumberFormatException(digits);
      }
    }
    if (digits.length() > 18) {
      return Long.MAX_VALUE; // beyond any object size
    }
    return Long.parseLong(digits);
  }
}
