package org.custodia.support;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.custodia.error.CustodiaException;

/**
 * Text is stored exactly or refused, never altered. Two things cannot be stored exactly: U+0000
 * (PostgreSQL's text types cannot hold it) and an unpaired surrogate (it has no UTF-8 encoding; the
 * driver would write {@code ?}). Bytes that claim to be UTF-8 and are not are refused too, instead
 * of being decoded to U+FFFD.
 */
public final class Text {
  private Text() {}

  /** Why {@code s} cannot be stored exactly, or null if it can. */
  public static String problem(String s) {
    if (s == null) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\u0000') {
        return "must not contain U+0000 (NUL)";
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return "is not valid Unicode (an unpaired surrogate at position " + i + ")";
      }
      if (Character.isLowSurrogate(c)) {
        return "is not valid Unicode (an unpaired surrogate at position " + i + ")";
      }
    }
    return null;
  }

  /** Refuses {@code value} with a 400 naming {@code field} unless it can be stored exactly. */
  public static String require(String field, String value) {
    String problem = problem(value);
    if (problem != null) {
      throw CustodiaException.invalid(field, field + " " + problem);
    }
    return value;
  }

  /** Whether {@code s} begins or ends with white space (null does not). */
  public static boolean padded(String s) {
    return s != null && s.strip().length() != s.length();
  }

  /**
   * Refuses {@code value} with a 400 naming {@code field} when it begins or ends with white space
   * ({@link Unpadded}): names and numbers are refused, never trimmed.
   */
  public static String unpadded(String field, String value) {
    if (padded(value)) {
      throw CustodiaException.invalid(field, field + " must not begin or end with white space");
    }
    return value;
  }

  /** Decodes UTF-8 strictly (malformed bytes are refused, not replaced), then {@link #require}. */
  public static String utf8(String field, byte[] bytes) {
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return require(field, s);
    } catch (CharacterCodingException e) {
      throw CustodiaException.invalid(field, field + " is not valid UTF-8");
    }
  }
}
