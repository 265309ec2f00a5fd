package org.custodia.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates any BagIt 1.0 bag (RFC 8493), a directory or a zip: bagit.txt, bag-info.txt's
 * Payload-Oxum, every payload and tag manifest of a known algorithm (md5, sha1, sha256, sha512,
 * sm3), every payload file in every payload manifest and none missing or extra. Each file is read
 * once, all of its algorithms computed in that one pass. The bag is treated as hostile: see {@link
 * BagSource#checkPath}, {@link Limits}.
 */
public final class BagVerifier {
  static final String BAG = "(bag)";
  private static final Pattern MANIFEST = Pattern.compile("(tag)?manifest-([^/]+)\\.txt");
  private static final Pattern VERSION = Pattern.compile("BagIt-Version: (\\d+)\\.(\\d+)");
  private static final Pattern OXUM = Pattern.compile("(\\d{1,19})\\.(\\d{1,19})");

  private final Limits limits;

  Limits limits() {
    return limits;
  }

  public BagVerifier(Limits limits) {
    this.limits = limits;
  }

  /** A parsed manifest: decoded path to lowercase hex digest. */
  record Manifest(String name, Algorithm algorithm, boolean tag, Map<String, String> digests) {}

  /** What was learnt of the bag on the way, for checks built on top (Custodia's). */
  public record Bag(
      Map<String, String> info,
      Map<String, BagSource.Entry> files,
      Map<String, Map<Algorithm, String>> digests,
      Map<String, Long> sizes,
      BagSource source) {}

  /** Verifies the bag at {@code path} and answers the report; never throws for a bad bag. */
  public Report verify(Path path) {
    return verify(path, null);
  }

  /** As {@link #verify(Path)}, then hands a bag whose checks all passed to {@code more}. */
  public Report verify(Path path, Extension more) {
    Report report = new Report(path.toString());
    try (BagSource source = BagSource.of(path, limits)) {
      Optional<Bag> bag = verify(source, report);
      if (bag.isPresent() && more != null) {
        more.check(this, bag.get(), report);
      }
    } catch (HostileBagException e) {
      report.fail(e.file(), "refused", e.getMessage());
    } catch (IOException | RuntimeException e) {
      report.fail(BAG, "readable", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return report;
  }

  /** Further checks on a bag that is whole (Custodia's receipts). */
  public interface Extension {
    void check(BagVerifier verifier, Bag bag, Report report) throws IOException;
  }

  private Optional<Bag> verify(BagSource source, Report report) throws IOException {
    List<BagSource.Entry> all = source.entries();
    String base = base(all);
    Map<String, BagSource.Entry> files = new TreeMap<>();
    for (BagSource.Entry e : all) {
      if (!e.path().startsWith(base)) {
        report.fail(e.path(), "inside the bag", "a file outside the bag's directory " + base);
        continue;
      }
      files.put(e.path().substring(base.length()), e);
    }

    // bagit.txt
    BagSource.Entry declaration = files.get("bagit.txt");
    if (declaration == null) {
      report.fail("bagit.txt", "present", "no bagit.txt: this is not a bag");
      return Optional.empty();
    }
    List<String> decl = lines(source, declaration, "bagit.txt");
    checkDeclaration(decl, report);

    // bag-info.txt
    Map<String, String> info = new LinkedHashMap<>();
    BagSource.Entry infoFile = files.get("bag-info.txt");
    if (infoFile != null) {
      info = parseInfo(lines(source, infoFile, "bag-info.txt"), report);
    }

    // manifests
    List<Manifest> manifests = new ArrayList<>();
    for (String name : files.keySet()) {
      Matcher m = MANIFEST.matcher(name);
      if (!m.matches()) {
        continue;
      }
      Optional<Algorithm> alg = Algorithm.byName(m.group(2));
      if (alg.isEmpty()) {
        report.fail(
            name,
            "known algorithm",
            "unknown manifest algorithm '"
                + m.group(2)
                + "' (this verifier knows "
                + String.join(", ", Algorithm.names())
                + ")");
        continue;
      }
      manifests.add(parseManifest(name, alg.get(), m.group(1) != null, source, files, report));
    }
    List<Manifest> payloadManifests = manifests.stream().filter(m -> !m.tag()).toList();
    if (payloadManifests.isEmpty()) {
      report.fail(BAG, "payload manifest", "no payload manifest of a known algorithm");
    }

    // one read of each file, every algorithm that names it at once
    Set<String> payload = new TreeSet<>();
    long octets = 0;
    Map<String, Map<Algorithm, String>> computed = new TreeMap<>();
    Map<String, Long> sizes = new TreeMap<>();
    for (Map.Entry<String, BagSource.Entry> f : files.entrySet()) {
      String name = f.getKey();
      boolean isPayload = name.startsWith("data/");
      List<Algorithm> algs = new ArrayList<>();
      for (Manifest m : manifests) {
        if ((isPayload && !m.tag()) || (!isPayload && m.tag() && m.digests().containsKey(name))) {
          if (!algs.contains(m.algorithm())) {
            algs.add(m.algorithm());
          }
        }
      }
      if (isPayload) {
        payload.add(name);
      } else if (algs.isEmpty()) {
        continue; // a tag file is read only when a tag manifest lists it
      }
      Map<Algorithm, String> d = new EnumMap<>(Algorithm.class);
      long size = digest(source, f.getValue(), algs, d);
      if (isPayload) {
        octets += size;
      }
      sizes.put(name, size);
      computed.put(name, d);
    }

    // compare
    for (Manifest m : manifests) {
      for (Map.Entry<String, String> listed : m.digests().entrySet()) {
        String name = listed.getKey();
        Map<Algorithm, String> d = computed.get(name);
        if (d == null || !files.containsKey(name)) {
          report.fail(name, "present", "listed in " + m.name() + " but missing from the bag");
        } else if (!d.get(m.algorithm()).equals(listed.getValue())) {
          report.fail(
              name,
              m.algorithm().bagitName(),
              "digest differs from "
                  + m.name()
                  + " (listed "
                  + listed.getValue()
                  + ", file has "
                  + d.get(m.algorithm())
                  + ")");
        }
      }
      if (!m.tag()) {
        for (String p : payload) {
          if (!m.digests().containsKey(p)) {
            report.fail(p, "listed", "a payload file not listed in " + m.name() + " (extra file)");
          }
        }
      }
    }
    for (Manifest m : manifests) {
      long bad =
          report.failures().stream()
              .filter(
                  c ->
                      (" " + c.detail() + " ").contains(" " + m.name() + " ")
                          || c.file().equals(m.name()))
              .count();
      if (bad == 0) {
        report.pass(m.name(), "digests", m.digests().size() + " files match");
      }
    }

    // Payload-Oxum
    String oxum = info.get("Payload-Oxum");
    if (oxum != null) {
      Matcher m = OXUM.matcher(oxum.strip());
      if (!m.matches()) {
        report.fail("bag-info.txt", "Payload-Oxum", "not <octets>.<files>: " + oxum);
      } else if (!m.group(1).equals(Long.toString(octets))
          || !m.group(2).equals(Integer.toString(payload.size()))) {
        report.fail(
            "bag-info.txt",
            "Payload-Oxum",
            "says "
                + oxum.strip()
                + " but the payload is "
                + octets
                + " bytes in "
                + payload.size()
                + " files");
      } else {
        report.pass("bag-info.txt", "Payload-Oxum", oxum.strip());
      }
    }
    boolean complete =
        report.failures().stream()
            .noneMatch(c -> c.check().equals("present") || c.check().equals("listed"));
    if (complete) {
      report.pass(BAG, "complete", payload.size() + " payload files, " + octets + " bytes");
    }
    return report.failures().isEmpty()
        ? Optional.of(new Bag(info, files, computed, sizes, source))
        : Optional.empty();
  }

  /** "" when bagit.txt is at the top, else the one top directory holding it ("bag/"). */
  private static String base(List<BagSource.Entry> all) {
    for (BagSource.Entry e : all) {
      if (e.path().equals("bagit.txt")) {
        return "";
      }
    }
    for (BagSource.Entry e : all) {
      String[] parts = e.path().split("/");
      if (parts.length == 2 && parts[1].equals("bagit.txt")) {
        return parts[0] + "/";
      }
    }
    return "";
  }

  private void checkDeclaration(List<String> decl, Report report) {
    if (decl.size() != 2) {
      report.fail("bagit.txt", "format", "must have exactly two lines, has " + decl.size());
      return;
    }
    Matcher v = VERSION.matcher(decl.get(0));
    if (!v.matches()) {
      report.fail("bagit.txt", "BagIt-Version", "first line is not 'BagIt-Version: M.N'");
    } else if (!(v.group(1).equals("1") && v.group(2).equals("0"))
        && !(v.group(1).equals("0") && v.group(2).equals("97"))) {
      report.fail(
          "bagit.txt",
          "BagIt-Version",
          "version " + v.group(1) + "." + v.group(2) + " (this verifier knows 1.0 and 0.97)");
    } else {
      report.pass("bagit.txt", "BagIt-Version", v.group(1) + "." + v.group(2));
    }
    if (!decl.get(1).equals("Tag-File-Character-Encoding: UTF-8")) {
      report.fail(
          "bagit.txt",
          "Tag-File-Character-Encoding",
          "second line must be 'Tag-File-Character-Encoding: UTF-8', is '" + decl.get(1) + "'");
    }
  }

  private static Map<String, String> parseInfo(List<String> lines, Report report) {
    Map<String, String> info = new LinkedHashMap<>();
    String last = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
        info.put(last, info.get(last) + " " + line.strip());
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        report.fail("bag-info.txt", "format", "line " + (i + 1) + " is not 'Label: value'");
        continue;
      }
      last = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      info.merge(last, value, (a, b) -> a + "\n" + b);
    }
    return info;
  }

  private Manifest parseManifest(
      String name,
      Algorithm alg,
      boolean tag,
      BagSource source,
      Map<String, BagSource.Entry> files,
      Report report)
      throws IOException {
    Map<String, String> digests = new LinkedHashMap<>();
    try (InputStream in = source.open(files.get(name))) {
      TagFiles.forEachLine(
          in,
          name,
          limits.maxTagFileBytes(),
          limits.maxLineBytes(),
          limits.maxFiles(),
          (number, line) -> manifestLine(name, tag, number, line, digests, report));
    }
    return new Manifest(name, alg, tag, digests);
  }

  private static void manifestLine(
      String name,
      boolean tag,
      int number,
      String line,
      Map<String, String> digests,
      Report report) {
    String[] parts = line.split("[ \t]+", 2);
    String path = parts.length == 2 ? TagFiles.decodePath(parts[1]) : null;
    if (parts.length != 2 || !parts[0].matches("[0-9A-Fa-f]+") || path == null) {
      report.fail(name, "format", "line " + number + " is not '<digest> <path>'");
      return;
    }
    try {
      BagSource.checkPath(path);
    } catch (HostileBagException e) {
      report.fail(name, "format", "line " + number + " names " + path + ": " + e.getMessage());
      return;
    }
    if (!tag && !path.startsWith("data/")) {
      report.fail(name, "format", "line " + number + " names " + path + ", not under data/");
      return;
    }
    if (tag && MANIFEST.matcher(path).matches() && path.startsWith("tagmanifest-")) {
      report.fail(name, "format", "line " + number + " lists a tag manifest");
      return;
    }
    if (digests.put(path, parts[0].toLowerCase(java.util.Locale.ROOT)) != null) {
      report.fail(name, "format", "line " + number + " lists " + path + " twice");
    }
  }

  List<String> lines(BagSource source, BagSource.Entry entry, String name) throws IOException {
    try (InputStream in = source.open(entry)) {
      return TagFiles.lines(
          TagFiles.readBounded(in, name, limits.maxTagFileBytes()), name, limits.maxLineBytes());
    }
  }

  /** Reads the entry once, updating each algorithm; answers its length. */
  static long digest(
      BagSource source, BagSource.Entry entry, List<Algorithm> algs, Map<Algorithm, String> out)
      throws IOException {
    List<Algorithm.Hasher> hashers = algs.stream().map(Algorithm::hasher).toList();
    long size = 0;
    int sm3 = algs.indexOf(Algorithm.SM3);
    if (sm3 >= 0 && algs.size() > 1 && entry.compressedSize() >= SPLIT_FROM) {
      // a large file: SM3 on a second thread, the other digests here (see SplitDigest)
      try (InputStream in = source.open(entry)) {
        size = SplitDigest.digest(in, hashers, hashers.get(sm3));
      }
    } else {
      size = digestHere(source, entry, hashers);
    }
    for (int i = 0; i < algs.size(); i++) {
      out.put(algs.get(i), HexFormat.of().formatHex(hashers.get(i).digest()));
    }
    return size;
  }

  /** Files from this size on are hashed on two threads. */
  static final long SPLIT_FROM = 4L << 20;

  private static long digestHere(
      BagSource source, BagSource.Entry entry, List<Algorithm.Hasher> hashers) throws IOException {
    long size = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = source.open(entry)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        size += n;
        for (Algorithm.Hasher h : hashers) {
          h.update(buf, 0, n);
        }
      }
    }
    return size;
  }
}
