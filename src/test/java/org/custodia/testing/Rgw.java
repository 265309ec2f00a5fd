package org.custodia.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A one-node Ceph RADOS Gateway started with {@code scripts/rgw} (the S3 server that enforces
 * Object Lock), for {@link RgwProfile} tests.
 */
public final class Rgw {
  private Rgw() {}

  /** Starts a cluster in {@code dir}; returns the service's {@code custodia.s3.*} settings. */
  public static Map<String, String> start(Path dir) {
    String out = run("start", dir.toString());
    Map<String, String> env = new HashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    Map<String, String> config = new HashMap<>();
    config.put("custodia.s3.endpoint", require(env, "S3_ENDPOINT"));
    config.put("custodia.s3.access-key", require(env, "S3_ACCESS_KEY"));
    config.put("custodia.s3.secret-key", require(env, "S3_SECRET_KEY"));
    config.put("custodia.s3.region", require(env, "S3_REGION"));
    return config;
  }

  public static void stop(Path dir) {
    run("stop", dir.toString(), "--rm");
  }

  private static String require(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException("scripts/rgw printed no " + name);
    }
    return value;
  }

  private static String run(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = Path.of("scripts/rgw").toAbsolutePath().toString();
    System.arraycopy(args, 0, command, 1, args.length);
    try {
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("scripts/rgw " + args[0] + " did not finish");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "scripts/rgw "
                + args[0]
                + " failed (exit "
                + p.exitValue()
                + "); needs ceph-mon,"
                + " ceph-osd and radosgw from apt (scripts/test installs them)");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
