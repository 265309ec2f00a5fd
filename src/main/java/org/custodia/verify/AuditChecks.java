package org.custodia.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custodia.audit.Merkle;
import org.custodia.audit.SignedCheckpoint;

/**
 * The audit section of a Custodia export ({@code data/audit/}): the signed checkpoint (a C2SP
 * signed note, Ed25519) against {@code data/certs/audit-checkpoint-ed25519.pem} or the {@code
 * --trust} keys; each entry's RFC 6962 leaf hash with its RFC 9162 inclusion proof to that
 * checkpoint's root; every entry has a proof and every proof an entry; and the consistency proof
 * from the previous export's signed checkpoint. The tree arithmetic and note format are the
 * service's own ({@link Merkle}, {@link SignedCheckpoint}).
 */
final class AuditChecks {
  static final String DIR = "data/audit/";
  static final String CHECKPOINT = DIR + "checkpoint";
  static final String PREVIOUS = DIR + "previous-checkpoint";
  static final String CONSISTENCY = DIR + "consistency.txt";
  static final String KEY = "data/certs/audit-checkpoint-ed25519.pem";
  static final String PROOF_HEADER = "c2sp.org/tlog-proof@v1";
  static final long MAX_NOTE = 64 << 10;
  static final long MAX_ENTRY = 1 << 20;

  /** A proof of a tree of 2^63 leaves has 63 hashes. */
  static final int MAX_PATH = 64;

  private static final Pattern ENTRY =
      Pattern.compile("data/audit/entries/(0|[1-9][0-9]{0,17})\\.json");
  private static final Pattern PROOF =
      Pattern.compile("data/audit/proofs/(0|[1-9][0-9]{0,17})\\.proof");
  private static final Pattern PEM_KEY =
      Pattern.compile(
          "-----BEGIN PUBLIC KEY-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END PUBLIC KEY-----");

  private AuditChecks() {}

  static void check(BagVerifier.Bag bag, Trust trust, Report report) throws IOException {
    TreeMap<Long, String> entries = new TreeMap<>();
    TreeMap<Long, String> proofs = new TreeMap<>();
    for (String name : bag.files().keySet()) {
      if (!name.startsWith(DIR)) {
        continue;
      }
      Matcher e = ENTRY.matcher(name);
      Matcher p = PROOF.matcher(name);
      if (e.matches()) {
        entries.put(Long.parseLong(e.group(1)), name);
      } else if (p.matches()) {
        proofs.put(Long.parseLong(p.group(1)), name);
      } else if (!name.equals(CHECKPOINT) && !name.equals(PREVIOUS) && !name.equals(CONSISTENCY)) {
        report.fail(name, "audit layout", "a file the audit section does not have");
      }
    }
    if (!bag.files().containsKey(CHECKPOINT)) {
      report.fail(CHECKPOINT, "present", "a Custodia export without its signed audit checkpoint");
      return;
    }
    String note = text(bag, CHECKPOINT, MAX_NOTE, report);
    if (note == null) {
      return;
    }
    SignedCheckpoint cp;
    try {
      cp = SignedCheckpoint.parse(note);
    } catch (IllegalArgumentException e) {
      report.fail(CHECKPOINT, "signed note", "not a C2SP signed checkpoint: " + e.getMessage());
      return;
    }
    List<PublicKey> keys = keys(bag, trust, report);
    signature(CHECKPOINT, "checkpoint signature", cp, keys, trust, report);

    if (entries.isEmpty()) {
      report.fail(DIR + "entries/", "entries", "no audit entries in the package");
    }
    TreeSet<Long> all = new TreeSet<>(entries.keySet());
    all.addAll(proofs.keySet());
    int included = 0;
    for (long i : all) {
      String entry = entries.get(i);
      String proof = proofs.get(i);
      if (proof == null) {
        report.fail(entry, "proof", "no " + DIR + "proofs/" + i + ".proof for this entry");
        continue;
      }
      if (entry == null) {
        report.fail(proof, "entry", "no " + DIR + "entries/" + i + ".json for this proof");
        continue;
      }
      if (inclusion(bag, i, entry, proof, note, cp, report)) {
        included++;
      }
    }
    if (included > 0) {
      report.pass(
          DIR + "entries/",
          "inclusion",
          included
              + " of "
              + entries.size()
              + " entries are leaves of the tree of "
              + cp.treeSize()
              + " the checkpoint signs");
    }
    consistency(bag, cp, keys, trust, report);
  }

  private static boolean inclusion(
      BagVerifier.Bag bag,
      long index,
      String entry,
      String proof,
      String note,
      SignedCheckpoint cp,
      Report report)
      throws IOException {
    String text = text(bag, proof, MAX_NOTE + 8192, report);
    if (text == null) {
      return false;
    }
    int blank = text.indexOf("\n\n");
    if (blank < 0) {
      report.fail(proof, "proof format", "no blank line before the checkpoint");
      return false;
    }
    if (!text.substring(blank + 2).equals(note)) {
      report.fail(proof, "checkpoint", "the proof's checkpoint is not " + CHECKPOINT);
      return false;
    }
    String[] lines = text.substring(0, blank).split("\n", -1);
    if (lines.length < 2 || !lines[0].equals(PROOF_HEADER)) {
      report.fail(proof, "proof format", "does not start with " + PROOF_HEADER);
      return false;
    }
    if (!lines[1].equals("index " + index)) {
      report.fail(proof, "index", "says '" + lines[1] + "', its name says index " + index);
      return false;
    }
    List<byte[]> path = hashes(lines, 2, proof, report);
    if (path == null) {
      return false;
    }
    byte[] bytes = read(bag, entry, MAX_ENTRY, report);
    if (bytes == null) {
      return false;
    }
    if (index >= cp.treeSize()) {
      report.fail(entry, "inclusion", "index " + index + " is past the tree size " + cp.treeSize());
      return false;
    }
    if (!Merkle.verifyInclusion(
        index, cp.treeSize(), Merkle.leafHash(bytes), path, cp.rootHash())) {
      report.fail(
          entry,
          "inclusion",
          "its leaf hash and "
              + proof
              + " do not lead to the root of the checkpoint (the entry or the proof was altered)");
      return false;
    }
    return true;
  }

  private static void consistency(
      BagVerifier.Bag bag, SignedCheckpoint cp, List<PublicKey> keys, Trust trust, Report report)
      throws IOException {
    boolean hasPrevious = bag.files().containsKey(PREVIOUS);
    boolean hasProof = bag.files().containsKey(CONSISTENCY);
    if (!hasPrevious && !hasProof) {
      report.pass(
          DIR, "consistency", "no previous export of the case: no consistency proof to check");
      return;
    }
    if (!hasPrevious) {
      report.fail(CONSISTENCY, "previous checkpoint", "no " + PREVIOUS + " to prove it from");
      return;
    }
    if (!hasProof) {
      report.fail(PREVIOUS, "consistency proof", "no " + CONSISTENCY + " from it");
      return;
    }
    String note = text(bag, PREVIOUS, MAX_NOTE, report);
    if (note == null) {
      return;
    }
    SignedCheckpoint previous;
    try {
      previous = SignedCheckpoint.parse(note);
    } catch (IllegalArgumentException e) {
      report.fail(PREVIOUS, "signed note", "not a C2SP signed checkpoint: " + e.getMessage());
      return;
    }
    boolean signed =
        signature(PREVIOUS, "previous checkpoint signature", previous, keys, trust, report);
    if (!previous.origin().equals(cp.origin())) {
      report.fail(
          PREVIOUS, "origin", "a checkpoint of " + previous.origin() + ", not " + cp.origin());
      return;
    }
    String text = text(bag, CONSISTENCY, 16 << 10, report);
    if (text == null) {
      return;
    }
    String[] lines = text.split("\n", -1);
    if (lines.length < 3 || !lines[lines.length - 1].isEmpty()) {
      report.fail(
          CONSISTENCY,
          "format",
          "not 'from <size>', 'to <size>', hashes, each ending in a newline");
      return;
    }
    String[] body = Arrays.copyOf(lines, lines.length - 1);
    if (!body[0].equals("from " + previous.treeSize())) {
      report.fail(
          CONSISTENCY,
          "from",
          "says '" + body[0] + "', " + PREVIOUS + " has tree size " + previous.treeSize());
      return;
    }
    if (!body[1].equals("to " + cp.treeSize())) {
      report.fail(
          CONSISTENCY,
          "to",
          "says '" + body[1] + "', " + CHECKPOINT + " has tree size " + cp.treeSize());
      return;
    }
    List<byte[]> proof = hashes(body, 2, CONSISTENCY, report);
    if (proof == null) {
      return;
    }
    if (Merkle.verifyConsistency(
        previous.treeSize(), cp.treeSize(), previous.rootHash(), cp.rootHash(), proof)) {
      if (signed) {
        report.pass(
            CONSISTENCY,
            "consistency",
            "the log of "
                + cp.treeSize()
                + " entries extends the previous export's "
                + previous.treeSize()
                + " unchanged (append only)");
      }
    } else {
      report.fail(
          CONSISTENCY,
          "consistency",
          "does not prove the tree of "
              + cp.treeSize()
              + " an extension of the previous export's tree of "
              + previous.treeSize());
    }
  }

  /** Checks a checkpoint's signature against {@code keys}; true when it verifies. */
  private static boolean signature(
      String file,
      String check,
      SignedCheckpoint cp,
      List<PublicKey> keys,
      Trust trust,
      Report report) {
    if (keys.isEmpty()) {
      report.fail(
          file,
          check,
          trust.given()
              ? "no --trust file holds a public key to check it against"
              : "no " + KEY + " to check it against");
      return false;
    }
    for (PublicKey k : keys) {
      if (cp.verifies(k)) {
        report.pass(
            file,
            check,
            "Ed25519 by "
                + cp.origin()
                + " (key id "
                + cp.keyId()
                + ", "
                + (trust.given() ? "a --trust key" : "the package's own key")
                + "), tree size "
                + cp.treeSize()
                + ", "
                + cp.time());
        return true;
      }
    }
    report.fail(
        file,
        check,
        "the signature (key id "
            + cp.keyId()
            + ") does not verify with "
            + (trust.given() ? "any --trust key" : KEY));
    return false;
  }

  /** The keys checkpoints are checked against: the --trust keys, else the package's own. */
  private static List<PublicKey> keys(BagVerifier.Bag bag, Trust trust, Report report)
      throws IOException {
    PublicKey packaged = null;
    if (!bag.files().containsKey(KEY)) {
      report.fail(KEY, "present", "the checkpoint key is missing from the package");
    } else {
      String pem = text(bag, KEY, MAX_NOTE, report);
      Matcher m = pem == null ? null : PEM_KEY.matcher(pem);
      if (m != null && m.find()) {
        try {
          packaged =
              KeyFactory.getInstance("Ed25519")
                  .generatePublic(
                      new X509EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
          report.fail(KEY, "Ed25519 key", "not an Ed25519 public key: " + e.getMessage());
        }
      } else if (pem != null) {
        report.fail(KEY, "Ed25519 key", "no PEM public key");
      }
    }
    if (!trust.given()) {
      return packaged == null ? List.of() : List.of(packaged);
    }
    if (packaged != null) {
      byte[] encoded = packaged.getEncoded();
      if (trust.keys().stream().anyMatch(k -> Arrays.equals(k.getEncoded(), encoded))) {
        report.pass(KEY, "trusted key", "the package's checkpoint key is a --trust key");
      } else {
        report.fail(
            KEY, "trusted key", "the package's checkpoint key is not one of the --trust keys");
      }
    }
    return new ArrayList<>(trust.keys());
  }

  private static List<byte[]> hashes(String[] lines, int from, String file, Report report) {
    if (lines.length - from > MAX_PATH) {
      report.fail(file, "proof format", "more than " + MAX_PATH + " hashes");
      return null;
    }
    List<byte[]> out = new ArrayList<>();
    for (int i = from; i < lines.length; i++) {
      byte[] h;
      try {
        h = Base64.getDecoder().decode(lines[i]);
      } catch (IllegalArgumentException e) {
        report.fail(file, "proof format", "line " + (i + 1) + " is not base64");
        return null;
      }
      if (h.length != 32) {
        report.fail(file, "proof format", "line " + (i + 1) + " is not a 32-byte hash");
        return null;
      }
      out.add(h);
    }
    return out;
  }

  /** The file as strict UTF-8, or null (reported) when it is not or is too long. */
  static String text(BagVerifier.Bag bag, String name, long max, Report report) throws IOException {
    byte[] bytes = read(bag, name, max, report);
    if (bytes == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      report.fail(name, "UTF-8", "not UTF-8 text");
      return null;
    }
  }

  /** The file's bytes, or null (reported) when it is longer than {@code max}. */
  static byte[] read(BagVerifier.Bag bag, String name, long max, Report report) throws IOException {
    long size = bag.sizes().getOrDefault(name, 0L);
    if (size > max) {
      report.fail(name, "size", size + " bytes, over this verifier's limit of " + max);
      return null;
    }
    try (InputStream in = bag.source().open(bag.files().get(name))) {
      return TagFiles.readBounded(in, name, max);
    }
  }
}
