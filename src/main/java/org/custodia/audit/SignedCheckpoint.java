package org.custodia.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A checkpoint as a C2SP signed note (c2sp.org/signed-note, c2sp.org/tlog-checkpoint), signed with
 * Ed25519. The note body is the origin, the tree size, the base64 root hash and one extension line
 * {@code timestamp <RFC 3339 UTC, milliseconds>}, each ending in a newline; the signature line is
 * {@code — <key name> base64(key hash || signature)} with the key hash the first four bytes of
 * SHA-256(key name || 0x0A || 0x01 || raw public key). The key name is the origin.
 *
 * @param signature Ed25519 signature over the UTF-8 bytes of {@link #body()}
 */
public record SignedCheckpoint(
    long treeSize,
    byte[] rootHash,
    Instant timestamp,
    String origin,
    byte[] keyHash,
    byte[] signature) {

  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Signature type byte of Ed25519 in C2SP signed notes. */
  static final byte ED25519 = 0x01;

  static SignedCheckpoint sign(
      String origin,
      long treeSize,
      byte[] rootHash,
      Instant timestamp,
      PrivateKey key,
      PublicKey publicKey) {
    return sign(
        origin,
        treeSize,
        rootHash,
        timestamp,
        publicKey,
        body -> {
          try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(body);
            return signer.sign();
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign checkpoint", e);
          }
        });
  }

  /**
   * Signs through {@code ed25519}, which returns the Ed25519 signature of the bytes it is given
   * (the service's {@code Signer}; this class stays JDK-only for the offline verifier).
   */
  static SignedCheckpoint sign(
      String origin,
      long treeSize,
      byte[] rootHash,
      Instant timestamp,
      PublicKey publicKey,
      java.util.function.UnaryOperator<byte[]> ed25519) {
    Instant time = timestamp.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    String body = body(origin, treeSize, rootHash, time);
    return new SignedCheckpoint(
        treeSize,
        rootHash,
        time,
        origin,
        keyHash(origin, publicKey),
        ed25519.apply(body.getBytes(StandardCharsets.UTF_8)));
  }

  static String body(String origin, long treeSize, byte[] rootHash, Instant timestamp) {
    return origin
        + "\n"
        + treeSize
        + "\n"
        + Base64.getEncoder().encodeToString(rootHash)
        + "\n"
        + "timestamp "
        + TIME.format(timestamp)
        + "\n";
  }

  /**
   * Reads a signed note in exactly the form {@link #note()} writes (origin, tree size, base64 root,
   * one {@code timestamp} line, a blank line, signature lines); the signature line whose key name
   * is the origin is the one kept. Throws {@link IllegalArgumentException} naming what is wrong;
   * the signature itself is checked by {@link #verifies}.
   */
  public static SignedCheckpoint parse(String note) {
    int blank = note.indexOf("\n\n");
    if (blank < 0) {
      throw new IllegalArgumentException("no blank line between the note body and its signatures");
    }
    String body = note.substring(0, blank + 1);
    String[] lines = body.split("\n", -1);
    if (lines.length != 5 || !lines[4].isEmpty()) {
      throw new IllegalArgumentException(
          "the body must be origin, tree size, root hash and one timestamp line");
    }
    String origin = lines[0];
    if (origin.isEmpty() || !origin.equals(origin.strip()) || origin.contains(" ")) {
      throw new IllegalArgumentException("bad origin line");
    }
    long size;
    try {
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the tree size is not a number: " + lines[1]);
    }
    if (size < 0 || !Long.toString(size).equals(lines[1])) {
      throw new IllegalArgumentException("the tree size is not a decimal number: " + lines[1]);
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the root hash is not base64");
    }
    if (root.length != Merkle.HASH_SIZE) {
      throw new IllegalArgumentException("the root hash is not 32 bytes");
    }
    if (!lines[3].startsWith("timestamp ")) {
      throw new IllegalArgumentException("no timestamp line");
    }
    Instant time;
    try {
      time = Instant.from(TIME.parse(lines[3].substring("timestamp ".length())));
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("bad timestamp: " + lines[3]);
    }
    String signatures = note.substring(blank + 2);
    if (signatures.isEmpty() || !signatures.endsWith("\n")) {
      throw new IllegalArgumentException("no signature line");
    }
    byte[] keyHash = null;
    byte[] signature = null;
    for (String line : signatures.substring(0, signatures.length() - 1).split("\n", -1)) {
      if (!line.startsWith("\u2014 ")) {
        throw new IllegalArgumentException("a signature line must start with an em dash");
      }
      String[] parts = line.substring(2).split(" ", -1);
      if (parts.length != 2) {
        throw new IllegalArgumentException("a signature line is '\u2014 <name> <base64>'");
      }
      byte[] blob;
      try {
        blob = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a signature is not base64");
      }
      if (parts[0].equals(origin) && keyHash == null && blob.length == 4 + 64) {
        keyHash = Arrays.copyOf(blob, 4);
        signature = Arrays.copyOfRange(blob, 4, blob.length);
      }
    }
    if (keyHash == null) {
      throw new IllegalArgumentException("no Ed25519 signature by the key named " + origin);
    }
    SignedCheckpoint cp = new SignedCheckpoint(size, root, time, origin, keyHash, signature);
    if (!cp.body().equals(body)) {
      throw new IllegalArgumentException("the body is not in canonical form");
    }
    return cp;
  }

  String body() {
    return body(origin, treeSize, rootHash, timestamp);
  }

  /** The complete signed note: body, blank line, one signature line. */
  public String note() {
    byte[] blob = new byte[keyHash.length + signature.length];
    System.arraycopy(keyHash, 0, blob, 0, keyHash.length);
    System.arraycopy(signature, 0, blob, keyHash.length, signature.length);
    return body() + "\n\u2014 " + origin + " " + Base64.getEncoder().encodeToString(blob) + "\n";
  }

  public String keyId() {
    return HexFormat.of().formatHex(keyHash);
  }

  public String time() {
    return TIME.format(timestamp);
  }

  /** Whether the signature verifies over the body with {@code publicKey}. */
  public boolean verifies(PublicKey publicKey) {
    if (!MessageDigest.isEqual(keyHash, keyHash(origin, publicKey))) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey);
      verifier.update(body().getBytes(StandardCharsets.UTF_8));
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** C2SP key hash: SHA-256(name || 0x0A || 0x01 || raw public key)[0:4]. */
  public static byte[] keyHash(String name, PublicKey publicKey) {
    MessageDigest sha256 = Merkle.sha256();
    sha256.update(name.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 0x0A);
    sha256.update(ED25519);
    return Arrays.copyOf(sha256.digest(rawEd25519(publicKey)), 4);
  }

  /** The 32 raw key bytes: the tail of the X.509 SubjectPublicKeyInfo encoding. */
  static byte[] rawEd25519(PublicKey publicKey) {
    byte[] spki = publicKey.getEncoded();
    return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
  }

  /** C2SP verifier key: {@code <name>+<hex key hash>+<base64(0x01 || raw key)>}. */
  static String verifierKey(String name, PublicKey publicKey) {
    byte[] raw = rawEd25519(publicKey);
    byte[] typed = new byte[raw.length + 1];
    typed[0] = ED25519;
    System.arraycopy(raw, 0, typed, 1, raw.length);
    return name
        + "+"
        + HexFormat.of().formatHex(keyHash(name, publicKey))
        + "+"
        + Base64.getEncoder().encodeToString(typed);
  }
}
