package org.custodia.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one flat JSON object (a receipt: string, number, boolean and null members, no nesting) into
 * name → text. Strict: a duplicate name, nesting or trailing text is an error.
 */
final class FlatJson {
  private final String s;
  private int i;

  private FlatJson(String s) {
    this.s = s;
  }

  static Map<String, String> parse(String text) {
    FlatJson p = new FlatJson(text);
    Map<String, String> out = new LinkedHashMap<>();
    p.ws();
    p.expect('{');
    p.ws();
    if (p.peek() == '}') {
      p.i++;
    } else {
      while (true) {
        p.ws();
        String name = p.string();
        p.ws();
        p.expect(':');
        p.ws();
        String value = p.peek() == '"' ? p.string() : p.scalar();
        if (out.put(name, value) != null) {
          throw new IllegalArgumentException("duplicate member " + name);
        }
        p.ws();
        char c = p.next();
        if (c == '}') {
          break;
        }
        if (c != ',') {
          throw new IllegalArgumentException("expected , or } at " + (p.i - 1));
        }
      }
    }
    p.ws();
    if (p.i != text.length()) {
      throw new IllegalArgumentException("text after the object");
    }
    return out;
  }

  private String scalar() {
    int start = i;
    while (i < s.length() && "-+.eE0123456789truefalsn".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    if (start == i) {
      throw new IllegalArgumentException("expected a value at " + i + " (nesting is not allowed)");
    }
    return s.substring(start, i);
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
              throw new IllegalArgumentException("short \\u escape");
            }
            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> throw new IllegalArgumentException("bad escape \\" + e);
        }
      } else if (c < 0x20) {
        throw new IllegalArgumentException("control character in a string");
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
      throw new IllegalArgumentException("unexpected end");
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
      throw new IllegalArgumentException("expected " + c + " at " + (i - 1));
    }
  }
}
