package org.custodia.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Service keys live in the data directory, generated on first start, never in the repository. Files
 * are written owner-only, flushed to disk and published by a hard link that fails if the name
 * exists, so instances starting together agree on one key.
 */
public final class KeyFiles {
  private KeyFiles() {}

  /** Loads the P-256 key pair stored at {@code file} (PKCS#8 PEM), generating it if absent. */
  public static KeyPair ecP256(Path file) {
    return loadOrCreate(file, "EC", () -> generate("EC", new ECGenParameterSpec("secp256r1")));
  }

  /** Loads the Ed25519 key pair stored at {@code file} (PKCS#8 PEM), generating it if absent. */
  public static KeyPair ed25519(Path file) {
    return loadOrCreate(file, "Ed25519", () -> generate("Ed25519", null));
  }

  /**
   * Loads the secret of exactly {@code bytes} random bytes stored at {@code file}, generating it if
   * absent (HMAC keys).
   */
  public static byte[] secret(Path file, int bytes) {
    try {
      if (!Files.exists(file)) {
        byte[] fresh = new byte[bytes];
        new SecureRandom().nextBytes(fresh);
        writeOnce(file, fresh);
      }
      byte[] stored;
      try (var in = Files.newInputStream(file)) {
        stored = in.readNBytes(bytes + 1);
      }
      if (stored.length != bytes) {
        throw new IllegalStateException(
            "key file " + file + " must hold exactly " + bytes + " bytes");
      }
      return stored;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create key " + file, e);
    }
  }

  private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (spec != null) {
        generator.initialize(spec);
      }
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException("cannot generate " + algorithm + " key", e);
    }
  }

  private static KeyPair loadOrCreate(Path file, String algorithm, Supplier<KeyPair> generator) {
    try {
      if (!Files.exists(file)) {
        KeyPair pair = generator.get();
        writeOnce(
            file,
            (pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                    + pem("PUBLIC KEY", pair.getPublic().getEncoded()))
                .getBytes(StandardCharsets.US_ASCII));
      }
      return read(file, algorithm);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create key " + file, e);
    }
  }

  /**
   * Writes a secret to {@code file} unless it exists: owner-only, flushed to disk, then published
   * by a hard link, which fails when the name exists (a rename would silently replace a key another
   * instance may already use). Returns false when another process published first; the caller then
   * loads that one.
   */
  public static boolean writeOnce(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp =
        Files.createTempFile(
            file.getParent(),
            ".key",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        out.write(ByteBuffer.wrap(content));
        out.force(true);
      }
      try {
        Files.createLink(file, tmp);
      } catch (UnsupportedOperationException e) {
        Files.move(tmp, file); // no REPLACE_EXISTING: fails if it exists
      }
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static KeyPair read(Path file, String algorithm) throws IOException {
    String text = Files.readString(file);
    try {
      KeyFactory factory = KeyFactory.getInstance(algorithm);
      PrivateKey priv =
          factory.generatePrivate(new PKCS8EncodedKeySpec(block(text, "PRIVATE KEY")));
      PublicKey pub = factory.generatePublic(new X509EncodedKeySpec(block(text, "PUBLIC KEY")));
      return new KeyPair(pub, priv);
    } catch (Exception e) {
      throw new IllegalStateException(
          "key file " + file + " is not a valid " + algorithm + " key", e);
    }
  }

  public static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] block(String text, String type) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("no " + type + " block");
    }
    return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
  }
}
