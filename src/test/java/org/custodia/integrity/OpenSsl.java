package org.custodia.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.custodia.support.KeyFiles;

/** Runs Debian's {@code openssl} on files, as an outside verifier would. */
final class OpenSsl {
  private OpenSsl() {}

  /** Exit status and combined output of one run. */
  record Run(int exit, String output) {
    boolean ok() {
      return exit == 0;
    }
  }

  static Run run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out);
  }

  /** {@code cms -verify} without the S/MIME purpose check (as an auditor with a plain CA file). */
  static Run cmsVerifyAnyPurpose(Path dir, String p7s, String content, String caFile)
      throws IOException, InterruptedException {
    return run(
        dir,
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        p7s,
        "-content",
        content,
        "-CAfile",
        caFile,
        "-purpose",
        "any",
        "-out",
        "/dev/null");
  }

  static Run cmsVerify(Path dir, String p7s, String content, String caFile)
      throws IOException, InterruptedException {
    return run(
        dir,
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        p7s,
        "-content",
        content,
        "-CAfile",
        caFile,
        "-out",
        "/dev/null");
  }

  static Run tsVerify(Path dir, String tsr, String data, String caFile)
      throws IOException, InterruptedException {
    return run(dir, "ts", "-verify", "-in", tsr, "-token_in", "-data", data, "-CAfile", caFile);
  }

  static void writePem(Path file, Collection<X509Certificate> certs) throws Exception {
    StringBuilder pem = new StringBuilder();
    for (X509Certificate c : certs) {
      pem.append(KeyFiles.pem("CERTIFICATE", c.getEncoded()));
    }
    Files.writeString(file, pem);
  }
}
