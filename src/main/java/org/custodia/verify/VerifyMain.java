package org.custodia.verify;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar custodia-verify.jar PACKAGE.zip|BAG-DIR [--json] [--trust FILE.pem]...
 * [--max-total-bytes N]}: verifies a bag offline and prints the report. Exit 0 only when every
 * check holds, 1 when one fails, 2 for a usage error.
 */
public final class VerifyMain {
  private VerifyMain() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8)));
  }

  /** Runs the verifier as {@link #main} does and answers the exit code. */
  public static int run(String[] args, PrintStream out) {
    boolean json = false;
    Path bag = null;
    Limits limits = Limits.defaults();
    Trust trust = Trust.none();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--json")) {
        json = true;
      } else if (a.equals("--max-total-bytes") && i + 1 < args.length) {
        try {
          limits = limits.withMaxTotalBytes(Long.parseLong(args[++i]));
        } catch (NumberFormatException e) {
          out.println("--max-total-bytes takes a number of bytes, not " + args[i]);
          return 2;
        }
      } else if (a.equals("--trust") && i + 1 < args.length) {
        try {
          trust.add(Path.of(args[++i]));
        } catch (IllegalArgumentException | java.io.IOException e) {
          out.println("--trust " + args[i] + ": " + e.getMessage());
          return 2;
        }
      } else if (a.equals("-h") || a.equals("--help")) {
        out.println(usage());
        return 0;
      } else if (a.startsWith("-") || bag != null) {
        out.println("unknown argument: " + a + "\n" + usage());
        return 2;
      } else {
        bag = Path.of(a);
      }
    }
    if (bag == null || !Files.exists(bag)) {
      out.println((bag == null ? "no bag given" : "no such file: " + bag) + "\n" + usage());
      return 2;
    }
    Report report = new BagVerifier(limits).verify(bag, new CustodiaChecks(trust));
    out.print(json ? report.json() + "\n" : report.text());
    return report.ok() ? 0 : 1;
  }

  private static String usage() {
    return "usage: verify PACKAGE.zip|BAG-DIR [--json] [--trust FILE.pem]... [--max-total-bytes N]";
  }
}
