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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for the values our events and receipts use: objects,
 * arrays, strings, booleans, null and integers within ±2^53. Object members are sorted by their
 * UTF-16 code units; strings use the minimal ECMAScript escaping. Non-integral numbers are refused
 * rather than risk a number form that another JCS implementation would write differently. Input
 * must be I-JSON (RFC 7493), as RFC 8785 requires: a string or member name with a lone surrogate,
 * or an object with a duplicate member name (in JSON text, or Java map keys that serialise to the
 * same name), is refused with a {@link NotIJsonException} that names where.
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
      case NUMBER -> number(node, out);
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
      default -> throw new IllegalArgumentException("unsupported JSON node " + node.getNodeType());
    }
  }

  private static void number(JsonNode node, StringBuilder out) {
    if (!node.canConvertToExactIntegral()) {
      throw new IllegalArgumentException("only integral numbers are canonicalised: " + node);
    }
    long value = node.asLong();
    if (!node.canConvertToLong() || Math.abs(value) > MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("integer outside ±2^53: " + node);
    }
    out.append(value);
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
