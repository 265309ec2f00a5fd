package org.custodia.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the verifier found: every check with its file, passed or failed, in the order made. */
public final class Report {
  /** One check of one file (or of the bag as a whole, file "(bag)"). */
  public record Check(String file, String check, boolean ok, String detail) {}

  private final String bag;
  private final List<Check> checks = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private String trust;

  Report(String bag) {
    this.bag = bag;
  }

  void pass(String file, String check, String detail) {
    checks.add(new Check(file, check, true, detail));
  }

  /**
   * Failures listed at most; past that they are counted (a hostile bag may fail a million ways).
   */
  static final int MAX_LISTED_FAILURES = 1000;

  private int failed;

  void fail(String file, String check, String detail) {
    if (++failed <= MAX_LISTED_FAILURES) {
      checks.add(new Check(file, check, false, detail));
    }
  }

  /** Something the reader must know that is not a failure (which keys were trusted). */
  void note(String text) {
    notes.add(text);
  }

  /**
   * What the signatures were checked against: {@code "package"} (the package's own certificates and
   * key) or {@code "out-of-band"} ({@code --trust}); null when no Custodia check ran.
   */
  void trust(String source) {
    this.trust = source;
  }

  public List<String> notes() {
    return Collections.unmodifiableList(notes);
  }

  public String trust() {
    return trust;
  }

  /** Failures beyond those listed. */
  public int unlisted() {
    return Math.max(0, failed - MAX_LISTED_FAILURES);
  }

  public String bag() {
    return bag;
  }

  public List<Check> checks() {
    return Collections.unmodifiableList(checks);
  }

  public List<Check> failures() {
    return checks.stream().filter(c -> !c.ok()).toList();
  }

  /** True only when at least one check ran and none failed. */
  public boolean ok() {
    return !checks.isEmpty() && failed == 0;
  }

  /** A report for people: failures named one per line, then the passed checks, then the verdict. */
  public String text() {
    StringBuilder out = new StringBuilder("Verifying " + bag + "\n");
    for (Check c : checks) {
      out.append(c.ok() ? "  ok    " : "  FAIL  ")
          .append(c.file())
          .append(": ")
          .append(c.check())
          .append(c.detail().isEmpty() ? "" : " — " + c.detail())
          .append('\n');
    }
    for (String n : notes) {
      out.append("  NOTE  ").append(n).append('\n');
    }
    if (unlisted() > 0) {
      out.append("  FAIL  … and ").append(unlisted()).append(" more failures, not listed\n");
    }
    out.append(
        ok()
            ? "VERIFIED: " + checks.size() + " checks passed\n"
            : "NOT VERIFIED: "
                + failed
                + " of "
                + (checks.size() + unlisted())
                + " checks failed\n");
    return out.toString();
  }

  /**
   * The same as JSON: {"bag", "ok", "unlistedFailures", "trust", "notes": [...], "checks":
   * [{"file", "check", "ok", "detail"}]}.
   */
  public String json() {
    StringBuilder out = new StringBuilder("{\"bag\":").append(quote(bag));
    out.append(",\"ok\":").append(ok()).append(",\"unlistedFailures\":").append(unlisted());
    out.append(",\"trust\":").append(trust == null ? "null" : quote(trust));
    out.append(",\"notes\":[");
    for (int i = 0; i < notes.size(); i++) {
      out.append(i == 0 ? "" : ",").append(quote(notes.get(i)));
    }
    out.append("],\"checks\":[");
    for (int i = 0; i < checks.size(); i++) {
      Check c = checks.get(i);
      out.append(i == 0 ? "" : ",")
          .append("{\"file\":")
          .append(quote(c.file()))
          .append(",\"check\":")
          .append(quote(c.check()))
          .append(",\"ok\":")
          .append(c.ok())
          .append(",\"detail\":")
          .append(quote(c.detail()))
          .append('}');
    }
    return out.append("]}").toString();
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (ch < 0x20) {
            out.append(String.format("\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
