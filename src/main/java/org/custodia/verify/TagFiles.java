package org.custodia.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads tag files within the limits: bounded size, bounded lines, strict UTF-8. */
final class TagFiles {
  private TagFiles() {}

  /** The whole file, refused past {@code max} bytes (the read stops there). */
  static byte[] readBounded(InputStream in, String name, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      if (total > max) {
        throw new HostileBagException(name, "tag file longer than the limit of " + max + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** Receives one line of a tag file (1-based number). */
  interface LineConsumer {
    void line(int number, String line);
  }

  /**
   * Streams the lines of a tag file (LF, CR or CRLF ended) without holding the file: each line at
   * most {@code maxLine} bytes, strict UTF-8, the file at most {@code maxBytes}, at most {@code
   * maxLines} lines. Memory is one line.
   */
  static void forEachLine(
      InputStream in, String name, long maxBytes, int maxLine, int maxLines, LineConsumer out)
      throws IOException {
    java.io.BufferedInputStream b = new java.io.BufferedInputStream(in, 1 << 16);
    byte[] line = new byte[Math.min(maxLine, 1 << 12) + 1];
    int len = 0;
    long total = 0;
    int number = 0;
    boolean lastWasCr = false;
    for (int c; ; ) {
      c = b.read();
      if (c >= 0 && ++total > maxBytes) {
        throw new HostileBagException(
            name, "tag file longer than the limit of " + maxBytes + " bytes");
      }
      if (c == '\n' && lastWasCr) {
        lastWasCr = false;
        continue;
      }
      lastWasCr = c == '\r';
      if (c < 0 || c == '\n' || c == '\r') {
        if (c < 0 && len == 0) {
          return;
        }
        if (++number > maxLines) {
          throw new HostileBagException(name, "more than " + maxLines + " lines");
        }
        if (number == 1
            && len >= 3
            && (line[0] & 0xff) == 0xEF
            && (line[1] & 0xff) == 0xBB
            && (line[2] & 0xff) == 0xBF) {
          throw new HostileBagException(
              name, "starts with a byte-order mark (RFC 8493 forbids it)");
        }
        out.line(number, decode(line, len, name));
        len = 0;
        if (c < 0) {
          return;
        }
        continue;
      }
      if (len == maxLine) {
        throw new HostileBagException(
            name, "line " + (number + 1) + " is longer than " + maxLine + " bytes");
      }
      if (len == line.length) {
        line = java.util.Arrays.copyOf(line, Math.min(maxLine, line.length * 2) + 1);
      }
      line[len++] = (byte) c;
    }
  }

  private static String decode(byte[] b, int len, String name) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, 0, len))
          .toString();
    } catch (CharacterCodingException e) {
      throw new HostileBagException(name, "not valid UTF-8");
    }
  }

  /** The lines (LF, CR or CRLF ended), each at most {@code maxLine} bytes, decoded as UTF-8. */
  static List<String> lines(byte[] bytes, String name, int maxLine) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new HostileBagException(name, "not valid UTF-8");
    }
    if (text.startsWith("\uFEFF")) {
      throw new HostileBagException(name, "starts with a byte-order mark (RFC 8493 forbids it)");
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      boolean end = i == text.length();
      char ch = end ? '\n' : text.charAt(i);
      if (ch == '\n' || ch == '\r') {
        String line = text.substring(start, i);
        if (line.getBytes(StandardCharsets.UTF_8).length > maxLine) {
          throw new HostileBagException(
              name, "line " + (lines.size() + 1) + " is longer than " + maxLine + " bytes");
        }
        if (!(end && line.isEmpty())) {
          lines.add(line);
        }
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    return lines;
  }

  /**
   * Decodes a manifest file path (RFC 8493 §2.1.3): %0A, %0D and %25 (either case) are LF, CR and
   * '%'. Any other '%' is kept as it stands: writers before 1.0 (and some since) leave a bare '%'
   * unencoded, and it cannot be mistaken for an escape.
   */
  static String decodePath(String encoded) {
    if (encoded.indexOf('%') < 0) {
      return encoded;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < encoded.length(); i++) {
      char ch = encoded.charAt(i);
      String code =
          ch == '%' && i + 2 < encoded.length() + 0 && i + 3 <= encoded.length()
              ? encoded.substring(i + 1, i + 3).toUpperCase(java.util.Locale.ROOT)
              : "";
      switch (code) {
        case "0A" -> out.append('\n');
        case "0D" -> out.append('\r');
        case "25" -> out.append('%');
        default -> {
          out.append(ch);
          continue;
        }
      }
      i += 2;
    }
    return out.toString();
  }
}
