package org.custodia.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.custodia.error.CustodiaException;

/**
 * The validated {@code Upload-Metadata} of an upload (values base64 per tus). Every rule names the
 * offending key in the problem's {@code field}.
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
    String notes) {

  private static final Pattern CONTENT_TYPE =
      Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Set<String> ACTION_TYPES =
      Set.of(
          "ON_SITE",
          "EVIDENCE_GATHERING",
          "SEIZURE",
          "DEMOLITION",
          "HEARING",
          "LEFT_BEHIND_SERVICE",
          "SERVICE_BY_ANNOUNCEMENT",
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
   */
  public static IngestMetadata parse(String header, boolean station) {
    Map<String, String> raw = decode(header);
    String filename = required(raw, "filename");
    if (filename.length() > 255
        || filename.chars().anyMatch(c -> c < 0x20 || c == '/' || c == '\\')) {
      throw CustodiaException.invalid(
          "filename",
          "filename must be 1-255 characters without path separators or control characters");
    }
    String contentType =
        raw.containsKey("contentType") ? raw.get("contentType") : raw.get("filetype");
    if (contentType == null || contentType.isBlank()) {
      throw CustodiaException.invalid("contentType", "contentType is required");
    }
    contentType = contentType.trim().toLowerCase(java.util.Locale.ROOT);
    if (!CONTENT_TYPE.matcher(contentType).matches()) {
      throw CustodiaException.invalid(
          "contentType", "contentType must be a media type like video/mp4");
    }
    String sha256 = required(raw, "sha256").trim().toLowerCase(java.util.Locale.ROOT);
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
        notes);
  }

  private static Map<String, String> decode(String header) {
    if (header == null || header.isBlank()) {
      throw CustodiaException.invalid("Upload-Metadata", "Upload-Metadata is required");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : header.split(",")) {
      String trimmed = pair.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      String[] kv = trimmed.split(" ", 2);
      String key = kv[0];
      if (!KNOWN.contains(key)) {
        continue; // tolerate extra keys some clients send (e.g. "name")
      }
      if (values.containsKey(key)) {
        throw CustodiaException.invalid(key, "metadata key given twice");
      }
      try {
        values.put(
            key,
            kv.length < 2
                ? ""
                : new String(Base64.getDecoder().decode(kv[1].trim()), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw CustodiaException.invalid(key, "metadata value is not base64");
      }
    }
    return values;
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
    if (value == null || value.isBlank()) {
      if (required) {
        throw CustodiaException.invalid(key, key + " is required");
      }
      return null;
    }
    try {
      return UUID.fromString(value.trim());
    } catch (IllegalArgumentException e) {
      throw CustodiaException.invalid(key, key + " must be a UUID");
    }
  }

  private static Instant time(Map<String, String> raw, String key, boolean required) {
    String value = raw.get(key);
    if (value == null || value.isBlank()) {
      if (required) {
        throw CustodiaException.invalid(key, key + " is required");
      }
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw CustodiaException.invalid(key, key + " must be an RFC 3339 time");
    }
  }

  private static BigDecimal coordinate(Map<String, String> raw, String key, int limit) {
    String value = raw.get(key);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      BigDecimal d = new BigDecimal(value.trim());
      if (d.abs().compareTo(BigDecimal.valueOf(limit)) > 0) {
        throw CustodiaException.invalid(key, key + " out of range");
      }
      return d.setScale(6, java.math.RoundingMode.HALF_UP);
    } catch (NumberFormatException e) {
      throw CustodiaException.invalid(key, key + " must be a decimal number");
    }
  }

  private static String text(Map<String, String> raw, String key, int max) {
    String value = raw.get(key);
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > max) {
      throw CustodiaException.invalid(key, key + " is longer than " + max + " characters");
    }
    return value;
  }
}
