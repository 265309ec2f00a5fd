package org.custodia.keys;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.custodia.support.KeyFiles;

/**
 * Exports the key files of one data directory ({@code <data-dir>/keys/}) into a PKCS#12 key store
 * that every instance can load ({@code custodia.keys.store}): the move from one instance to N. The
 * secrets become secret-key entries; the access-token and checkpoint keys private-key entries with
 * a self-signed certificate (PKCS#12 wants one; nothing trusts it); the signing hierarchy keeps its
 * certificates, every generation as {@code signer-<n>-ec} / {@code signer-<n>-sm2}. Missing files
 * are refused: an export never makes up a key.
 */
public final class KeyExport {
  private static final Pattern GENERATION = Pattern.compile("signer-(\\d+)-ec\\.pem");

  private KeyExport() {}

  /**
   * {@code KeyExport [--data-dir d] [--audit-key-file keys/audit-checkpoint.pem] --out file.p12};
   * the password from {@code CUSTODIA_KEYS_PASSWORD}. Exit 0: written; 2: refused.
   */
  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Path dataDir = Path.of(env.getOrDefault("CUSTODIA_DATA_DIR", "./data"));
    String auditKeyFile = "keys/audit-checkpoint.pem";
    Path target = null;
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        err.println("missing value after " + args[i]);
        return 2;
      }
      switch (args[i]) {
        case "--data-dir" -> dataDir = Path.of(value);
        case "--audit-key-file" -> auditKeyFile = value;
        case "--out" -> target = Path.of(value);
        default -> {
          err.println("unknown option " + args[i]);
          return 2;
        }
      }
    }
    String password = env.get("CUSTODIA_KEYS_PASSWORD");
    if (target == null || password == null || password.isEmpty()) {
      err.println("usage: --out file.p12 with the password in CUSTODIA_KEYS_PASSWORD");
      return 2;
    }
    try {
      List<String> aliases =
          export(dataDir, dataDir.resolve(auditKeyFile), target, password.toCharArray());
      out.println("wrote " + target + ": " + String.join(", ", aliases));
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("cannot export: " + e.getMessage());
      return 2;
    }
  }

  /** Writes the store; refuses when {@code target} exists or a key file is missing. */
  public static List<String> export(Path dataDir, Path auditKey, Path target, char[] password)
      throws IOException {
    if (Files.exists(target)) {
      throw new IOException(target + " exists: the export does not overwrite a key store");
    }
    Path keys = dataDir.resolve("keys");
    KeyStore ks = KeyStoreFile.empty();
    KeyStore.ProtectionParameter protection = new KeyStore.PasswordProtection(password);
    try {
      secret(ks, protection, KeyStoreFile.IDENTIFIER_HMAC, existing(keys, "identifier-hmac.key"));
      secret(
          ks,
          protection,
          KeyStoreFile.LOGIN_THROTTLE_HMAC,
          existing(keys, "login-throttle-hmac.key"));
      pair(
          ks,
          password,
          KeyStoreFile.ACCESS_TOKEN,
          KeyFiles.ecP256(existing(keys, "access-token-es256.pem")),
          "SHA256withECDSA");
      pair(
          ks,
          password,
          KeyStoreFile.AUDIT_CHECKPOINT,
          KeyFiles.ed25519(existing(auditKey.getParent(), auditKey.getFileName().toString())),
          "Ed25519");
      Path signing = keys.resolve("signing");
      PemKeys rootEc = PemKeys.read(existing(signing, "root-ec.pem"));
      PemKeys rootSm2 = PemKeys.read(existing(signing, "root-sm2.pem"));
      entry(ks, password, "root-ec", rootEc, List.of());
      entry(ks, password, "root-sm2", rootSm2, List.of());
      entry(ks, password, "tsa", PemKeys.read(existing(signing, "tsa.pem")), rootEc.certificates());
      Map<Integer, Path> generations = new TreeMap<>();
      try (Stream<Path> files = Files.list(signing)) {
        files.forEach(
            f -> {
              Matcher m = GENERATION.matcher(f.getFileName().toString());
              if (m.matches()) {
                generations.put(Integer.parseInt(m.group(1)), f);
              }
            });
      }
      if (generations.isEmpty()) {
        throw new IOException("no signing generation (signer-<n>-ec.pem) in " + signing);
      }
      for (int n : generations.keySet()) {
        entry(
            ks,
            password,
            "signer-" + n + "-ec",
            PemKeys.read(existing(signing, "signer-" + n + "-ec.pem")),
            rootEc.certificates());
        entry(
            ks,
            password,
            "signer-" + n + "-sm2",
            PemKeys.read(existing(signing, "signer-" + n + "-sm2.pem")),
            rootSm2.certificates());
      }
      KeyStoreFile.save(ks, target, password);
      return new ArrayList<>(java.util.Collections.list(ks.aliases()));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the key store: " + e.getMessage(), e);
    }
  }

  private static Path existing(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IOException("no key file " + file);
    }
    return file;
  }

  private static void secret(
      KeyStore ks, KeyStore.ProtectionParameter protection, String alias, Path file)
      throws IOException, java.security.KeyStoreException {
    byte[] value = Files.readAllBytes(file);
    ks.setEntry(
        alias, new KeyStore.SecretKeyEntry(new SecretKeySpec(value, "HmacSHA256")), protection);
  }

  private static void entry(
      KeyStore ks, char[] password, String alias, PemKeys pem, List<X509Certificate> issuers)
      throws java.security.KeyStoreException {
    List<Certificate> chain = new ArrayList<>(pem.certificates());
    chain.addAll(issuers);
    ks.setKeyEntry(alias, pem.key(), password, chain.toArray(Certificate[]::new));
  }

  private static void pair(
      KeyStore ks, char[] password, String alias, KeyPair pair, String signature)
      throws java.security.KeyStoreException {
    ks.setKeyEntry(
        alias, pair.getPrivate(), password, new Certificate[] {selfSigned(pair, alias, signature)});
  }

  /** A self-signed holder certificate for a bare key (PKCS#12 keeps keys with certificates). */
  private static X509Certificate selfSigned(KeyPair pair, String alias, String signature) {
    try {
      X500Name name = new X500Name("CN=Custodia " + alias);
      Instant now = Instant.now();
      PrivateKey key = pair.getPrivate();
      return new JcaX509CertificateConverter()
          .getCertificate(
              new JcaX509v3CertificateBuilder(
                      name,
                      new BigInteger(64, new SecureRandom()),
                      Date.from(now),
                      Date.from(now.plus(Duration.ofDays(36500))),
                      name,
                      pair.getPublic())
                  .build(new JcaContentSignerBuilder(signature).build(key)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot certify the " + alias + " key", e);
    }
  }
}
