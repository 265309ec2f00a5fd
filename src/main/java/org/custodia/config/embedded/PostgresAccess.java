package org.custodia.config.embedded;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.custodia.support.KeyFiles;
import org.jboss.logging.Logger;

/**
 * Who may connect to the embedded PostgreSQL: the superuser with the password kept owner-only in
 * the data directory, over 127.0.0.1 or the socket in the data directory; nobody without it. The
 * password is generated on the first start and kept; a cluster made by an earlier version (which
 * let anyone on the machine in without a password) gets the password and the new rules on its next
 * start.
 */
final class PostgresAccess {
  private static final Logger LOG = Logger.getLogger(PostgresAccess.class);
  private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9._~+/=-]{16,}");

  static final String PG_HBA =
      """
      # Written by Custodia at every start of its embedded PostgreSQL (changes here are replaced):
      # the superuser "postgres" signs in with the password in <data dir>/keys/postgres-password.
      # TYPE  DATABASE  USER  ADDRESS        METHOD
      local   all       all                  scram-sha-256
      host    all       all   127.0.0.1/32   scram-sha-256
      """;

  private final Path passwordFile;
  private final String password;
  private final boolean generated;

  private PostgresAccess(Path passwordFile, String password, boolean generated) {
    this.passwordFile = passwordFile;
    this.password = password;
    this.generated = generated;
  }

  /** Reads the password from {@code file}, generating it (owner-only, once) if absent. */
  static PostgresAccess load(Path file) {
    try {
      boolean generated = false;
      if (!Files.exists(file)) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        generated =
            KeyFiles.writeOnce(
                file,
                (HexFormat.of().formatHex(secret) + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (!PASSWORD.matcher(password).matches()) {
        throw new IllegalStateException(
            file + " does not hold a usable password (16 or more of A-Z a-z 0-9 . _ ~ + / = -)");
      }
      return new PostgresAccess(file, password, generated);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  String password() {
    return password;
  }

  /**
   * Before the server starts: unless the cluster already has this password and Custodia's rules,
   * sets the password (in single-user mode, so no connection is ever let in without it) and then
   * writes the rules.
   */
  void apply(Path pgData, Path binaries, boolean fresh) {
    try {
      Path hba = pgData.resolve("pg_hba.conf");
      boolean rulesInPlace = Files.isRegularFile(hba) && PG_HBA.equals(Files.readString(hba));
      if (rulesInPlace && !generated) {
        return;
      }
      setPassword(pgData, binaries);
      Files.writeString(hba, PG_HBA);
      if (!fresh) {
        LOG.infof(
            "embedded PostgreSQL: the superuser's password is now the one in %s (owner-only)%s",
            passwordFile, rulesInPlace ? "" : "; connections without it are refused");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set the embedded PostgreSQL's password", e);
    }
  }

  private void setPassword(Path pgData, Path binaries) throws IOException {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      command.addAll(
          List.of("unshare", "-U")); // as the embedded server runs (postgres refuses root)
    }
    command.addAll(
        List.of(
            binaries.resolve("bin/postgres").toString(),
            "--single",
            "-D",
            pgData.toString(),
            "-c",
            "password_encryption=scram-sha-256",
            "postgres"));
    Process single = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = single.getOutputStream()) {
      // on stdin, never on a command line another user could read
      in.write(
          ("ALTER ROLE postgres WITH PASSWORD '" + password + "';\n")
              .getBytes(StandardCharsets.US_ASCII));
    }
    String output;
    try (InputStream out = single.getInputStream()) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      out.transferTo(buffer);
      output = buffer.toString(StandardCharsets.UTF_8).replace(password, "***");
    }
    int status;
    try {
      status = single.waitFor();
    } catch (InterruptedException e) {
      single.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while setting the password", e);
    }
    if (status != 0 || output.contains("ERROR:") || output.contains("FATAL:")) {
      throw new IOException(
          "setting the embedded PostgreSQL's password failed (exit " + status + "):\n" + output);
    }
  }
}
