package org.custodia.verify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259) for dossier.json: objects become {@code Map<String, Object>},
 * arrays {@code List<Object>}, strings {@code String}, numbers {@code BigDecimal}, true/false
 * {@code Boolean}, null {@link #NULL}. A syntax error, a duplicate member, text after the value or
 * nesting deeper than {@link #MAX_DEPTH} is an {@link IllegalArgumentException} naming the offset —
 * never a crash. The caller bounds the text's size.
 */
final class Json {
  /** JSON null (a map cannot hold Java null and tell it from an absent member). */
  static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  static final int MAX_DEPTH = 64;

  private final String s;
  private int i;

  private Json(String s) {
    this.s = s;
  }

  /**
   * One flat object (a receipt: string, number, boolean and null members) as name → text, numbers
   * as written; nesting is an {@link IllegalArgumentException} like any other syntax error.
   */
  static Map<String, String> flatObject(String text) {
    if (!(parse(text) instanceof Map<?, ?> object)) {
      throw new IllegalArgumentException("not an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : object.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Map<?, ?> || v instanceof List<?>) {
        throw new IllegalArgumentException("nesting in member " + e.getKey());
      }
      out.put(
          (String) e.getKey(),
          v == NULL ? null : v instanceof BigDecimal n ? n.toPlainString() : v.toString());
    }
    return out;
  }

  static Object parse(String text) {
    Json p = new Json(text);
    p.ws();
    Object value = p.value(0);
    p.ws();
    if (p.i != text.length()) {
      throw new IllegalArgumentException("text after the JSON value at offset " + p.i);
    }
    return value;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH + " at offset " + i);
    }
    char c = peek();
    switch (c) {
      case '{' -> {
        return object(depth);
      }
      case '[' -> {
        return array(depth);
      }
      case '"' -> {
        return string();
      }
      case 't' -> {
        literal("true");
        return Boolean.TRUE;
      }
      case 'f' -> {
        literal("false");
        return Boolean.FALSE;
      }
      case 'n' -> {
        literal("null");
        return NULL;
      }
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw new IllegalArgumentException("unexpected '" + c + "' at offset " + i);
      }
    }
  }

  private Map<String, Object> object(int depth) {
    expect('{');
    Map<String, Object> out = new LinkedHashMap<>();
    ws();
    if (peek() == '}') {
      i++;
      return out;
    }
    while (true) {
      ws();
      int at = i;
      String name = string();
      ws();
      expect(':');
      ws();
      if (out.put(name, value(depth + 1)) != null) {
        throw new IllegalArgumentException("duplicate member \"" + name + "\" at offset " + at);
      }
      ws();
      char c = next();
      if (c == '}') {
        return out;
      }
      if (c != ',') {
        throw new IllegalArgumentException("expected , or } at offset " + (i - 1));
      }
    }
  }

  private List<Object> array(int depth) {
    expect('[');
    List<Object> out = new ArrayList<>();
    ws();
    if (peek() == ']') {
      i++;
      return out;
    }
    while (true) {
      ws();
      out.add(value(depth + 1));
      ws();
      char c = next();
      if (c == ']') {
        return out;
      }
      if (c != ',') {
        throw new IllegalArgumentException("expected , or ] at offset " + (i - 1));
      }
    }
  }

  private BigDecimal number() {
    int start = i;
    if (peek() == '-') {
      i++;
    }
    if (peek() == '0') {
      i++;
    } else {
      digits();
    }
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      digits();
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (peek() == '+' || peek() == '-') {
        i++;
      }
      digits();
    }
    if (i - start > 100) {
      throw new IllegalArgumentException("a number longer than 100 characters at offset " + start);
    }
    return new BigDecimal(s.substring(start, i));
  }

  private void digits() {
    int start = i;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    if (start == i) {
      throw new IllegalArgumentException("expected a digit at offset " + i);
    }
  }

  private void literal(String word) {
    if (!s.startsWith(word, i)) {
      throw new IllegalArgumentException("expected " + word + " at offset " + i);
    }
    i += word.length();
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\') {
        char e = next();
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (i + 4 > s.length()) {
              throw new IllegalArgumentException("short \\u escape at offset " + i);
            }
            String hex = s.substring(i, i + 4);
            if (!hex.matches("[0-9A-Fa-f]{4}")) {
              throw new IllegalArgumentException("bad \\u escape at offset " + i);
            }
            out.append((char) Integer.parseInt(hex, 16));
            i += 4;
          }
          default -> throw new IllegalArgumentException("bad escape \\" + e + " at offset " + i);
        }
      } else if (c < 0x20) {
        throw new IllegalArgumentException("control character in a string at offset " + (i - 1));
      } else {
        out.append(c);
      }
    }
  }

  private void ws() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }

  private char peek() {
    if (i >= s.length()) {
      throw new IllegalArgumentException("unexpected end of the text");
    }
    return s.charAt(i);
  }

  private char next() {
    char c = peek();
    i++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw new IllegalArgumentException("expected " + c + " at offset " + (i - 1));
    }
  }
}
