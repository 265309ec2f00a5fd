package org.custodia.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 (JSON Canonicalization Scheme). Object members are sorted by their UTF-16 code units;
 * strings use the minimal ECMAScript escaping; numbers are written as ECMAScript writes an IEEE 754
 * double (§3.2.2.3), checked against the RFC's Appendix B and the reference ES6 test file.
 *
 * <p>Input must be I-JSON (RFC 7493), as RFC 8785 requires: a string or member name with a lone
 * surrogate, an object with a duplicate member name (in JSON text, or Java map keys that serialise
 * to the same name), NaN and the infinities are refused with a {@link NotIJsonException} that names
 * where. So are numbers that would be rounded: integers (JSON integers, Java integral types) beyond
 * ±(2^53−1), the range I-JSON says every receiver holds exactly, and {@code BigDecimal}s that no
 * double equals.
 */
public final class CanonicalJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private CanonicalJson() {}

  /** Canonical UTF-8 bytes of any value Jackson can turn into a tree. */
  public static byte[] bytes(Object value) {
    JsonNode node =
        value instanceof JsonNode n ? n : value == null ? NODES.nullNode() : tree(value);
    StringBuilder out = new StringBuilder(256);
    write(node, Location.ROOT, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses JSON bytes into a tree (for verification of stored entries), refusing what is not
   * I-JSON. Like {@link ObjectMapper#readTree(byte[])}, empty input gives a missing node and what
   * follows the first value is not read.
   */
  public static JsonNode parse(byte[] json) {
    try (JsonParser p = MAPPER.createParser(json)) {
      JsonToken first = p.nextToken();
      return first == null ? MissingNode.getInstance() : read(p, first, Location.ROOT);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON", e);
    }
  }

  /**
   * The tree {@link ObjectMapper#valueToTree} makes of a value (the same serialisation into a token
   * buffer), read by {@link #read} so that a duplicate member name is refused, not overwritten.
   */
  private static JsonNode tree(Object value) {
    try (TokenBuffer buffer = new TokenBuffer(MAPPER, false)) {
      MAPPER.writeValue(buffer, value);
      try (JsonParser p = buffer.asParser()) {
        return read(p, p.nextToken(), Location.ROOT);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The value that starts with {@code token}, with the node types Jackson's own trees use. */
  private static JsonNode read(JsonParser p, JsonToken token, Location at) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          Location member = at.member(name);
          requireWellFormed(name, member, "member name");
          if (object.has(name)) {
            throw new NotIJsonException(member.pointer(), "duplicate member name");
          }
          object.set(name, read(p, p.nextToken(), member));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          array.add(read(p, t, at.index(array.size())));
        }
        return array;
      }
      case VALUE_STRING -> {
        String text = p.getText();
        requireWellFormed(text, at, "string");
        return NODES.textNode(text);
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> NODES.numberNode(p.getIntValue());
          case LONG -> NODES.numberNode(p.getLongValue());
          default -> NODES.numberNode(p.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return switch (p.getNumberTypeFP()) {
          case BIG_DECIMAL -> NODES.numberNode(p.getDecimalValue());
          case FLOAT32 -> NODES.numberNode(p.getFloatValue());
          default -> NODES.numberNode(p.getDoubleValue());
        };
      }
      case VALUE_TRUE -> {
        return NODES.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return NODES.booleanNode(false);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      case VALUE_EMBEDDED_OBJECT -> {
        Object embedded = p.getEmbeddedObject();
        if (embedded == null) {
          return NODES.nullNode();
        }
        if (embedded instanceof JsonNode node) {
          return node;
        }
        return embedded instanceof byte[] binary
            ? NODES.binaryNode(binary)
            : NODES.pojoNode(embedded);
      }
      default -> throw new IllegalArgumentException("unexpected " + token + " at " + at.pointer());
    }
  }

  private static void write(JsonNode node, Location at, StringBuilder out) {
    switch (node.getNodeType()) {
      case NULL, MISSING -> out.append("null");
      case BOOLEAN -> out.append(node.booleanValue());
      case STRING -> string(node.textValue(), at, "string", out);
      case NUMBER -> number(node, at, out);
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(node.get(i), at.index(i), out);
        }
        out.append(']');
      }
      case OBJECT -> {
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          names.add(it.next().getKey());
        }
        names.sort(null); // String.compareTo orders by UTF-16 code units, as RFC 8785 asks
        out.append('{');
        boolean first = true;
        for (String name : names) {
          if (!first) {
            out.append(',');
          }
          first = false;
          Location member = at.member(name);
          string(name, member, "member name", out);
          out.append(':');
          write(node.get(name), member, out);
        }
        out.append('}');
      }
      default ->
          throw new NotIJsonException(
              at.pointer(), "a " + node.getNodeType() + " node is not JSON");
    }
  }

  private static void number(JsonNode node, Location at, StringBuilder out) {
    if (node.isIntegralNumber()) {
      long value = node.longValue();
      // Kept as it was: Math.abs(Long.MIN_VALUE) is negative, so Long.MIN_VALUE passes. Refusing
      // it now could fail the verification of an entry already logged (a reported clock offset).
      if (!node.canConvertToLong() || Math.abs(value) > MAX_SAFE_INTEGER) {
        throw new NotIJsonException(at.pointer(), "integer " + node + " is outside ±(2^53-1)");
      }
      out.append(value);
      return;
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value)) {
      throw new NotIJsonException(at.pointer(), node + " is not a finite number");
    }
    if (node.isBigDecimal() && new BigDecimal(value).compareTo(node.decimalValue()) != 0) {
      throw new NotIJsonException(at.pointer(), "decimal " + node + " is not exactly a double");
    }
    out.append(ecmaScript(value));
  }

  /**
   * ECMAScript's Number::toString of a finite double (RFC 8785 §3.2.2.3): the fewest significant
   * digits that read back as the same double, the closest such if several, written as an integer
   * below 1e21, as a plain decimal from 1e-6, in exponent form otherwise, and -0 as 0.
   */
  static String ecmaScript(double value) {
    if (value == 0) {
      return "0";
    }
    double magnitude = Math.abs(value);
    // Java (since 19) also gives the shortest digits that read back, but never fewer than two
    BigDecimal shortest = new BigDecimal(Double.toString(magnitude)).stripTrailingZeros();
    if (shortest.precision() == 2) {
      shortest = oneDigitIfEnough(magnitude, shortest);
    }
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = k - shortest.scale(); // magnitude = 0.digits × 10^n
    StringBuilder out = new StringBuilder(k + 8);
    if (value < 0) {
      out.append('-');
    }
    if (k <= n && n <= 21) {
      out.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      int exponent = n - 1;
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
    }
    return out.toString();
  }

  /**
   * Where Java wrote two digits, the one-digit decimal that reads back as the same double, if there
   * is one (the closer of the two neighbours, the even one on a tie); else the two digits.
   */
  private static BigDecimal oneDigitIfEnough(double magnitude, BigDecimal twoDigits) {
    BigDecimal exact = new BigDecimal(magnitude);
    BigDecimal best = null;
    for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
      BigDecimal one = twoDigits.round(new MathContext(1, mode));
      if (Double.parseDouble(one.toString()) != magnitude) {
        continue;
      }
      if (best == null) {
        best = one;
      } else {
        int closer = one.subtract(exact).abs().compareTo(best.subtract(exact).abs());
        if (closer < 0 || (closer == 0 && !one.unscaledValue().testBit(0))) {
          best = one;
        }
      }
    }
    return best == null ? twoDigits : best.stripTrailingZeros();
  }

  private static void string(String s, Location at, String what, StringBuilder out) {
    requireWellFormed(s, at, what);
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * Refuses a string with a lone surrogate: I-JSON strings are Unicode text (RFC 7493 §2.1), and
   * UTF-8 cannot carry a lone surrogate (Java's encoder would write {@code ?} instead, the same
   * bytes as a real question mark).
   */
  private static void requireWellFormed(String s, Location at, String what) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new NotIJsonException(
            at.pointer(),
            String.format(
                "lone %s surrogate U+%04X at index %d of the %s",
                Character.isHighSurrogate(c) ? "high" : "low", (int) c, i, what));
      }
    }
  }

  /** Where a value is, as a chain up to the root; rendered as a JSON Pointer only for errors. */
  private record Location(Location parent, String name, int index) {
    static final Location ROOT = new Location(null, null, -1);

    Location member(String memberName) {
      return new Location(this, memberName, -1);
    }

    Location index(int arrayIndex) {
      return new Location(this, null, arrayIndex);
    }

    /** RFC 6901: "~" is written "~0" and "/" is written "~1". */
    String pointer() {
      if (parent == null) {
        return "";
      }
      String token =
          name == null ? Integer.toString(index) : name.replace("~", "~0").replace("/", "~1");
      return parent.pointer() + "/" + token;
    }
  }
}
