package org.custodia.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The shared key store: one PKCS#12 file (Bouncy Castle's PKCS#12, which reads SM2 keys) holding
 * every service key. Secret keys (HMAC) are secret-key entries; key pairs are private-key entries
 * with their certificate chain; the roots may be certificate-only entries (offline roots). Loading
 * checks that every {@link #REQUIRED} alias and at least one signing generation is present and
 * refuses otherwise, naming the alias: an instance never makes up a key the others lack.
 */
public final class KeyStoreFile {
  public static final String ACCESS_TOKEN = "access-token";
  public static final String AUDIT_CHECKPOINT = "audit-checkpoint";
  public static final String IDENTIFIER_HMAC = "identifier-hmac";
  public static final String LOGIN_THROTTLE_HMAC = "login-throttle-hmac";

  /** Aliases every store must hold (signing generations {@code signer-<n>-ec/-sm2} besides). */
  public static final List<String> REQUIRED =
      List.of(
          ACCESS_TOKEN,
          AUDIT_CHECKPOINT,
          IDENTIFIER_HMAC,
          LOGIN_THROTTLE_HMAC,
          "root-ec",
          "root-sm2",
          "tsa");

  private final Path file;
  private final KeyStore store;
  private final char[] password;

  private KeyStoreFile(Path file, KeyStore store, char[] password) {
    this.file = file;
    this.store = store;
    this.password = password.clone();
  }

  /**
   * A new, empty PKCS#12 key store of the kind {@link #load} reads: keys encrypted with AES-256
   * (PBES2), certificates with AES-128 (Bouncy Castle's default would be 3DES).
   */
  public static KeyStore empty() {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12-AES256-AES128", new BouncyCastleProvider());
      ks.load(null, null);
      return ks;
    } catch (Exception e) {
      throw new IllegalStateException("cannot create a PKCS#12 key store", e);
    }
  }

  /** Loads and checks the store; refuses (naming the alias) when an entry is missing. */
  public static KeyStoreFile load(Path file, char[] password) {
    KeyStore ks;
    try (InputStream in = Files.newInputStream(file)) {
      ks = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
      ks.load(in, password);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the key store " + file + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the key store " + file, e);
    }
    KeyStoreFile store = new KeyStoreFile(file, ks, password);
    for (String alias : REQUIRED) {
      store.require(alias);
    }
    if (store.aliases().stream().noneMatch(a -> a.matches("signer-\\d+-ec|signer-ec"))) {
      store.require("signer-1-ec");
    }
    return store;
  }

  /** Writes {@code ks} to {@code file} owner-only, replacing it atomically. */
  public static void save(KeyStore ks, Path file, char[] password) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp =
        Files.createTempFile(
            dir,
            ".keys",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        ks.store(out, password);
      } catch (Exception e) {
        throw new IOException("cannot write the key store: " + e.getMessage(), e);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private void require(String alias) {
    if (!has(alias)) {
      throw new IllegalStateException(
          "the key store "
              + file
              + " has no entry '"
              + alias
              + "': add it (scripts/keys export writes every key) — an instance never generates a"
              + " key the others do not have");
    }
  }

  public Path file() {
    return file;
  }

  public boolean has(String alias) {
    try {
      return store.containsAlias(alias);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public Set<String> aliases() {
    try {
      return new TreeSet<>(Collections.list(store.aliases()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The secret-key entry {@code alias}, which must be exactly {@code bytes} long. */
  public byte[] secret(String alias, int bytes) {
    require(alias);
    byte[] value = key(alias).getEncoded();
    if (value == null || value.length != bytes) {
      throw new IllegalStateException(
          "key store entry '" + alias + "' must be a secret key of " + bytes + " bytes");
    }
    return value;
  }

  /** The private key of {@code alias}, or null for a certificate-only entry. */
  public PrivateKey privateKey(String alias) {
    require(alias);
    Key key = key(alias);
    if (key != null && !(key instanceof PrivateKey)) {
      throw new IllegalStateException("key store entry '" + alias + "' is not a private key");
    }
    return key == null ? null : (PrivateKey) preferJdk(key);
  }

  /** The certificate chain of {@code alias}, its own certificate first. */
  public List<X509Certificate> chain(String alias) {
    require(alias);
    try {
      Certificate[] chain = store.getCertificateChain(alias);
      List<X509Certificate> out = new ArrayList<>();
      if (chain == null) {
        out.add((X509Certificate) store.getCertificate(alias));
      } else {
        for (Certificate c : chain) {
          out.add((X509Certificate) c);
        }
      }
      return List.copyOf(out);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read key store entry '" + alias + "'", e);
    }
  }

  /** The key pair of a private-key entry (public key from its certificate). */
  public KeyPair keyPair(String alias) {
    PrivateKey key = privateKey(alias);
    if (key == null) {
      throw new IllegalStateException("key store entry '" + alias + "' has no private key");
    }
    return new KeyPair((PublicKey) preferJdk(chain(alias).get(0).getPublicKey()), key);
  }

  private Key key(String alias) {
    try {
      return store.getKey(alias, password);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read key store entry '" + alias + "'", e);
    }
  }

  /** The JDK's form of a key where the JDK knows its algorithm (P-256, Ed25519), else as is. */
  static Key preferJdk(Key key) {
    try {
      KeyFactory f = KeyFactory.getInstance(key.getAlgorithm());
      return key instanceof PrivateKey
          ? f.generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()))
          : f.generatePublic(new X509EncodedKeySpec(key.getEncoded()));
    } catch (Exception e) {
      return key; // SM2: Bouncy Castle's key
    }
  }
}
