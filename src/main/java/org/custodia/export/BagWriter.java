package org.custodia.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.custodia.digest.StreamingDigests;

/**
 * Writes one BagIt 1.0 bag (RFC 8493) as a zip that unpacks to a single base directory. Payload
 * files stream through SHA-256, SHA-512 and SM3 on their way into the zip, so the manifests need no
 * second read (for an original, SM3 runs on a second thread); the tag files and the tag manifest
 * are written after the payload.
 */
final class BagWriter implements AutoCloseable {
  private static final HexFormat HEX = HexFormat.of();
  private static final int BUFFER = 256 * 1024;

  /** The digests of one file, lowercase hex. */
  record Digests(String sha256, String sha512, String sm3, long size) {}

  /** Reports bytes as they pass. */
  interface Progress {
    void bytes(long n);
  }

  private final ZipOutputStream zip;
  private final String base;
  private final Map<String, Digests> payload = new LinkedHashMap<>();
  private final Map<String, String> tags = new LinkedHashMap<>();
  private final byte[] buffer = new byte[BUFFER];
  private long payloadBytes;

  BagWriter(OutputStream out, String base) {
    // the deflater's output buffer is 512 bytes by default: an original (stored blocks, level 0)
    // would reach the spool file in 512-byte writes, four million of them for 2 GiB
    this.zip =
        new ZipOutputStream(out, StandardCharsets.UTF_8) {
          {
            buf = new byte[BUFFER];
          }
        };
    this.base = base + "/";
  }

  /** Streams one payload file ({@code data/…}) into the bag and returns its digests. */
  Digests payload(String path, InputStream in, boolean compress, Progress progress)
      throws IOException {
    if (!path.startsWith("data/") || payload.containsKey(path)) {
      throw new IllegalArgumentException("payload path " + path);
    }
    MessageDigest sha512 = sha512();
    StreamingDigests.Result sha256AndSm3;
    long size = 0;
    try (StreamingDigests digests = new StreamingDigests()) {
      if (!compress) {
        digests.pipelined(); // an original: SM3 (the slowest) on a second thread
      }
      zip.setLevel(compress ? Deflater.DEFAULT_COMPRESSION : Deflater.NO_COMPRESSION);
      zip.putNextEntry(new ZipEntry(base + path));
      int n;
      // whole buffers (the store's stream answers 8 KiB at a time): one pass of each digest, one
      // hand-over to the SM3 thread and one deflater call per 256 KiB
      while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
        digests.update(buffer, 0, n);
        sha512.update(buffer, 0, n);
        zip.write(buffer, 0, n);
        size += n;
        if (progress != null) {
          progress.bytes(n);
        }
      }
      zip.closeEntry();
      sha256AndSm3 = digests.result();
    }
    Digests d =
        new Digests(
            HEX.formatHex(sha256AndSm3.sha256()),
            HEX.formatHex(sha512.digest()),
            HEX.formatHex(sha256AndSm3.sm3()),
            size);
    payload.put(path, d);
    payloadBytes += size;
    return d;
  }

  Digests payload(String path, byte[] content) throws IOException {
    return payload(path, new java.io.ByteArrayInputStream(content), true, null);
  }

  /** Writes a tag file (outside data/), listed in the tag manifest. */
  void tag(String path, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    zip.setLevel(Deflater.DEFAULT_COMPRESSION);
    zip.putNextEntry(new ZipEntry(base + path));
    zip.write(bytes);
    zip.closeEntry();
    MessageDigest sha512 = sha512();
    tags.put(path, HEX.formatHex(sha512.digest(bytes)));
  }

  /**
   * Writes {@code bagit.txt}, {@code bag-info.txt} (with {@code info} after the Payload-Oxum and
   * Bagging-Date), the payload manifests and the tag manifest, and finishes the zip.
   */
  void finish(Map<String, String> info, LocalDate baggingDate) throws IOException {
    tag("bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
    StringBuilder bagInfo = new StringBuilder();
    bagInfo.append("Payload-Oxum: ").append(payloadBytes).append('.').append(payload.size());
    bagInfo.append('\n');
    bagInfo.append("Bagging-Date: ").append(baggingDate).append('\n');
    for (Map.Entry<String, String> e : info.entrySet()) {
      bagInfo.append(e.getKey()).append(": ").append(oneLine(e.getValue())).append('\n');
    }
    tag("bag-info.txt", bagInfo.toString());
    tag("manifest-sha256.txt", manifest(Digests::sha256));
    tag("manifest-sha512.txt", manifest(Digests::sha512));
    tag("manifest-sm3.txt", manifest(Digests::sm3));
    StringBuilder tagManifest = new StringBuilder();
    for (Map.Entry<String, String> e : new ArrayList<>(tags.entrySet())) {
      tagManifest.append(e.getValue()).append("  ").append(e.getKey()).append('\n');
    }
    byte[] bytes = tagManifest.toString().getBytes(StandardCharsets.UTF_8);
    zip.setLevel(Deflater.DEFAULT_COMPRESSION);
    zip.putNextEntry(new ZipEntry(base + "tagmanifest-sha512.txt"));
    zip.write(bytes);
    zip.closeEntry();
    zip.finish();
  }

  private String manifest(java.util.function.Function<Digests, String> digest) {
    StringBuilder m = new StringBuilder();
    for (Map.Entry<String, Digests> e : payload.entrySet()) {
      m.append(digest.apply(e.getValue())).append("  ").append(e.getKey()).append('\n');
    }
    return m.toString();
  }

  /** A bag-info value on one line (RFC 8493 allows folding; we never need it). */
  static String oneLine(String value) {
    return value.replaceAll("[\\r\\n\\t]+", " ").strip();
  }

  List<String> payloadPaths() {
    return List.copyOf(payload.keySet());
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
