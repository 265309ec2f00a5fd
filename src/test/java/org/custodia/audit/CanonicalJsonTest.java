package org.custodia.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link CanonicalJson} against published RFC 8785 vectors (src/test/resources/rfc8785, see its
 * README for where each comes from): input to expected bytes, compared byte for byte; and the
 * refusals RFC 8785 asks for because its input must be I-JSON (RFC 7493).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CanonicalJsonTest {
  private static final String ROOT = "/rfc8785/";

  // ------------------------------------------------------------------ RFC rules, spelled out

  /**
   * Strings (RFC 8785 §3.2.2.2): the seven short escapes, {@code \\u00xx} with lowercase hex for
   * the other controls, everything else as literal UTF-8 (also DEL, U+2028 and non-BMP characters).
   */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"\\u0000\"|22 5c 75 30 30 30 30 22",
        "\"\\b\\t\\n\\f\\r\"|22 5c 62 5c 74 5c 6e 5c 66 5c 72 22",
        "\"\\u0008\\u0009\\u000A\\u000C\\u000D\"|22 5c 62 5c 74 5c 6e 5c 66 5c 72 22",
        "\"\\u000B\"|22 5c 75 30 30 30 62 22",
        "\"\\u001F\"|22 5c 75 30 30 31 66 22",
        "\"\\u0022\\u005C\"|22 5c 22 5c 5c 22",
        "\"\\/\"|22 2f 22",
        "\"\\u007F\"|22 7f 22",
        "\"\\u0080\"|22 c2 80 22",
        "\"\\u2028\"|22 e2 80 a8 22",
        "\"\\uFFFF\"|22 ef bf bf 22",
        "\"\\uD83D\\uDE00\"|22 f0 9f 98 80 22",
      })
  void string_escaping(String json, String expectedHex) {
    assertThat(canonical(json)).isEqualTo(hex(expectedHex.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void members_are_sorted_by_utf16_code_units_not_code_points() {
    // U+FB33 is one code unit 0xFB33; U+1F600 is 0xD83D 0xDE00: code units put the emoji first
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("\uFB33", 1);
    value.put("\uD83D\uDE00", 2);
    value.put("\u20AC", 3);

    assertThat(utf8(CanonicalJson.bytes(value)))
        .isEqualTo("{\"\u20AC\":3,\"\uD83D\uDE00\":2,\"\uFB33\":1}");
  }

  // ------------------------------------------------------------------ refusals: lone surrogates

  @Test
  void a_lone_high_surrogate_is_refused_not_written_as_a_question_mark() {
    assertThatThrownBy(() -> CanonicalJson.bytes(Map.of("name", "ab\uD800")))
        .isInstanceOf(NotIJsonException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lone high surrogate U+D800")
        .hasMessageContaining("/name")
        .extracting(e -> ((NotIJsonException) e).path())
        .isEqualTo("/name");
  }

  @Test
  void a_high_surrogate_followed_by_something_else_is_refused() {
    assertThatThrownBy(() -> CanonicalJson.bytes(Map.of("name", "\uD83Dx")))
        .isInstanceOf(NotIJsonException.class)
        .hasMessageContaining("lone high surrogate U+D83D");
  }

  @Test
  void a_lone_low_surrogate_is_refused() {
    assertThatThrownBy(() -> CanonicalJson.bytes(List.of("ok", "\uDC00b")))
        .isInstanceOf(NotIJsonException.class)
        .hasMessageContaining("lone low surrogate U+DC00")
        .extracting(e -> ((NotIJsonException) e).path())
        .isEqualTo("/1");
  }

  @Test
  void a_reversed_surrogate_pair_is_refused() {
    assertThatThrownBy(() -> CanonicalJson.bytes(Map.of("s", "\uDE00\uD83D")))
        .isInstanceOf(NotIJsonException.class)
        .hasMessageContaining("lone low surrogate U+DE00");
  }

  @Test
  void a_lone_surrogate_in_a_member_name_is_refused_with_its_path() {
    Map<String, Object> value = Map.of("details", Map.of("k\uD800", 1));

    assertThatThrownBy(() -> CanonicalJson.bytes(value))
        .isInstanceOf(NotIJsonException.class)
        .hasMessageContaining("member name")
        .hasMessageContaining("/details/k\\ud800")
        .extracting(e -> ((NotIJsonException) e).path())
        .isEqualTo("/details/k\uD800");
  }

  @Test
  void a_lone_surrogate_escape_in_json_text_is_refused_with_its_path() {
    assertThatThrownBy(() -> CanonicalJson.parse(utf8Bytes("{\"a\":[{\"b\":\"x\\ud800\"}]}")))
        .isInstanceOf(NotIJsonException.class)
        .extracting(e -> ((NotIJsonException) e).path())
        .isEqualTo("/a/0/b");
  }

  @Test
  void a_surrogate_encoded_in_utf8_bytes_is_not_json() {
    byte[] cesu = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};

    assertThatThrownBy(() -> CanonicalJson.parse(cesu))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------------ refusals: duplicates

  @Test
  void a_duplicate_member_name_at_the_top_level_is_refused() {
    assertThatThrownBy(() -> CanonicalJson.parse(utf8Bytes("{\"a\":1,\"b\":2,\"a\":3}")))
        .isInstanceOf(NotIJsonException.class)
        .hasMessageContaining("duplicate member name")
        .extracting(e -> ((NotIJsonException) e).path())
        .isEqualTo("/a");
  }

  @Test
  void a_duplicate_member_name_in_a_nested_object_is_refused_with_its_path() {
    assertThatThrownBy(
            () -> CanonicalJson.parse(utf8Bytes("{\"x\":[0,{\"b/c~\":{\"d\":1,\"d\":2}}]}")))
        .isInstanceOf(NotIJsonException.class)
        .hasMessageContaining("duplicate member name")
        .extracting(e -> ((NotIJsonException) e).path())
        .isEqualTo("/x/1/b~1c~0/d");
  }

  @Test
  void names_that_differ_only_in_their_escapes_are_duplicates() {
    assertThatThrownBy(() -> CanonicalJson.parse(utf8Bytes("{\"a\":1,\"\\u0061\":2}")))
        .isInstanceOf(NotIJsonException.class)
        .extracting(e -> ((NotIJsonException) e).path())
        .isEqualTo("/a");
  }

  @Test
  void java_map_keys_that_serialise_to_the_same_name_are_refused() {
    Map<Object, Object> inner = new LinkedHashMap<>();
    inner.put(1, "the integer");
    inner.put("1", "the string");

    assertThatThrownBy(() -> CanonicalJson.bytes(Map.of("details", inner)))
        .isInstanceOf(NotIJsonException.class)
        .hasMessageContaining("duplicate member name")
        .extracting(e -> ((NotIJsonException) e).path())
        .isEqualTo("/details/1");
  }

  // ------------------------------------------------------------------ helpers

  private static byte[] canonical(byte[] json) {
    return CanonicalJson.bytes(CanonicalJson.parse(json));
  }

  private static byte[] canonical(String json) {
    return canonical(utf8Bytes(json));
  }

  private static byte[] utf8Bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] hex(byte[] text) {
    return HexFormat.of()
        .parseHex(new String(text, StandardCharsets.US_ASCII).replaceAll("\\s+", ""));
  }

  private static InputStream stream(String name) {
    InputStream in = CanonicalJsonTest.class.getResourceAsStream(ROOT + name);
    assertThat(in).as(name).isNotNull();
    return in;
  }

  private static byte[] resource(String name) {
    try (InputStream in = stream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
