package org.custodia.integrity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.custodia.error.CustodiaException;
import org.custodia.error.ProblemType;
import org.custodia.integrity.Certs.Algorithm;
import org.custodia.integrity.Certs.Entity;
import org.custodia.keys.KeyStoreFile;
import org.custodia.keys.PemKeys;
import org.custodia.keys.Signer;
import org.custodia.keys.SoftwareSigner;
import org.custodia.support.KeyFiles;

/**
 * The signing key hierarchy: ECDSA and SM2 roots, the TSA key, and numbered generations of signing
 * keys (one ECDSA, one SM2 each; rotation adds a generation, old ones stay for verification).
 *
 * <p>Kept as owner-only PEM files (private key + certificate) in one directory, generated on first
 * use ({@code <data-dir>/keys/signing/}); or loaded from a PKCS#12 file with the aliases {@code
 * root-ec}, {@code root-sm2}, {@code tsa}, {@code signer-ec}, {@code signer-sm2} (the latter two
 * become generation 1; generations added by rotation are written to the directory).
 */
final class SigningKeys {
  private static final Pattern SIGNER = Pattern.compile("signer-(\\d+)-ec\\.pem");
  private static final Pattern STORED_SIGNER = Pattern.compile("signer-(?:(\\d+)-)?ec");

  /**
   * One generation of signing keys, and the signers receipts are signed through (software signers
   * over the two keys, or a hardware module's — see docs/security.md, "Key store").
   */
  record Generation(int number, Entity ec, Entity sm2, Signer ecSigner, Signer sm2Signer) {
    Generation(int number, Entity ec, Entity sm2) {
      this(
          number,
          ec,
          sm2,
          signer(Signer.Algorithm.ECDSA_P256_SHA256, ec),
          signer(Signer.Algorithm.SM2_SM3, sm2));
    }
  }

  /** A software signer over an entity's key, its certificate the chain. */
  static Signer signer(Signer.Algorithm algorithm, Entity entity) {
    return new SoftwareSigner(
        algorithm, entity.key(), entity.cert().getPublicKey(), List.of(entity.cert()));
  }

  private final Path dir;
  private final Entity ecRoot;
  private final Entity sm2Root;
  private final Entity tsa;
  private final List<Generation> generations = new ArrayList<>();

  private SigningKeys(Path dir, Entity ecRoot, Entity sm2Root, Entity tsa) {
    this.dir = dir;
    this.ecRoot = ecRoot;
    this.sm2Root = sm2Root;
    this.tsa = tsa;
  }

  /** Loads the hierarchy from {@code dir}, generating whatever is missing. */
  static synchronized SigningKeys open(Path dir) {
    Entity ecRoot =
        loadOrCreate(
            dir.resolve("root-ec.pem"), () -> Certs.root(Algorithm.EC, "Custodia Root CA P-256"));
    Entity sm2Root =
        loadOrCreate(
            dir.resolve("root-sm2.pem"), () -> Certs.root(Algorithm.SM2, "Custodia Root CA SM2"));
    Entity tsa = loadOrCreate(dir.resolve("tsa.pem"), () -> Certs.tsa(ecRoot, "Custodia TSA"));
    SigningKeys keys = new SigningKeys(dir, ecRoot, sm2Root, tsa);
    keys.loadGenerations();
    if (keys.generations.isEmpty()) {
      keys.rotate();
    }
    return keys;
  }

  /** Loads the hierarchy from a PKCS#12 file; rotated generations go to {@code dir}. */
  static synchronized SigningKeys pkcs12(Path file, char[] password, Path dir) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore ks = KeyStore.getInstance("PKCS12", Bc.provider());
      ks.load(in, password);
      SigningKeys keys =
          new SigningKeys(
              dir,
              entry(ks, "root-ec", password, false),
              entry(ks, "root-sm2", password, false),
              entry(ks, "tsa", password, true));
      keys.generations.add(
          new Generation(
              1, entry(ks, "signer-ec", password, true), entry(ks, "signer-sm2", password, true)));
      keys.loadGenerations();
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot load signing keys from " + file, e);
    }
  }

  /**
   * Loads the hierarchy from the shared key store: {@code root-ec}, {@code root-sm2}, {@code tsa}
   * and every generation {@code signer-<n>-ec} / {@code signer-<n>-sm2} ({@code signer-ec} / {@code
   * signer-sm2} count as generation 1). Nothing is written to disk: a new generation is added to
   * the store, not issued by one instance (see {@link #rotate}).
   */
  static synchronized SigningKeys store(KeyStoreFile store) {
    SigningKeys keys =
        new SigningKeys(
            null, entity(store, "root-ec"), entity(store, "root-sm2"), entity(store, "tsa"));
    for (String alias : store.aliases()) {
      Matcher m = STORED_SIGNER.matcher(alias);
      if (m.matches()) {
        String n = m.group(1) == null ? "" : m.group(1) + "-";
        keys.generations.add(
            new Generation(
                m.group(1) == null ? 1 : Integer.parseInt(m.group(1)),
                entity(store, "signer-" + n + "ec"),
                entity(store, "signer-" + n + "sm2")));
      }
    }
    keys.generations.sort((a, b) -> Integer.compare(a.number(), b.number()));
    return keys;
  }

  private static Entity entity(KeyStoreFile store, String alias) {
    return new Entity(store.privateKey(alias), store.chain(alias).get(0));
  }

  private static Entity entry(KeyStore ks, String alias, char[] password, boolean keyRequired)
      throws Exception {
    X509Certificate cert = (X509Certificate) ks.getCertificate(alias);
    if (cert == null) {
      throw new IllegalStateException("PKCS#12 has no entry " + alias);
    }
    PrivateKey key = (PrivateKey) ks.getKey(alias, password);
    if (key == null && keyRequired) {
      throw new IllegalStateException("PKCS#12 entry " + alias + " has no private key");
    }
    return new Entity(Certs.preferJdk(key), cert);
  }

  private void loadGenerations() {
    if (dir == null || !Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files
          .map(p -> SIGNER.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> Integer.parseInt(m.group(1)))
          .filter(n -> generations.stream().noneMatch(g -> g.number() == n))
          .sorted()
          .forEach(
              n ->
                  generations.add(
                      new Generation(
                          n,
                          read(dir.resolve("signer-" + n + "-ec.pem")),
                          read(dir.resolve("signer-" + n + "-sm2.pem")))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    generations.sort((a, b) -> Integer.compare(a.number(), b.number()));
  }

  /** Issues a new generation of signing certificates; the previous ones stay verifiable. */
  synchronized Generation rotate() {
    if (dir == null) {
      throw new CustodiaException(
          ProblemType.SIGNING_ROOTS_OFFLINE,
          "the signing keys come from the shared key store (custodia.keys.store): add the next"
              + " generation's signer-<n>-ec and signer-<n>-sm2 entries to the store and restart"
              + " every instance with it",
          null);
    }
    if (ecRoot.key() == null || sm2Root.key() == null) {
      throw new CustodiaException(
          ProblemType.SIGNING_ROOTS_OFFLINE,
          "the roots' private keys are not available here; issue new signing certificates with"
              + " the CA and replace the PKCS#12 file",
          null);
    }
    loadGenerations();
    int n = generations.isEmpty() ? 1 : generations.get(generations.size() - 1).number() + 1;
    Entity ec = Certs.signer(Algorithm.EC, ecRoot, "Custodia Receipt Signer P-256 #" + n);
    Entity sm2 = Certs.signer(Algorithm.SM2, sm2Root, "Custodia Receipt Signer SM2 #" + n);
    // the SM2 file first: a generation counts once its ECDSA file exists
    write(dir.resolve("signer-" + n + "-sm2.pem"), sm2);
    if (!write(dir.resolve("signer-" + n + "-ec.pem"), ec)) {
      // another instance issued this generation at the same moment: use its keys
      loadGenerations();
      return current();
    }
    Generation g = new Generation(n, new Entity(Certs.preferJdk(ec.key()), ec.cert()), sm2);
    generations.add(g);
    return g;
  }

  /** Picks up generations another instance sharing the directory has issued. */
  synchronized void refresh() {
    loadGenerations();
  }

  synchronized Generation current() {
    return generations.get(generations.size() - 1);
  }

  synchronized List<Generation> generations() {
    return List.copyOf(generations);
  }

  Entity ecRoot() {
    return ecRoot;
  }

  Entity sm2Root() {
    return sm2Root;
  }

  Entity tsa() {
    return tsa;
  }

  private static Entity loadOrCreate(Path file, java.util.function.Supplier<Entity> create) {
    if (!Files.exists(file)) {
      write(file, create.get());
    }
    return read(file);
  }

  /** Writes key and certificate owner-only; false when the file appeared meanwhile. */
  private static boolean write(Path file, Entity entity) {
    try {
      String text =
          KeyFiles.pem("PRIVATE KEY", entity.key().getEncoded())
              + KeyFiles.pem("CERTIFICATE", entity.cert().getEncoded());
      return KeyFiles.writeOnce(file, text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write signing key " + file, e);
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Entity read(Path file) {
    PemKeys pem = PemKeys.read(file);
    return new Entity(Certs.preferJdk(pem.key()), pem.certificates().get(0));
  }
}
