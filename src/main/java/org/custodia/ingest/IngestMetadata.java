package org.custodia.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custodia.error.CustodiaException;
import org.custodia.support.Text;

/**
 * The validated {@code Upload-Metadata} of an upload (values base64 per tus). Every rule names the
 * offending key in the problem's {@code field}. {@code header} is the header as the client sent it,
 * returned on HEAD (tus creation).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestMetadata(
    String filename,
    String contentType,
    UUID deviceId,
    UUID officerId,
    Instant recordedFrom,
    Instant recordedTo,
    String sha256,
    UUID subjectId,
    UUID caseId,
    String actionType,
    BigDecimal latitude,
    BigDecimal longitude,
    String title,
    String notes,
    String header) {

  private static final Pattern CONTENT_TYPE =
      Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** A key (an HTTP token) and optionally, after one space, a base64 value. */
  private static final Pattern PAIR =
      Pattern.compile("([!#$%&'*+\\-.^_`|~0-9A-Za-z]+)(?: ([A-Za-z0-9+/]*={0,2}))?");

  private static final Set<String> ACTION_TYPES =
      Set.of(
          "ON_SITE",
          "EVIDENCE_GATHERING",
          "SEIZURE",
          "DEMOLITION",
          "HEARING",
          "LEFT_BEHIND_SERVICE",
          "SERVICE_BY_ANNOUNCEMENT",
          "CASE_HANDLING_SITE",
          "OTHER");
  private static final Set<String> KNOWN =
      Set.of(
          "filename",
          "contentType",
          "filetype",
          "deviceId",
          "officerId",
          "recordedFrom",
          "recordedTo",
          "sha256",
          "subjectId",
          "caseId",
          "actionType",
          "latitude",
          "longitude",
          "title",
          "notes");

  public byte[] claimedSha256() {
    return HexFormat.of().parseHex(sha256);
  }

  /**
   * Parses and validates the header; {@code station} uploads must name device and recording times.
   * Every value is decoded exactly: not UTF-8, U+0000 or an unpaired surrogate is refused naming
   * its key, never replaced or stripped.
   */
  public static IngestMetadata parse(String header, boolean station) {
    Map<String, String> raw = decode(header);
    String filename = required(raw, "filename");
    if (filename.codePointCount(0, filename.length()) > 255
        || filename.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))
        || filename.indexOf('/') >= 0
        || filename.indexOf('\\') >= 0) {
      throw CustodiaException.invalid(
          "filename",
          "filename must be 1-255 characters without path separators or control characters");
    }
    String typeKey = raw.containsKey("contentType") ? "contentType" : "filetype";
    String contentType = raw.get(typeKey);
    if (contentType == null || contentType.isEmpty()) {
      throw CustodiaException.invalid(typeKey, typeKey + " is required");
    }
    // a media type is a protocol token: its case carries no meaning, anything else is refused
    contentType = contentType.toLowerCase(Locale.ROOT);
    if (!CONTENT_TYPE.matcher(contentType).matches()) {
      throw CustodiaException.invalid(
          typeKey,
          typeKey
              + " must be a media type like video/mp4 (no parameters, spaces or control"
              + " characters)");
    }
    String sha256 = required(raw, "sha256").toLowerCase(Locale.ROOT);
    if (!SHA256.matcher(sha256).matches()) {
      throw CustodiaException.invalid("sha256", "sha256 must be 64 hexadecimal characters");
    }
    UUID deviceId = uuid(raw, "deviceId", station);
    UUID officerId = uuid(raw, "officerId", true);
    Instant from = time(raw, "recordedFrom", station);
    Instant to = time(raw, "recordedTo", station);
    if (to != null && from == null) {
      throw CustodiaException.invalid("recordedFrom", "recordedFrom is required with recordedTo");
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw CustodiaException.invalid("recordedTo", "recordedTo is before recordedFrom");
    }
    String actionType = raw.get("actionType");
    if (actionType != null && !ACTION_TYPES.contains(actionType)) {
      throw CustodiaException.invalid("actionType", "actionType must be one of " + ACTION_TYPES);
    }
    BigDecimal latitude = coordinate(raw, "latitude", 90);
    BigDecimal longitude = coordinate(raw, "longitude", 180);
    if ((latitude == null) != (longitude == null)) {
      throw CustodiaException.invalid(
          latitude == null ? "latitude" : "longitude", "latitude and longitude go together");
    }
    String title = text(raw, "title", 500);
    String notes = text(raw, "notes", 4000);
    return new IngestMetadata(
        filename,
        contentType,
        deviceId,
        officerId,
        from,
        to,
        sha256,
        uuid(raw, "subjectId", false),
        uuid(raw, "caseId", false),
        actionType,
        latitude,
        longitude,
        title,
        notes,
        header);
  }

  /**
   * tus: comma-separated pairs of a key (a token: no spaces, commas or control characters; unique;
   * not empty) and, after one space, its value in base64 (the value may be left out). Anything else
   * is refused naming the header; a value that is not base64, or of a known key not UTF-8, naming
   * its key. Keys this service does not know are checked and kept in the header only.
   */
  private static Map<String, String> decode(String header) {
    if (header == null || header.isEmpty()) {
      throw CustodiaException.invalid("Upload-Metadata", "Upload-Metadata is required");
    }
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (String element : header.split(",", -1)) {
      String pair = ows(element);
      if (pair.isEmpty()) {
        throw CustodiaException.invalid(
            "Upload-Metadata", "Upload-Metadata has an empty key (two commas in a row?)");
      }
      Matcher m = PAIR.matcher(pair);
      if (!m.matches()) {
        throw CustodiaException.invalid(
            "Upload-Metadata",
            "Upload-Metadata pairs are a key (a token) and at most one base64 value after one"
                + " space");
      }
      String key = m.group(1);
      if (!seen.add(key)) {
        throw CustodiaException.invalid(
            "Upload-Metadata", "Upload-Metadata gives the key " + key + " twice");
      }
      byte[] bytes;
      try {
        bytes = m.group(2) == null ? new byte[0] : Base64.getDecoder().decode(m.group(2));
      } catch (IllegalArgumentException e) {
        throw CustodiaException.invalid(
            KNOWN.contains(key) ? key : "Upload-Metadata",
            "the value of metadata key " + key + " is not base64");
      }
      if (KNOWN.contains(key)) {
        values.put(key, Text.utf8(key, bytes));
      }
      // other keys (e.g. tus clients' "name") are only kept in the header as sent
    }
    return values;
  }

  /** Strips the optional white space (SP, HTAB) around a list element, nothing else. */
  private static String ows(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return s.substring(from, to);
  }

  private static String required(Map<String, String> raw, String key) {
    String value = raw.get(key);
    if (value == null || value.isBlank()) {
      throw CustodiaException.invalid(key, key + " is required");
    }
    return value;
  }

  private static UUID uuid(Map<String, String> raw, String key, boolean required) {
    String value = raw.get(key);
    if (value == null || value.isEmpty()) {
      if (required) {
        throw CustodiaException.invalid(key, key + " is required");
      }
      return null;
    }
    if (!UUID_TEXT.matcher(value).matches()) {
      throw CustodiaException.invalid(key, key + " must be a UUID");
    }
    return UUID.fromString(value);
  }

  private static Instant time(Map<String, String> raw, String key, boolean required) {
    String value = raw.get(key);
    if (value == null || value.isEmpty()) {
      if (required) {
        throw CustodiaException.invalid(key, key + " is required");
      }
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw CustodiaException.invalid(key, key + " must be an RFC 3339 time");
    }
  }

  private static BigDecimal coordinate(Map<String, String> raw, String key, int limit) {
    String value = raw.get(key);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      BigDecimal d = new BigDecimal(value);
      if (d.abs().compareTo(BigDecimal.valueOf(limit)) > 0) {
        throw CustodiaException.invalid(key, key + " out of range");
      }
      return d.setScale(6, java.math.RoundingMode.HALF_UP);
    } catch (NumberFormatException e) {
      throw CustodiaException.invalid(key, key + " must be a decimal number");
    }
  }

  /** Free text, stored exactly as sent (already strictly decoded); empty means not given. */
  private static String text(Map<String, String> raw, String key, int max) {
    String value = raw.get(key);
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.codePointCount(0, value.length()) > max) {
      throw CustodiaException.invalid(key, key + " is longer than " + max + " characters");
    }
    return value;
  }
}
