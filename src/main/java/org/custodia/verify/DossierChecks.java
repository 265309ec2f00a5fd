package org.custodia.verify;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code data/dossier.json} of a Custodia export: a strict JSON object of format {@code
 * custodia-export/1} for this export; every original it lists is in the bag at its path with its
 * recorded SHA-256, SM3 and size; every review copy and receipt file it names is there; every file
 * under {@code data/originals/} is listed. A malformed document is a failure naming it, never a
 * crash; it is read only up to {@link #MAX_BYTES}.
 */
final class DossierChecks {
  static final String NAME = "data/dossier.json";
  static final String FORMAT = "custodia-export/1";
  static final String ORIGINALS = "data/originals/";

  /** About 8,000 records: held whole while checked, inside the verifier's 64 MiB heap. */
  static final long MAX_BYTES = 8L << 20;

  private DossierChecks() {}

  static void check(BagVerifier.Bag bag, Report report) throws IOException {
    if (!bag.files().containsKey(NAME)) {
      report.fail(NAME, "present", "a Custodia export without its dossier.json");
      return;
    }
    long size = bag.sizes().getOrDefault(NAME, 0L);
    if (size > MAX_BYTES) {
      report.fail(NAME, "size", size + " bytes, over this verifier's limit of " + MAX_BYTES);
      return;
    }
    String text = AuditChecks.text(bag, NAME, MAX_BYTES, report);
    if (text == null) {
      return;
    }
    Object root;
    try {
      root = Json.parse(text);
    } catch (IllegalArgumentException e) {
      report.fail(NAME, "JSON", "malformed: " + e.getMessage());
      return;
    }
    if (!(root instanceof Map<?, ?> doc)) {
      report.fail(NAME, "JSON", "not a JSON object");
      return;
    }
    if (!FORMAT.equals(doc.get("format"))) {
      report.fail(NAME, "format", "format is " + doc.get("format") + ", not " + FORMAT);
      return;
    }
    String exportId = bag.info().get(CustodiaChecks.EXPORT_ID);
    Object export = doc.get("export");
    if (!(export instanceof Map<?, ?> x) || !exportId.equals(x.get("id"))) {
      report.fail(
          NAME,
          "export id",
          "export.id is not " + exportId + " (" + CustodiaChecks.EXPORT_ID + " of bag-info.txt)");
    }
    if (!(doc.get("records") instanceof List<?> records)) {
      report.fail(NAME, "records", "no records array");
      return;
    }
    Set<String> listed = new HashSet<>();
    int matched = 0;
    for (int k = 0; k < records.size(); k++) {
      String where = "records[" + k + "]";
      if (!(records.get(k) instanceof Map<?, ?> r)) {
        report.fail(NAME, "records", where + " is not an object");
        continue;
      }
      if (!(r.get("evidenceId") instanceof String id)
          || !(r.get("path") instanceof String path)
          || !(r.get("sha256") instanceof String sha256)) {
        report.fail(NAME, "records", where + " lacks evidenceId, path or sha256");
        continue;
      }
      if (!path.startsWith(ORIGINALS + id + ".") && !path.equals(ORIGINALS + id)) {
        report.fail(
            NAME, "record path", where + ": path " + path + " is not under " + ORIGINALS + id);
        continue;
      }
      if (!listed.add(path)) {
        report.fail(NAME, "records", where + " lists " + path + " a second time");
        continue;
      }
      if (file(bag, path, sha256, r.get("sm3"), r.get("size"), where, report)) {
        matched++;
      }
      if (r.get("reviewCopy") instanceof Map<?, ?> copy) {
        if (copy.get("path") instanceof String p && copy.get("sha256") instanceof String h) {
          listed.add(p);
          file(bag, p, h, null, null, where + ".reviewCopy", report);
        } else {
          report.fail(NAME, "records", where + ".reviewCopy lacks path or sha256");
        }
      }
      if (r.get("receipt") instanceof Map<?, ?> receipt) {
        for (String kind : List.of("json", "p7s", "sm2P7s", "tsr")) {
          Object p = receipt.get(kind);
          if (p instanceof String named && !bag.files().containsKey(named)) {
            report.fail(
                named, "listed in dossier.json", where + ".receipt." + kind + " is missing");
          }
        }
      }
    }
    List<String> unlisted = new ArrayList<>();
    for (String name : bag.files().keySet()) {
      if (name.startsWith(ORIGINALS) && !listed.contains(name)) {
        unlisted.add(name);
      }
    }
    for (String name : unlisted) {
      report.fail(name, "listed in dossier.json", "an original that dossier.json does not list");
    }
    if (matched == records.size() && unlisted.isEmpty()) {
      report.pass(
          NAME,
          "originals",
          records.size()
              + " originals listed, each present with its recorded hashes; none unlisted");
    }
  }

  /** Whether {@code path} is in the bag with the given SHA-256 (and SM3, size when given). */
  private static boolean file(
      BagVerifier.Bag bag,
      String path,
      String sha256,
      Object sm3,
      Object size,
      String where,
      Report report)
      throws IOException {
    if (!bag.files().containsKey(path)) {
      report.fail(path, "listed in dossier.json", where + " lists it, but it is not in the bag");
      return false;
    }
    Map<Algorithm, String> d = new EnumMap<>(Algorithm.class);
    d.putAll(bag.digests().getOrDefault(path, Map.of()));
    long actual = bag.sizes().getOrDefault(path, -1L);
    if (!d.containsKey(Algorithm.SHA256) || !d.containsKey(Algorithm.SM3) || actual < 0) {
      actual =
          BagVerifier.digest(
              bag.source(), bag.files().get(path), List.of(Algorithm.SHA256, Algorithm.SM3), d);
    }
    List<String> wrong = new ArrayList<>();
    if (!sha256.equalsIgnoreCase(d.get(Algorithm.SHA256))) {
      wrong.add("sha256 (dossier " + sha256 + ", file " + d.get(Algorithm.SHA256) + ")");
    }
    if (sm3 instanceof String s && !s.equalsIgnoreCase(d.get(Algorithm.SM3))) {
      wrong.add("sm3 (dossier " + s + ", file " + d.get(Algorithm.SM3) + ")");
    }
    if (size instanceof BigDecimal n && n.compareTo(BigDecimal.valueOf(actual)) != 0) {
      wrong.add("size (dossier " + n.toPlainString() + ", file " + actual + ")");
    } else if (size != null && !(size instanceof BigDecimal)) {
      wrong.add("size is not a number");
    }
    if (!wrong.isEmpty()) {
      report.fail(path, "dossier.json hashes", where + " differs: " + String.join(", ", wrong));
      return false;
    }
    return true;
  }
}
