package org.custodia.verify;

import static org.assertj.core.api.Assertions.assertThat;

import gov.loc.repository.bagit.creator.BagCreator;
import gov.loc.repository.bagit.hash.StandardSupportedAlgorithms;
import gov.loc.repository.bagit.hash.SupportedAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline verifier on bags written by an independent implementation (the Library of Congress's
 * {@code gov.loc:bagit}), whole and then damaged or hostile one way at a time.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BagVerifierTest {
  /** SM3 for gov.loc's writer, through the Bouncy Castle provider. */
  static final SupportedAlgorithm SM3 =
      new SupportedAlgorithm() {
        @Override
        public String getMessageDigestName() {
          return "SM3";
        }

        @Override
        public String getBagitName() {
          return "sm3";
        }
      };

  @TempDir Path tmp;

  @BeforeAll
  static void bouncyCastle() {
    if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
      Security.addProvider(new BouncyCastleProvider());
    }
  }

  /** A bag of a few files (one in a subdirectory, one with a percent sign) by gov.loc:bagit. */
  private Path bag() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("bag"));
    Files.writeString(dir.resolve("note.txt"), "记录 one\n");
    Files.createDirectories(dir.resolve("originals"));
    byte[] media = new byte[300_000];
    new Random(7).nextBytes(media);
    Files.write(dir.resolve("originals").resolve("clip.mp4"), media);
    Files.writeString(dir.resolve("originals").resolve("100% sure.txt"), "percent\n");
    BagCreator.bagInPlace(
        dir,
        List.of(
            StandardSupportedAlgorithms.SHA256,
            StandardSupportedAlgorithms.SHA512,
            StandardSupportedAlgorithms.MD5,
            StandardSupportedAlgorithms.SHA1,
            SM3),
        false);
    return dir;
  }

  private static Report verify(Path bag) {
    return new BagVerifier(Limits.defaults()).verify(bag);
  }

  private static String failures(Report r) {
    return r.failures().toString();
  }

  /** The directory zipped, bagit.txt at the top. */
  private Path zip(Path dir, String name) throws IOException {
    Path zip = tmp.resolve(name);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
        Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return zip;
  }

  private Path zipWith(Path dir, String name, String entry, byte[] content) throws IOException {
    Path zip = tmp.resolve(name);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
        Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new ZipEntry(dir.relativize(f).toString()));
        Files.copy(f, out);
        out.closeEntry();
      }
      out.putNextEntry(new ZipEntry(entry));
      out.write(content);
      out.closeEntry();
    }
    return zip;
  }

  @Test
  void a_bag_written_by_gov_loc_bagit_verifies_as_a_directory_and_as_a_zip() throws Exception {
    Path dir = bag();
    Report r = verify(dir);
    assertThat(r.ok()).as(r.text()).isTrue();
    assertThat(r.text())
        .contains("manifest-sm3.txt: digests — 3 files match")
        .contains("tagmanifest-sha512.txt: digests")
        .contains("Payload-Oxum")
        .contains("VERIFIED");

    Report z = verify(zip(dir, "bag.zip"));
    assertThat(z.ok()).as(z.text()).isTrue();
    assertThat(z.json()).startsWith("{\"bag\":").contains("\"ok\":true");
  }

  @Test
  void a_zip_whose_bag_sits_in_one_top_directory_verifies() throws Exception {
    Path dir = bag();
    Path zip = tmp.resolve("nested.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
        Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new ZipEntry("export-1/" + dir.relativize(f)));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    Report r = verify(zip);
    assertThat(r.ok()).as(r.text()).isTrue();
  }

  @Test
  void one_flipped_byte_fails_naming_the_file_and_every_algorithm() throws Exception {
    Path dir = bag();
    Path clip = dir.resolve("data/originals/clip.mp4");
    byte[] b = Files.readAllBytes(clip);
    b[12_345] ^= 1;
    Files.write(clip, b);

    Report r = verify(dir);
    assertThat(r.ok()).isFalse();
    assertThat(r.failures())
        .extracting(Report.Check::file, Report.Check::check)
        .contains(
            org.assertj.core.groups.Tuple.tuple("data/originals/clip.mp4", "sha256"),
            org.assertj.core.groups.Tuple.tuple("data/originals/clip.mp4", "sm3"),
            org.assertj.core.groups.Tuple.tuple("data/originals/clip.mp4", "md5"));
    assertThat(r.text()).contains("NOT VERIFIED");
  }

  @Test
  void a_removed_file_fails_as_missing() throws Exception {
    Path dir = bag();
    Files.delete(dir.resolve("data/note.txt"));
    Report r = verify(dir);
    assertThat(failures(r))
        .contains("data/note.txt")
        .contains("listed in manifest-sha256.txt but missing from the bag");
    assertThat(r.text())
        .doesNotContain("ok    manifest-sha256.txt: digests")
        .contains("ok    tagmanifest-sha256.txt: digests");
  }

  @Test
  void an_added_file_fails_as_extra() throws Exception {
    Path dir = bag();
    Files.writeString(dir.resolve("data/originals/planted.mp4"), "not ours");
    Report r = verify(dir);
    assertThat(failures(r))
        .contains("data/originals/planted.mp4")
        .contains("not listed in manifest-sha512.txt (extra file)");
  }

  @Test
  void a_wrong_payload_oxum_fails() throws Exception {
    Path dir = bag();
    Path info = dir.resolve("bag-info.txt");
    Files.writeString(
        info, Files.readString(info).replaceAll("Payload-Oxum: \\d+\\.3", "Payload-Oxum: 1.3"));
    // the tag manifests cover bag-info.txt too: drop them so that only the Oxum is at fault
    for (String alg : List.of("sha256", "sha512", "md5", "sha1", "sm3")) {
      Files.delete(dir.resolve("tagmanifest-" + alg + ".txt"));
    }
    Report r = verify(dir);
    assertThat(r.failures())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.file()).isEqualTo("bag-info.txt");
              assertThat(c.check()).isEqualTo("Payload-Oxum");
              assertThat(c.detail()).contains("says 1.3 but the payload is");
            });
  }

  @Test
  void an_altered_tag_file_fails_its_tag_manifest() throws Exception {
    Path dir = bag();
    Files.writeString(
        dir.resolve("bag-info.txt"),
        "Source-Organization: someone else\n",
        java.nio.file.StandardOpenOption.APPEND);
    Report r = verify(dir);
    assertThat(failures(r)).contains("bag-info.txt").contains("tagmanifest-sha256.txt");
  }

  @Test
  void an_unknown_manifest_algorithm_is_named() throws Exception {
    Path dir = bag();
    Files.writeString(dir.resolve("manifest-blake3.txt"), "00ff data/note.txt\n");
    Report r = verify(dir);
    assertThat(r.ok()).isFalse();
    assertThat(failures(r))
        .contains("manifest-blake3.txt")
        .contains("unknown manifest algorithm 'blake3'")
        .contains("md5, sha1, sha256, sha512, sm3");
  }

  @Test
  void a_bad_bagit_txt_is_named() throws Exception {
    Path dir = bag();
    Files.writeString(
        dir.resolve("bagit.txt"), "BagIt-Version: 2.0\nTag-File-Character-Encoding: ISO-8859-1\n");
    Report r = verify(dir);
    assertThat(failures(r)).contains("BagIt-Version").contains("Tag-File-Character-Encoding");
  }

  @Test
  void a_zip_slip_entry_is_refused() throws Exception {
    Report r = verify(zipWith(bag(), "slip.zip", "data/../../evil.sh", "rm -rf /".getBytes()));
    assertThat(r.failures())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.file()).isEqualTo("data/../../evil.sh");
              assertThat(c.check()).isEqualTo("refused");
              assertThat(c.detail()).contains("zip-slip");
            });
    assertThat(tmp.getParent().resolve("evil.sh")).doesNotExist();
  }

  @Test
  void an_absolute_path_is_refused() throws Exception {
    Report r = verify(zipWith(bag(), "abs.zip", "/etc/cron.d/evil", "x".getBytes()));
    assertThat(failures(r)).contains("/etc/cron.d/evil").contains("absolute path");
    Report w = verify(zipWith(bag(), "drive.zip", "C:/Windows/evil", "x".getBytes()));
    assertThat(failures(w)).contains("absolute path");
  }

  @Test
  void a_symlink_in_a_directory_bag_is_refused_not_followed() throws Exception {
    Path dir = bag();
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "outside the bag");
    Files.createSymbolicLink(dir.resolve("data/link.txt"), secret);
    Report r = verify(dir);
    assertThat(failures(r)).contains("data/link.txt").contains("symbolic link (not followed)");
  }

  @Test
  void a_duplicate_zip_entry_is_refused() throws Exception {
    Path zip = zipWith(bag(), "dup.zip", "data/notf.txt", "second copy".getBytes());
    // ZipOutputStream refuses duplicates, so rename the last entry in place (same length)
    byte[] b = Files.readAllBytes(zip);
    byte[] from = "data/notf.txt".getBytes(StandardCharsets.US_ASCII);
    byte[] to = "data/note.txt".getBytes(StandardCharsets.US_ASCII);
    int replaced = 0;
    for (int i = 0; i + from.length <= b.length; i++) {
      if (java.util.Arrays.equals(b, i, i + from.length, from, 0, from.length)) {
        System.arraycopy(to, 0, b, i, to.length);
        replaced++;
      }
    }
    assertThat(replaced).isEqualTo(2); // local header and central directory
    Files.write(zip, b);
    Report r = verify(zip);
    assertThat(failures(r)).contains("data/note.txt").contains("duplicate zip entry");
  }

  @Test
  void a_file_that_is_not_a_zip_is_refused() throws Exception {
    Path notZip = Files.writeString(tmp.resolve("package.zip"), "PK but not really");
    Report r = verify(notZip);
    assertThat(r.ok()).isFalse();
    assertThat(failures(r)).contains("package.zip").contains("not a readable zip");
  }

  @Test
  void a_manifest_with_a_huge_line_is_refused() throws Exception {
    Path dir = bag();
    Files.writeString(
        dir.resolve("manifest-sha256.txt"),
        "ab".repeat(40_000) + " data/note.txt\n",
        java.nio.file.StandardOpenOption.APPEND);
    Report r = verify(dir);
    assertThat(failures(r)).contains("manifest-sha256.txt").contains("longer than 16384 bytes");
  }

  @Test
  void a_manifest_beyond_the_size_limit_is_refused_while_reading() throws Exception {
    Path dir = bag();
    Report r = new BagVerifier(Limits.defaults().withMaxTagFileBytes(200)).verify(dir);
    assertThat(failures(r))
        .contains("file=manifest-sha256.txt, check=refused")
        .contains("longer than the limit of 200 bytes");
  }

  @Test
  void a_huge_manifest_is_streamed_and_stopped_in_a_64_MiB_heap() throws Exception {
    Path dir = bag();
    // 15 MiB of well-formed lines naming files that do not exist: within the size limit, past the
    // line-count limit; every line a failure (the report lists 1000 and counts the rest)
    try (var out =
        new java.io.BufferedWriter(
            Files.newBufferedWriter(
                dir.resolve("manifest-sha256.txt"), java.nio.file.StandardOpenOption.APPEND))) {
      String digest = "ab".repeat(32);
      for (int i = 0; i < 120_000; i++) {
        out.write(digest + " data/absent/" + "记录".repeat(5) + i + ".mp4\n");
      }
    }
    assertThat(Files.size(dir.resolve("manifest-sha256.txt"))).isBetween(10L << 20, 16L << 20);
    String text = runCapped(dir);
    assertThat(text)
        .contains("FAIL  manifest-sha256.txt: refused — more than 100000 lines")
        .contains("NOT VERIFIED")
        .doesNotContain("OutOfMemoryError");
  }

  private static String runCapped(Path bag) throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                VerifyMain.class.getName(),
                bag.toString())
            .redirectErrorStream(true)
            .start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    p.getInputStream().transferTo(output);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = output.toString(StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text).isEqualTo(1);
    return text;
  }

  @Test
  void a_report_lists_a_thousand_failures_and_counts_the_rest() throws Exception {
    Path dir = bag();
    for (int i = 0; i < 1200; i++) {
      Files.writeString(dir.resolve("data/extra-" + i), "x");
    }
    Report r = verify(dir);
    assertThat(r.ok()).isFalse();
    assertThat(r.failures()).hasSize(Report.MAX_LISTED_FAILURES);
    // each extra file in each of the five payload manifests, and the Payload-Oxum
    assertThat(r.unlisted()).isEqualTo(5 * 1200 + 1 - Report.MAX_LISTED_FAILURES);
    assertThat(r.text()).contains("more failures, not listed");
  }

  @Test
  void the_total_size_limit_stops_inflating() throws Exception {
    Report r =
        new BagVerifier(Limits.defaults().withMaxTotalBytes(100_000)).verify(zip(bag(), "big.zip"));
    assertThat(failures(r)).contains("zip bomb").contains("total limit of 100000 bytes");
  }

  @Test
  void a_zip_bomb_is_stopped_while_inflating_in_a_64_MiB_heap() throws Exception {
    Path dir = bag();
    Path zip = tmp.resolve("bomb.zip");
    byte[] zeros = new byte[1 << 20];
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
        Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new ZipEntry(dir.relativize(f).toString()));
        Files.copy(f, out);
        out.closeEntry();
      }
      out.putNextEntry(new ZipEntry("data/zeros.bin"));
      for (int i = 0; i < 512; i++) {
        out.write(zeros); // 512 MiB of zeros deflate to about half a MiB
      }
      out.closeEntry();
    }
    assertThat(Files.size(zip)).isLessThan(2L << 20);

    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                VerifyMain.class.getName(),
                zip.toString())
            .redirectErrorStream(true)
            .start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    p.getInputStream().transferTo(output);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = output.toString(StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text).isEqualTo(1);
    assertThat(text)
        .contains("FAIL  data/zeros.bin: refused — zip bomb: inflates beyond")
        .contains("NOT VERIFIED")
        .doesNotContain("OutOfMemoryError");
  }

  @Test
  void the_command_line_exits_0_only_when_everything_holds() throws Exception {
    Path dir = bag();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    assertThat(
            VerifyMain.run(
                new String[] {dir.toString(), "--json"},
                new PrintStream(buf, true, StandardCharsets.UTF_8)))
        .isZero();
    assertThat(buf.toString(StandardCharsets.UTF_8)).contains("\"ok\":true");

    Files.delete(dir.resolve("data/note.txt"));
    ByteArrayOutputStream bad = new ByteArrayOutputStream();
    assertThat(
            VerifyMain.run(
                new String[] {dir.toString()}, new PrintStream(bad, true, StandardCharsets.UTF_8)))
        .isEqualTo(1);
    assertThat(bad.toString(StandardCharsets.UTF_8)).contains("FAIL  data/note.txt: present");

    assertThat(
            VerifyMain.run(
                new String[] {dir.toString(), "--max-total-bytes", "lots"},
                new PrintStream(OutputStream.nullOutputStream())))
        .isEqualTo(2);
    assertThat(
            VerifyMain.run(
                new String[] {"--bogus"}, new PrintStream(OutputStream.nullOutputStream())))
        .isEqualTo(2);
  }
}
