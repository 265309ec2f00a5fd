package org.custodia.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CanonicalJson} against published RFC 8785 vectors (src/test/resources/rfc8785, see its
 * README for where each comes from): input to expected bytes, compared byte for byte; and the
 * refusals RFC 8785 asks for because its input must be I-JSON (RFC 7493).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CanonicalJsonTest {
  private static final String ROOT = "/rfc8785/";

  // ------------------------------------------------------------------ published vectors

  static Stream<String> cyberphone_vectors() {
    return names("cyberphone/input");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cyberphone_vectors")
  void cyberphone_test_data_canonicalises_to_its_expected_output(String name) {
    byte[] expected = resource("cyberphone/output/" + name);
    String hexName = name.replaceFirst("\\.json$", ".txt");

    assertThat(canonical(resource("cyberphone/input/" + name))).isEqualTo(expected);
    // the same expectation, as the set also publishes it in hex
    assertThat(expected).isEqualTo(hex(resource("cyberphone/outhex/" + hexName)));
    // canonical output is a fixed point
    assertThat(canonical(expected)).isEqualTo(expected);
  }

  static Stream<String> rfc_examples() {
    return names("rfc/input");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc_examples")
  void rfc_8785_examples_canonicalise_to_their_expected_output(String name) {
    byte[] expected = resource("rfc/output/" + name);

    assertThat(canonical(resource("rfc/input/" + name))).isEqualTo(expected);
    assertThat(canonical(expected)).isEqualTo(expected);
  }

  @Test
  void rfc_8785_section_3_2_4_gives_the_utf8_bytes_the_rfc_lists() {
    byte[] out = canonical(resource("rfc/input/section-3.2.2.json"));

    assertThat(out).isEqualTo(hex(resource("rfc/section-3.2.4.hex")));
  }

  @Test
  void rfc_8785_section_3_2_3_sorts_members_in_the_order_the_rfc_lists() {
    JsonNode sorted = CanonicalJson.parse(canonical(resource("rfc/input/section-3.2.3.json")));
    List<String> values = new ArrayList<>();
    for (Iterator<JsonNode> it = sorted.elements(); it.hasNext(); ) {
      values.add(it.next().textValue());
    }

    assertThat(values)
        .containsExactlyElementsOf(
            new String(resource("rfc/section-3.2.3-order.txt"), StandardCharsets.UTF_8)
                .lines()
                .toList());
  }

  static Stream<String[]> appendix_b() {
    return new String(resource("rfc/appendix-b.txt"), StandardCharsets.UTF_8)
        .lines()
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .map(l -> l.split(",", 2));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("appendix_b")
  void rfc_8785_appendix_b_number_samples(String ieee, String expected) {
    double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieee, 16));

    if (expected.equals("error")) {
      assertThatThrownBy(() -> CanonicalJson.bytes(value))
          .isInstanceOf(NotIJsonException.class)
          .hasMessageContaining("not a finite number");
    } else {
      assertThat(utf8(CanonicalJson.bytes(value))).isEqualTo(expected);
      assertThat(utf8(CanonicalJson.bytes(DoubleNode.valueOf(value)))).isEqualTo(expected);
    }
  }

  /** SHA-256 of the first 100 000 lines, as published in cyberphone/README.md. */
  private static final String ES6_100K_SHA256 =
      "22776e6d4b49fa294a0d0f349268e5c28808fe7e0cb2bcbe28f63894e494d4c7";

  @Test
  void es6_number_test_file_first_100k_values() throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    List<String> wrong = new ArrayList<>();
    int lines = 0;
    try (InputStream in = stream("cyberphone/es6testfile100k.txt.gz");
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(
                    new DigestInputStream(new GZIPInputStream(in), sha256),
                    StandardCharsets.US_ASCII))) {
      for (String line; (line = reader.readLine()) != null; lines++) {
        int comma = line.indexOf(',');
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(line, 0, comma, 16));
        String expected = line.substring(comma + 1);
        String got = utf8(CanonicalJson.bytes(DoubleNode.valueOf(value)));
        if (!got.equals(expected) && wrong.size() < 20) {
          wrong.add(line + " got " + got);
        }
      }
    }

    assertThat(HexFormat.of().formatHex(sha256.digest())).isEqualTo(ES6_100K_SHA256);
    assertThat(lines).isEqualTo(100_000);
    assertThat(wrong).isEmpty();
  }

  // ------------------------------------------------------------------ RFC rules, spelled out

  /**
   * Numbers in JSON text: each is parsed as an IEEE 754 double and written as ECMAScript writes it
   * (RFC 8785 §3.2.2.3). The expected forms are Appendix B's where it has the value, else
   * ECMA-262's Number::toString rule (exponent form below 1e-6 and from 1e21 on).
   */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1e21 1e+21", // Appendix B 444b1ae4d6e2ef50
        "1000000000000000000000.0 1e+21",
        "1e20 100000000000000000000",
        "1e-7 1e-7",
        "0.000001 0.000001", // Appendix B 3eb0c6f7a0b5ed8d
        "-0 0", // Appendix B, minus zero
        "-0.0 0",
        "4.5e-324 5e-324", // rounds to the smallest subnormal, Appendix B 0000000000000001
        "56.0 56",
        "9007199254740991 9007199254740991",
        "-9007199254740991 -9007199254740991",
        "1E30 1e+30", // §3.2.2 example
        "2e-3 0.002", // §3.2.2 example
      })
  void numbers_in_json_text(String text, String expected) {
    assertThat(utf8(canonical(("[" + text + "]").getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("[" + expected + "]");
  }

  @Test
  void java_doubles_and_their_json_text_give_the_same_bytes() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("a", 1e21);
    values.put("b", 1e-7);
    values.put("c", -0.0);
    values.put("d", 0.1);
    values.put("e", new BigDecimal("0.5"));

    assertThat(CanonicalJson.bytes(values))
        .isEqualTo(canonical("{\"a\":1e21,\"b\":1e-7,\"c\":-0.0,\"d\":0.1,\"e\":0.5}"));
  }

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

  // ------------------------------------------------------------------ refusals: numbers

  @Test
  void nan_and_infinities_are_refused() {
    for (Object bad :
        List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN)) {
      assertThatThrownBy(() -> CanonicalJson.bytes(Map.of("x", bad)))
          .isInstanceOf(NotIJsonException.class)
          .hasMessageContaining("not a finite number")
          .extracting(e -> ((NotIJsonException) e).path())
          .isEqualTo("/x");
    }
  }

  @Test
  void a_number_beyond_the_double_range_in_json_text_is_refused() {
    JsonNode tree = CanonicalJson.parse(utf8Bytes("[1, 1e400]"));

    assertThatThrownBy(() -> CanonicalJson.bytes(tree))
        .isInstanceOf(NotIJsonException.class)
        .extracting(e -> ((NotIJsonException) e).path())
        .isEqualTo("/1");
  }

  @Test
  void nan_in_json_text_is_not_json() {
    assertThatThrownBy(() -> CanonicalJson.parse(utf8Bytes("[NaN]")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void integers_beyond_plus_minus_2_to_the_53_minus_1_stay_refused() {
    assertThatThrownBy(() -> CanonicalJson.bytes(Map.of("n", 9007199254740992L)))
        .isInstanceOf(NotIJsonException.class)
        .extracting(e -> ((NotIJsonException) e).path())
        .isEqualTo("/n");
    assertThatThrownBy(
            () -> CanonicalJson.bytes(CanonicalJson.parse(utf8Bytes("[-9007199254740992]"))))
        .isInstanceOf(NotIJsonException.class);
  }

  @Test
  void integers_beyond_the_long_range_stay_refused() {
    JsonNode tree = CanonicalJson.parse(utf8Bytes("{\"n\":123456789012345678901234}"));

    assertThatThrownBy(() -> CanonicalJson.bytes(tree))
        .isInstanceOf(NotIJsonException.class)
        .extracting(e -> ((NotIJsonException) e).path())
        .isEqualTo("/n");
  }

  @Test
  void binary_values_stay_refused() {
    assertThatThrownBy(() -> CanonicalJson.bytes(Map.of("b", new byte[] {1, 2})))
        .isInstanceOf(NotIJsonException.class)
        .extracting(e -> ((NotIJsonException) e).path())
        .isEqualTo("/b");
  }

  @Test
  void a_decimal_that_is_not_exactly_a_double_is_refused_not_rounded() {
    assertThatThrownBy(() -> CanonicalJson.bytes(Map.of("d", new BigDecimal("0.1"))))
        .isInstanceOf(NotIJsonException.class)
        .extracting(e -> ((NotIJsonException) e).path())
        .isEqualTo("/d");
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

  private static Stream<String> names(String dir) {
    try (Stream<Path> files =
        Files.list(Path.of(CanonicalJsonTest.class.getResource(ROOT + dir).toURI()))) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(names).isNotEmpty();
      return names.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
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
