package org.custodia.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Service keys live in the data directory, generated on first start, never in the repository. Files
 * are written owner-only and published by an atomic move, so instances starting together agree on
 * one key.
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
        Files.createDirectories(file.getParent());
        KeyPair pair = generator.get();
        Path tmp =
            Files.createTempFile(
                file.getParent(),
                ".key",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(
            tmp,
            pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
          Files.deleteIfExists(tmp);
        }
      }
      return read(file, algorithm);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create key " + file, e);
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
